import { open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, initVault, kluis, KDF_ARGS, listJson, PASSWORD, removeDir, spawnKluis, tempDir, type CliVault } from './helpers/cli';

const COMMANDS = ['init', 'add', 'ls', 'cat', 'rm', 'verify', 'passwd', 'recover'];

describe('kluis CLI usage, password sources and signals', () => {
  let root: string;
  let v: CliVault;

  beforeAll(async () => {
    root = await tempDir();
    v = await initVault(root);
  });
  afterAll(() => removeDir(root));

  it('--help lists every command; each command has its own --help', async () => {
    const top = await kluis(['--help']);
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.stdout.toString()).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
    for (const c of COMMANDS) {
      const r = await kluis([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.stdout.toString()).toMatch(new RegExp(`^Usage: kluis ${c} `));
    }
  });

  it('no command, an unknown command or an unknown option: exit 2 and a pointer to --help', async () => {
    const none = await kluis([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: kluis COMMAND/);
    const unknown = await kluis(['list', '--vault', v.dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no command "list"/);
    const badOpt = await kluis(['ls', '--vault', v.dir, '--colour']);
    expect(badOpt.code).toBe(2);
    expect(badOpt.stderr).toMatch(/--colour[\s\S]*kluis ls --help/);
    const noVault = await kluis(['ls', '--password-file', v.passwordFile]);
    expect(noVault.code).toBe(2);
    expect(noVault.stderr).toMatch(/--vault DIR is required/);
  });

  it('a password given as an argument is refused and not repeated back', async () => {
    for (const args of [['--password', 'hunter2-secret-value'], ['--password=hunter2-secret-value'], ['--new-password', 'hunter2-secret-value']]) {
      const r = await kluis(['ls', '--vault', v.dir, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/never takes a secret as an argument/);
      expect(r.stderr).not.toContain('hunter2-secret-value');
    }
  });

  it('without a password file or a terminal: exit 2, naming both ways to give one', async () => {
    const r = await kluis(['ls', '--vault', v.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--password-file F or set KLUIS_PASSWORD_FILE/);
  });

  it('KLUIS_PASSWORD_FILE names the password file; --password-file wins over it', async () => {
    const viaEnv = await kluis(['ls', '--vault', v.dir], { env: { KLUIS_PASSWORD_FILE: v.passwordFile } });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    const wrong = join(root, 'wrong.pw');
    await writeFile(wrong, 'definitely not it 12345');
    const both = await kluis(['ls', '--vault', v.dir, '--password-file', v.passwordFile], { env: { KLUIS_PASSWORD_FILE: wrong } });
    expect(both.code, both.stderr).toBe(0);
  });

  it('exactly one trailing newline (\\n or \\r\\n) is stripped from a password file', async () => {
    const crlf = join(root, 'crlf.pw');
    await writeFile(crlf, `${PASSWORD}\r\n`);
    expect((await kluis(['ls', '--vault', v.dir, '--password-file', crlf])).code).toBe(0);
    const bare = join(root, 'bare.pw');
    await writeFile(bare, PASSWORD);
    expect((await kluis(['ls', '--vault', v.dir, '--password-file', bare])).code).toBe(0);
    const two = join(root, 'two.pw');
    await writeFile(two, `${PASSWORD}\n\n`);
    const r = await kluis(['ls', '--vault', v.dir, '--password-file', two]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/password is wrong/);
  });

  it('init checks its arguments: weak password, KDF below the floor, bad numbers', async () => {
    const weak = join(root, 'weak.pw');
    await writeFile(weak, 'password1\n');
    const w = await kluis(['init', '--vault', join(root, 'weak-vault'), '--password-file', weak, ...KDF_ARGS]);
    expect(w.code).toBe(3);
    expect(w.stderr).toMatch(/too easy to guess/);
    expect(w.stdout.length).toBe(0);
    const low = await kluis(['init', '--vault', join(root, 'low-vault'), '--password-file', v.passwordFile, '--kdf-memory-mib', '32', '--kdf-iterations', '3']);
    expect(low.code).toBe(3);
    expect(low.stderr).toMatch(/weaker than RFC 9106 allows/);
    const nan = await kluis(['init', '--vault', join(root, 'nan-vault'), '--password-file', v.passwordFile, '--kdf-memory-mib', 'lots']);
    expect(nan.code).toBe(2);
    expect(nan.stderr).toMatch(/--kdf-memory-mib takes a positive whole number/);
    const again = await kluis(['init', '--vault', v.dir, '--password-file', v.passwordFile, ...KDF_ARGS]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/already holds a Kluis vault/);
  });

  it('add of a missing file or a folder: exit 2 before unlocking, nothing added', async () => {
    const before = await listJson(v);
    const missing = await v.run('add', [v.passwordFile, join(root, 'nope.mp4')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.mp4 does not exist; nothing was added/);
    const folder = await v.run('add', [root]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/not a regular file/);
    expect(await listJson(v)).toEqual(before);
  });

  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal} during add cancels it: exit ${code}, nothing half-added, the vault locked`, async () => {
      const big = join(root, `big-${signal}.bin`);
      // Sparse: reading it costs nothing, so the time goes into encrypting and writing.
      const fh = await open(big, 'w');
      await fh.truncate(512 * 1024 * 1024);
      await fh.close();
      const before = await listJson(v);
      const child = spawnKluis(['add', '--vault', v.dir, '--password-file', v.passwordFile, big]);
      const done = collect(child);
      const staging = join(v.dir, 'staging');
      const deadline = Date.now() + 20_000;
      while ((await readdir(staging)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect((await readdir(staging)).length, 'the add never started writing').toBeGreaterThan(0);
      child.kill(signal);
      const r = await done;
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(new RegExp(`interrupted \\(${signal}\\).*cancelled; nothing was added`));
      expect(r.stdout.length).toBe(0);
      // Checked before any unlock: the CLI itself cleaned up and released the lock.
      expect(await readdir(staging)).toEqual([]);
      expect(await readdir(v.dir)).not.toContain('kluis.lock');
      expect(await listJson(v)).toEqual(before);
    });
  }
});
