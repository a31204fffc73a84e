import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, hashTree, initVault, kluis, listJson, prng, removeDir, sha256, tempDir, testSeed, type CliVault } from './helpers/cli';

const SEED = testSeed();
// Around the 64 KiB AEAD chunk: an empty blob is one final chunk of only a tag.
const SIZES = [0, 1, 65535, 65536, 65537, 3 * 65536 + 17];

describe(`kluis CLI round trip (seed ${SEED})`, () => {
  let root: string;
  let v: CliVault;
  const sources = new Map<string, Buffer>();
  const ids: string[] = [];

  beforeAll(async () => {
    root = await tempDir();
    v = await initVault(root);
  });
  afterAll(() => removeDir(root));

  it('init printed a recovery key on stdout and nothing else', () => {
    expect(v.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
  });

  it('add prints one id per file, in order', async () => {
    const rnd = prng(SEED);
    const files: string[] = [];
    for (const size of SIZES) {
      const file = join(root, `src-${size}.bin`);
      const data = rnd.bytes(size);
      await writeFile(file, data);
      files.push(file);
      sources.set(`src-${size}.bin`, data);
    }
    const r = await v.run('add', files);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = r.stdout.toString().trim().split('\n');
    expect(printed).toHaveLength(SIZES.length);
    for (const id of printed) expect(id).toMatch(/^it_[0-9a-f]{16}$/);
    ids.push(...printed);
  });

  it('ls --json lists exactly the documented fields', async () => {
    const items = await listJson(v);
    expect(items.map((i) => i.id)).toEqual(ids);
    for (const [n, item] of items.entries()) {
      expect(Object.keys(item)).toEqual(['id', 'name', 'size', 'sha256', 'addedAt']);
      const src = sources.get(item.name)!;
      expect(item).toMatchObject({ name: `src-${SIZES[n]}.bin`, size: src.length, sha256: sha256(src) });
      expect(new Date(item.addedAt).toISOString()).toBe(item.addedAt);
    }
  });

  it('ls without --json shows each id and name', async () => {
    const r = await v.run('ls');
    expect(r.code).toBe(0);
    const lines = r.stdout.toString().trim().split('\n');
    expect(lines).toHaveLength(ids.length);
    for (const [n, line] of lines.entries()) expect(line).toMatch(new RegExp(`^${ids[n]}\\s.*src-${SIZES[n]}\\.bin$`));
  });

  it('cat gives back each file byte for byte', async () => {
    for (const [n, id] of ids.entries()) {
      const r = await v.run('cat', [id]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.equals(sources.get(`src-${SIZES[n]}.bin`)!)).toBe(true);
    }
  });

  it('cat --range returns the slice for random, suffix and open-ended ranges', async () => {
    const rnd = prng(SEED + 1);
    const id = ids[SIZES.indexOf(3 * 65536 + 17)]!;
    const src = sources.get(`src-${3 * 65536 + 17}.bin`)!;
    const specs: [string, Buffer][] = [
      ['0-0', src.subarray(0, 1)],
      ['65535-65536', src.subarray(65535, 65537)],
      [`${src.length - 1}-`, src.subarray(src.length - 1)],
      ['-100', src.subarray(src.length - 100)],
      [`-${src.length + 5}`, src],
      [`100-${src.length + 1000}`, src.subarray(100)],
    ];
    for (let i = 0; i < 8; i++) {
      const a = rnd.int(src.length);
      const b = a + rnd.int(src.length - a);
      specs.push([`${a}-${b}`, src.subarray(a, b + 1)]);
    }
    for (const [spec, expected] of specs) {
      const r = await v.run('cat', [id, '--range', spec]);
      expect(r.code, `${spec}: ${r.stderr}`).toBe(0);
      expect(r.stdout.equals(expected), spec).toBe(true);
    }
  });

  it('cat refuses ranges that select nothing, as a usage error', async () => {
    const one = ids[SIZES.indexOf(1)]!;
    for (const spec of ['1-', '5-2', 'abc', '-0', '1-2-3']) {
      const r = await v.run('cat', [one, '--range', spec]);
      expect(r.code, spec).toBe(2);
      expect(r.stderr).toMatch(/--range/);
      expect(r.stdout.length).toBe(0);
    }
  });

  it('cat into a pipe that closes early exits cleanly and leaves the vault locked', async () => {
    const big = ids[SIZES.indexOf(3 * 65536 + 17)]!;
    // Through bash for a real pipe whose reader exits after 10 bytes; pipefail exposes kluis's status.
    const p = spawnSync('bash', ['-c', `set -o pipefail; node "${CLI}" cat --vault "${v.dir}" --password-file "${v.passwordFile}" ${big} | head -c 10 | wc -c`], { encoding: 'utf8' });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout.trim()).toBe('10');
    expect(await readdir(v.dir)).not.toContain('kluis.lock');
  });

  it('verify exits 0 on an intact vault, and --json prints the report', async () => {
    const human = await v.run('verify');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.toString()).toMatch(/intact/);
    const r = await v.run('verify', ['--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.toString()) as { ok: boolean; items: { id: string; ok: boolean }[]; backups: { ok: boolean }[] };
    expect(report.ok).toBe(true);
    expect(report.items.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(report.backups.length).toBeGreaterThan(0);
    expect(report.backups.every((b) => b.ok)).toBe(true);
  });

  it('rm removes exactly one item', async () => {
    const gone = ids[1]!;
    const r = await v.run('rm', [gone]);
    expect(r.code, r.stderr).toBe(0);
    const left = (await listJson(v)).map((i) => i.id);
    expect(left).toEqual(ids.filter((id) => id !== gone));
    const again = await v.run('cat', [gone]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(new RegExp(`no item ${gone}`));
    expect((await v.run('verify')).code).toBe(0);
  });

  it('a wrong password says so, exits 3 and changes no file', async () => {
    const wrong = join(root, 'wrong.pw');
    await writeFile(wrong, 'not the password at all 123\n');
    const before = await hashTree(v.dir);
    for (const cmd of [['ls'], ['cat', ids[0]!], ['rm', ids[0]!], ['add', wrong], ['verify'], ['passwd', '--new-password-file', v.newPasswordFile]]) {
      const r = await kluis([cmd[0]!, '--vault', v.dir, '--password-file', wrong, ...cmd.slice(1)]);
      expect(r.code, cmd[0]).toBe(3);
      expect(r.stderr.trim()).toBe('kluis: The password is wrong. Try again, or use the recovery key to set a new one.');
      expect(r.stdout.length).toBe(0);
    }
    expect(await hashTree(v.dir)).toEqual(before);
  });

  it('passwd: afterwards the old password fails and the new one works', async () => {
    const r = await v.run('passwd', ['--new-password-file', v.newPasswordFile]);
    expect(r.code, r.stderr).toBe(0);
    expect((await v.run('ls')).stderr).toMatch(/password is wrong/);
    const withNew = await kluis(['ls', '--vault', v.dir, '--password-file', v.newPasswordFile]);
    expect(withNew.code).toBe(0);
    expect(withNew.stdout.toString()).toContain(ids[0]);
  });

  it('recover with a wrong key or a typo fails clearly and changes nothing', async () => {
    const before = await hashTree(v.dir);
    const other = await initVault(root, 'other');
    const keyFile = join(root, 'rk.txt');
    await writeFile(keyFile, `${other.recoveryKey}\n`);
    const wrong = await kluis(['recover', '--vault', v.dir, '--recovery-key-file', keyFile, '--new-password-file', v.passwordFile]);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/recovery key does not belong to this vault/);

    // One character changed: the checksum group catches it before any key work.
    const chars = v.recoveryKey.split('');
    const at = chars.findIndex((c) => c !== '-');
    chars[at] = chars[at] === 'A' ? 'B' : 'A';
    await writeFile(keyFile, chars.join(''));
    const typo = await kluis(['recover', '--vault', v.dir, '--recovery-key-file', keyFile, '--new-password-file', v.passwordFile]);
    expect(typo.code).toBe(3);
    expect(typo.stderr).toMatch(/typo/);
    expect(await hashTree(v.dir)).toEqual(before);
  });

  it('recover with the key from init sets a new password; forgiving about case and dashes', async () => {
    const keyFile = join(root, 'rk.txt');
    await writeFile(keyFile, `${v.recoveryKey.toLowerCase().replace(/-/g, ' ')}\r\n`);
    const r = await kluis(['recover', '--vault', v.dir, '--recovery-key-file', keyFile, '--new-password-file', v.passwordFile]);
    expect(r.code, r.stderr).toBe(0);
    expect((await kluis(['ls', '--vault', v.dir, '--password-file', v.newPasswordFile])).code).toBe(3);
    const items = await listJson(v);
    expect(items.map((i) => i.id)).toEqual(ids.filter((id) => id !== ids[1]));
    expect((await v.run('verify')).code).toBe(0);
  });
});
