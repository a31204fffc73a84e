import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether this process may mount a small tmpfs: a full disk and a write-protected card need a
 * real small file system. Root in a sandbox may not be allowed to; tests that need it skip.
 */
export function canMountTmpfs(): boolean {
  if (process.platform !== 'linux') return false;
  const probe = mkdtempSync(join(tmpdir(), 'kluis-mount-probe-'));
  try {
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]).status === 0;
    if (ok) spawnSync('umount', [probe]);
    return ok;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/**
 * Whether a file in `dir` can be made undeletable with the immutable attribute (chattr +i):
 * then not even root may unlink it, the way another program holding a file keeps it on some
 * systems. Needs CAP_LINUX_IMMUTABLE and a file system with the attribute (ext4, xfs, btrfs);
 * tests that need it skip where either is missing (tmpfs, a sandbox without the capability).
 */
export function canMakeUndeletable(dir: string = tmpdir()): boolean {
  if (process.platform !== 'linux') return false;
  const probeDir = mkdtempSync(join(dir, 'kluis-immutable-probe-'));
  const probe = join(probeDir, 'f');
  writeFileSync(probe, 'x');
  try {
    if (spawnSync('chattr', ['+i', probe]).status !== 0) return false;
    try {
      unlinkSync(probe);
      return false;
    } catch {
      return true;
    } finally {
      spawnSync('chattr', ['-i', probe]);
    }
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
}

/** Makes a file undeletable (true) or ordinary again (false); see canMakeUndeletable. */
export function setUndeletable(path: string, on: boolean): void {
  const r = spawnSync('chattr', [on ? '+i' : '-i', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`chattr ${on ? '+i' : '-i'} ${path} failed: ${r.stderr || r.error?.message}`);
}
