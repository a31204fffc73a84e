import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initVault, NEW_PASSWORD, PASSWORD, removeDir, tempDir, type CliVault } from './helpers/cli';
import { hasPty, onTerminal } from './helpers/terminal';

const noPython = !hasPty();

describe.skipIf(noPython)('password prompts on a terminal', () => {
  let root: string;
  let v: CliVault;

  beforeAll(async () => {
    root = await tempDir();
    v = await initVault(root);
  });
  afterAll(() => removeDir(root));

  it('asks for the password without echoing it', async () => {
    const r = await onTerminal(['ls', '--vault', v.dir], [PASSWORD]);
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toMatch(/^Password: /);
    expect(r.screen).not.toContain(PASSWORD);
  });

  it('add shows progress on a terminal (and only there: the pipe tests expect an empty stderr)', async () => {
    const file = join(root, 'five.bin');
    await writeFile(file, Buffer.alloc(5 * 1024 * 1024, 3));
    const r = await onTerminal(['add', '--vault', v.dir, '--password-file', v.passwordFile, file], []);
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toMatch(/five\.bin: 100% \(5\.0 MiB of 5\.0 MiB\)/);
    expect(r.screen).toMatch(/it_[0-9a-f]{16}/);
  });

  it('init asks twice and refuses two different passwords', async () => {
    const dir = join(root, 'typed');
    const differ = await onTerminal(['init', '--vault', dir, '--kdf-memory-mib', '64', '--kdf-iterations', '3'], [NEW_PASSWORD, `${NEW_PASSWORD}x`]);
    expect(differ.code).toBe(2);
    expect(differ.screen).toMatch(/Repeat the password: [\s\S]*differ/);
    const same = await onTerminal(['init', '--vault', dir, '--kdf-memory-mib', '64', '--kdf-iterations', '3'], [NEW_PASSWORD, NEW_PASSWORD]);
    expect(same.code, same.screen).toBe(0);
    expect(same.screen).toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){8}/);
    expect(same.screen).not.toContain(NEW_PASSWORD);
  });
});
