import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCard, INGEST_MIGRATIONS, overwriteFreeSpace, type ImportReport } from '../../electron/core/ingest';
import { Vault, isVaultError } from '../../electron/core/vault';
import { makeClip, makeFile } from '../fixtures/cards';
import { canMountTmpfs } from '../helpers/system';

const PASSWORD = 'fault test passphrase: acht apen eten 8 ananassen';
const KDF = { memoryKiB: 64 * 1024, iterations: 3 };
const work = mkdtempSync(join(tmpdir(), 'kluis-ingest-faults-'));
const mounts: string[] = [];
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

afterAll(() => {
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  rmSync(work, { recursive: true, force: true });
});

// Root in a sandbox may or may not mount file systems; without it these cases cannot be staged.
const canMount = canMountTmpfs();
const hasFuse = existsSync('/dev/fuse') && spawnSync('/usr/bin/python3', ['-c', 'import fusepy']).status === 0;

function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${name.name}` : name.name;
      if (name.isDirectory()) walk(r);
      else out.set(r, sha(join(root, r)));
    }
  };
  walk('');
  return out;
}

async function verifiedRecordings(vaultDir: string): Promise<string[]> {
  const v = await Vault.open(vaultDir, PASSWORD);
  try {
    const report = await v.verify();
    expect(report.ok).toBe(true);
    // A child killed before its first import step never created the tables.
    v.migrate('ingest', INGEST_MIGRATIONS);
    return (v.catalog.prepare("SELECT f.rel_path FROM recording_files f JOIN recordings r ON r.id = f.recording_id WHERE r.state = 'verified' ORDER BY 1").all() as { rel_path: string }[]).map((r) => r.rel_path);
  } finally {
    await v.lock();
  }
}

describe('a card that fails mid-file (EIO) and cannot be written', () => {
  // The FUSE mirror answers EIO past 256 KiB for files named *EIO* and refuses writes: a card
  // being pulled out, on a read-only card.
  it.skipIf(!hasFuse)('reports EIO per file, imports the rest, wipes nothing it may not', async () => {
    const src = join(work, 'eio-src');
    makeFile(join(src, 'DCIM/100CANON/MVI_EIO1.MP4'), 900_000);
    makeClip(join(src, 'DCIM/100CANON/MVI_0002.MP4'), { seed: 31 });
    const before = snapshot(src);
    const mnt = join(work, 'eio-mnt');
    mkdirSync(mnt);
    const fuse: ChildProcess = spawn('/usr/bin/python3', ['tests/fixtures/eio_fs.py', src, mnt], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !existsSync(join(mnt, 'DCIM')); i++) await new Promise((r) => setTimeout(r, 100));
      const { vault } = await Vault.create(join(work, 'eio-vault'), PASSWORD, { kdf: KDF });
      const report = await importCard(vault, mnt, { wipe: true, sourceLabel: 'EIO_CARD' });
      await vault.lock();
      const bad = report.units.find((u) => u.label === 'MVI_EIO1.MP4')!;
      expect(bad.outcome).toBe('failed');
      expect(bad.files[0]!.error).toMatch(/EIO/);
      expect(bad.files[0]!.errorCode).toBe('READ_ERROR');
      expect(bad.files[0]!.wipe).toBe('kept');
      const good = report.units.find((u) => u.label === 'MVI_0002.MP4')!;
      expect(good.outcome).toBe('verified');
      expect(good.files[0]!.wipe).toBe('failed');
      expect(good.files[0]!.error).toMatch(/write-protected/);
      expect(good.files[0]!.errorCode).toBe('WRITE_PROTECTED');
      expect(report.ok).toBe(false);
      expect(snapshot(src)).toEqual(before);
      expect(await verifiedRecordings(join(work, 'eio-vault'))).toEqual(['DCIM/100CANON/MVI_0002.MP4']);
    } finally {
      spawnSync('umount', ['-l', mnt]);
      fuse.kill();
    }
  });
});

describe('a full vault disk (ENOSPC)', () => {
  it.skipIf(!canMount)('stops with a clear error, loses nothing, wipes nothing, and resumes when there is room', async () => {
    const disk = join(work, 'small-disk');
    mkdirSync(disk);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', disk]).status).toBe(0);
    mounts.push(disk);
    const vaultDir = join(disk, 'vault');
    const { vault } = await Vault.create(vaultDir, PASSWORD, { kdf: KDF });
    const src = join(work, 'big-card');
    for (let i = 0; i < 4; i++) makeFile(join(src, `DCIM/100CANON/MVI_04${i}0.MP4`), 2_000_000 + i);
    const before = snapshot(src);
    let failure: unknown;
    try {
      await importCard(vault, src, { wipe: true, sourceLabel: 'FULL_CARD' });
    } catch (e) {
      failure = e;
    }
    expect(isVaultError(failure, 'NO_SPACE')).toBe(true);
    expect((failure as Error).message).toMatch(/disk is full/);
    expect((failure as { report?: ImportReport }).report?.ok).toBe(false);
    await vault.lock();
    // Every verified clip may have been wiped; every other clip is still on the card, intact.
    const listed = await verifiedRecordings(vaultDir);
    for (const [rel, hash] of before) {
      if (listed.includes(rel)) continue;
      expect(sha(join(src, rel))).toBe(hash);
    }
    expect(listed.length).toBeLessThan(4);

    expect(spawnSync('mount', ['-o', 'remount,size=64m', disk]).status).toBe(0);
    const again = await Vault.open(vaultDir, PASSWORD);
    const report = await importCard(again, src, { wipe: true, sourceLabel: 'FULL_CARD' });
    await again.lock();
    expect(report.ok).toBe(true);
    expect(await verifiedRecordings(vaultDir)).toEqual([...before.keys()].sort());
    expect(readdirSync(join(src, 'DCIM'))).toEqual([]);
  });
});

describe('kill -9 at random moments of an import, then resume', () => {
  it('keeps the card intact until verified, the vault consistent, and finishes on the next run', async () => {
    const seed = Number(process.env['KLUIS_CRASH_SEED'] ?? Date.now() % 100000);
    let state = seed;
    const rand = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const src = join(work, 'crash-card');
    for (let i = 0; i < 3; i++) makeFile(join(src, `DCIM/100CANON/MVI_05${i}0.MP4`), 24_000_000 + i);
    makeClip(join(src, 'DCIM/100GOPRO/GX010050.MP4'), { seed: 50 });
    makeClip(join(src, 'DCIM/100GOPRO/GX020050.MP4'), { seed: 51 });
    const before = snapshot(src);
    const vaultDir = join(work, 'crash-vault');
    await (await Vault.create(vaultDir, PASSWORD, { kdf: KDF })).vault.lock();
    const env = { ...process.env, KLUIS_TEST_PASSWORD: PASSWORD };
    const run = (killAfterMs: number | null): Promise<string> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/run-import.mts', vaultDir, src, '1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        // The clock starts at the import's first progress line, so every kill lands inside the import.
        let timer: NodeJS.Timeout | null = null;
        child.stdout.once('data', () => {
          if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        });
        child.on('exit', () => {
          if (timer) clearTimeout(timer);
          resolve(out);
        });
      });
    let progressed = 0;
    for (let k = 0; k < 6; k++) {
      const out = await run(Math.floor(rand() * 1500));
      expect(out, `seed ${seed}, kill ${k}: the child failed on its own`).not.toMatch(/Error/);
      if (/^(copying|verifying|wiping|done) /m.test(out)) progressed++;
      // After every crash: the vault opens and verifies, and whatever is not listed as verified is still on the card.
      const listed = await verifiedRecordings(vaultDir);
      for (const [rel, hash] of before) if (!listed.includes(rel)) expect(sha(join(src, rel)), `seed ${seed}, kill ${k}: ${rel}`).toBe(hash);
      expect(readdirSync(join(vaultDir, 'staging')).filter((f) => !f.startsWith('backup-'))).toEqual([]);
    }
    // Kills that all land before the import starts would prove nothing.
    expect(progressed, `seed ${seed}`).toBe(6);
    const out = await run(null);
    expect(out, `seed ${seed}`).toMatch(/DONE true/);
    expect(await verifiedRecordings(vaultDir)).toEqual([...before.keys()].sort());
    for (const rel of before.keys()) expect(existsSync(join(src, rel))).toBe(false);
  });
});


describe('overwriting the free space of a card after a full import', () => {
  it.skipIf(!canMount)('fills the free space with zeros, then leaves the card as empty as before', async () => {
    const card = join(work, 'free-card');
    mkdirSync(card);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', card]).status).toBe(0);
    mounts.push(card);
    makeFile(join(card, 'MISC/keep.txt'), Buffer.from('stays'));
    const { statfsSync } = await import('node:fs');
    const freeBefore = statfsSync(card).bavail;
    const seen: number[] = [];
    const { bytesWritten } = await overwriteFreeSpace(card, { onProgress: (p) => seen.push(p.bytesWritten) });
    expect(bytesWritten).toBeGreaterThan(20 * 1024 * 1024);
    expect(seen.length).toBeGreaterThan(3);
    expect(readdirSync(card)).toEqual(['MISC']);
    expect(statfsSync(card).bavail).toBe(freeBefore);
    expect(readFileSync(join(card, 'MISC/keep.txt'), 'utf8')).toBe('stays');
  });
});

describe('overwriting the free space of a write-protected card', () => {
  it.skipIf(!canMount)('says the card is write-protected and leaves it as it was', async () => {
    const card = join(work, 'ro-card');
    mkdirSync(card);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', card]).status).toBe(0);
    mounts.push(card);
    makeFile(join(card, 'keep.bin'), 1000);
    expect(spawnSync('mount', ['-o', 'remount,ro', card]).status).toBe(0);
    const failure = await overwriteFreeSpace(card).catch((e: unknown) => e);
    expect(isVaultError(failure, 'NOT_WRITABLE')).toBe(true);
    expect((failure as Error).message).toMatch(/write-protected/);
    expect(readdirSync(card)).toEqual(['keep.bin']);
  });
});
