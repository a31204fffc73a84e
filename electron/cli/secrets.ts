import { readFile } from 'node:fs/promises';
import { Interrupted, UsageError } from './errors';

/** Only one line ending goes: a password may itself end in spaces or even a newline. */
export function stripOneNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

export async function readSecretFile(path: string, what: string): Promise<string> {
  try {
    return stripOneNewline(await readFile(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`Cannot read the ${what} file ${path} (${code}).`);
  }
}

/** Reads a line from the terminal without echoing it; Ctrl-C stops the run. */
export function promptHidden(question: string, signal: AbortSignal): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (): void => {
      stdin.off('data', onData);
      signal.removeEventListener('abort', onAbort);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onAbort = (): void => {
      finish();
      reject(new Interrupted(signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT'));
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          // Raw mode turns Ctrl-C into a byte instead of SIGINT.
          finish();
          reject(new Interrupted('SIGINT'));
          return;
        }
        if (ch === '\u0004' && typed === '') {
          finish();
          reject(new UsageError('No input was given at the prompt.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch === '\u0015') typed = '';
        else if (ch >= ' ') typed += ch;
      }
    };
    // Echo goes off before the prompt shows, or keys typed (or pasted) right away would be echoed.
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    process.stderr.write(question);
    stdin.resume();
    stdin.on('data', onData);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface SecretSource {
  /** the value of --xxx-file, if given */
  file: string | undefined;
  /** environment variable naming a file, if this secret may come from one */
  envVar?: string;
  /** e.g. "password", used in messages and prompts */
  what: string;
  /** flag to mention when nothing was given */
  flag: string;
  /** ask twice on the terminal and compare (new passwords) */
  confirm?: boolean;
}

/** --xxx-file, then the env variable's file, then the terminal; never an argument. */
export async function getSecret(src: SecretSource, signal: AbortSignal): Promise<string> {
  if (src.file !== undefined) return readSecretFile(src.file, src.what);
  const fromEnv = src.envVar ? process.env[src.envVar] : undefined;
  if (fromEnv) return readSecretFile(fromEnv, src.what);
  if (!process.stdin.isTTY) {
    const env = src.envVar ? ` or set ${src.envVar} to a file holding it` : '';
    throw new UsageError(`No ${src.what} given: use ${src.flag} F${env} (no terminal to ask on).`);
  }
  const first = await promptHidden(`${capitalise(src.what)}: `, signal);
  if (!src.confirm) return first;
  const second = await promptHidden(`Repeat the ${src.what}: `, signal);
  if (first !== second) throw new UsageError(`The two ${src.what}s differ; nothing was changed.`);
  return first;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
