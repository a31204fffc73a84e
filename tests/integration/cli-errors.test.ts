import { execFileSync } from 'node:child_process';
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canMountTmpfs } from '../helpers/system';
import { filesUnder, hashTree, initVault, kluis, listJson, removeDir, tempDir, type CliVault } from './helpers/cli';

/**
 * We run as root, and root ignores chmod, so "read-only" and "disk full" need real file
 * systems: a tmpfs remounted read-only, and a small tmpfs. Without mount rights (a normal
 * user, a container without CAP_SYS_ADMIN) those tests are skipped, not faked.
 */
const cannotMount = !canMountTmpfs();

const mounts: string[] = [];
function mountTmpfs(at: string, sizeMiB: number): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'tmpfs', at]);
  mounts.push(at);
}

describe('kluis CLI error cases', () => {
  let root: string;

  beforeAll(async () => {
    root = await tempDir();
  });
  afterAll(async () => {
    for (const m of mounts.reverse()) execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    await removeDir(root);
  });

  it('a vault folder that does not exist: usage error naming the path', async () => {
    const dir = join(root, 'no-such-vault');
    const r = await kluis(['ls', '--vault', dir, '--password-file', '/dev/null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`The vault folder ${dir} does not exist`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a folder that is not a vault: says so, exit 3', async () => {
    const dir = join(root, 'plain');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'hello');
    const r = await kluis(['verify', '--vault', dir, '--password-file', '/dev/null']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/is not a Kluis vault/);
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('init refuses a folder that holds other files', async () => {
    const dir = join(root, 'plain');
    const pw = join(root, 'pw');
    await writeFile(pw, 'correct horse battery staple 42');
    const r = await kluis(['init', '--vault', dir, '--password-file', pw, '--kdf-memory-mib', '64', '--kdf-iterations', '3']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/not empty/);
    expect(r.stdout.length).toBe(0);
  });

  it('a damaged item: verify exits 1 naming it; cat refuses it with exit 1', async () => {
    const v = await initVault(root, 'damaged');
    const src = join(root, 'lesson-3.mp4');
    await writeFile(src, Buffer.alloc(200_000, 7));
    const keep = join(root, 'keep.txt');
    await writeFile(keep, 'fine');
    const [bad, good] = (await v.run('add', [src, keep])).stdout.toString().trim().split('\n');
    const listed = await listJson(v);
    // Flip one ciphertext byte in the middle of the larger blob; its chunk tag must fail.
    const blobs = await filesUnder(join(v.dir, 'objects'));
    const sizes = await Promise.all(blobs.map(async (f) => (await readFile(f)).length));
    const target = blobs[sizes.indexOf(Math.max(...sizes))]!;
    const fh = await open(target, 'r+');
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, 100_000);
    b[0]! ^= 0x01;
    await fh.write(b, 0, 1, 100_000);
    await fh.close();

    const r = await v.run('verify');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`DAMAGED ${bad} "lesson-3.mp4"`);
    expect(r.stderr).not.toContain(good!);
    const json = await v.run('verify', ['--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout.toString()) as { ok: boolean; items: { id: string; ok: boolean }[] };
    expect(report.ok).toBe(false);
    expect(report.items.find((i) => i.id === bad)?.ok).toBe(false);
    expect(report.items.find((i) => i.id === good)?.ok).toBe(true);
    const cat = await v.run('cat', [bad!]);
    expect(cat.code).toBe(1);
    expect(cat.stderr).toMatch(/is damaged/);
    expect(listed).toHaveLength(2);
  });

  describe('on a read-only disk', () => {
    let v: CliVault;
    let mnt: string;

    it.skipIf(cannotMount)('every command says the folder is not writable, exit 3, and nothing changes', async () => {
      mnt = join(root, 'ro');
      await mkdir(mnt);
      mountTmpfs(mnt, 16);
      v = await initVault(mnt, 'vault');
      const extra = join(root, 'extra.txt');
      await writeFile(extra, 'extra');
      expect((await v.run('add', [extra])).code).toBe(0);
      const before = await hashTree(v.dir);
      execFileSync('mount', ['-o', 'remount,ro', mnt]);
      try {
        for (const args of [['ls'], ['add', extra], ['verify'], ['passwd', '--new-password-file', v.newPasswordFile]]) {
          const r = await v.run(args[0]!, args.slice(1));
          expect(r.code, args[0]).toBe(3);
          expect(r.stderr, args[0]).toMatch(/may not write to the vault folder.*read-only/);
          expect(r.stderr).not.toMatch(/\n\s+at /);
        }
        expect(await hashTree(v.dir)).toEqual(before);
      } finally {
        execFileSync('mount', ['-o', 'remount,rw', mnt]);
      }
      expect((await v.run('verify')).code).toBe(0);
    });
  });

  describe('on a full disk', () => {
    it.skipIf(cannotMount)('add says the disk is full, and the vault stays as it was', async () => {
      const mnt = join(root, 'small');
      await mkdir(mnt);
      mountTmpfs(mnt, 8);
      const v = await initVault(mnt, 'vault');
      const small = join(root, 'small.bin');
      await writeFile(small, Buffer.alloc(100_000, 1));
      const first = await v.run('add', [small]);
      expect(first.code, first.stderr).toBe(0);
      const big = join(root, 'big.bin');
      await writeFile(big, Buffer.alloc(20 * 1024 * 1024, 2));

      const r = await v.run('add', [big]);
      expect(r.code).toBe(3);
      expect(r.stderr.trim()).toMatch(/^kluis: The disk is full while adding big\.bin\./);
      expect(r.stdout.length).toBe(0);

      const items = await listJson(v);
      expect(items.map((i) => i.name)).toEqual(['small.bin']);
      expect(await readdir(join(v.dir, 'staging'))).toEqual([]);
      expect((await v.run('verify')).code).toBe(0);
      // The space is free again: the next add fits.
      expect((await v.run('add', [small])).code).toBe(0);
    });
  });
});
