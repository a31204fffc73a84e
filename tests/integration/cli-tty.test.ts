import { execFileSync, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, initVault, NEW_PASSWORD, PASSWORD, removeDir, tempDir, type CliVault } from './helpers/cli';

/**
 * Node cannot open a pseudo-terminal without a native module; Python's pty module can.
 * The driver answers each "...password: " prompt in order and reports what the terminal showed.
 */
const DRIVER = `
import json, os, pty, re, select, sys
argv, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
out, sent = b'', 0
while True:
    r, _, _ = select.select([fd], [], [], 30)
    if not r:
        break
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if sent < len(answers) and len(re.findall(rb'(?i)password: ', out)) > sent:
        os.write(fd, answers[sent].encode() + b'\\r')
        sent += 1
_, status = os.waitpid(pid, 0)
print(json.dumps({'code': os.waitstatus_to_exitcode(status), 'screen': out.decode('utf8', 'replace')}))
`;

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import pty'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const noPython = !hasPython();

function onTerminal(args: string[], answers: string[]): Promise<{ code: number; screen: string }> {
  const env = { ...process.env };
  delete env.KLUIS_PASSWORD_FILE;
  const child = spawn('python3', ['-c', DRIVER, JSON.stringify([process.execPath, CLI, ...args]), JSON.stringify(answers)], { env });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', () => {
      try {
        res(JSON.parse(out) as { code: number; screen: string });
      } catch (e) {
        rej(e);
      }
    });
  });
}

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
