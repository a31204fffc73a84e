import { execFileSync, spawn } from 'node:child_process';
import { CLI } from './cli';

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

export function hasPty(): boolean {
  try {
    execFileSync('python3', ['-c', 'import pty'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs the built CLI on a pseudo-terminal, typing `answers` at its password prompts. */
export function onTerminal(args: string[], answers: string[] = []): Promise<{ code: number; screen: string }> {
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
