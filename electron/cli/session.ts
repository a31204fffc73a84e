import { stat } from 'node:fs/promises';
import { Vault } from '../core/api';
import { Interrupted, UsageError, type HandledSignal } from './errors';
import { str, type Values } from './args';
import { getSecret } from './secrets';

/**
 * What one run of the CLI holds: the open vault (locked in main's finally, whatever happens)
 * and the AbortSignal that SIGINT/SIGTERM trip.
 */
export class Session {
  private readonly controller = new AbortController();
  private vault: Vault | null = null;
  interruptedBy: HandledSignal | null = null;

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  interrupt(sig: HandledSignal): void {
    this.interruptedBy = sig;
    this.controller.abort(sig);
  }

  /** Between steps: stop before starting more work once a signal came in. */
  checkpoint(): void {
    if (this.interruptedBy) throw new Interrupted(this.interruptedBy);
  }

  /** Remembers a vault opened elsewhere (init) so that it is locked on exit. */
  adopt(v: Vault): Vault {
    this.vault = v;
    return v;
  }

  async unlock(values: Values): Promise<Vault> {
    const dir = await vaultDir(values, { mustExist: true });
    const password = await getSecret({ file: str(values, 'password-file'), envVar: 'KLUIS_PASSWORD_FILE', what: 'password', flag: '--password-file' }, this.signal);
    this.checkpoint();
    const v = this.adopt(await Vault.open(dir, password));
    this.checkpoint();
    return v;
  }

  async close(): Promise<void> {
    const v = this.vault;
    this.vault = null;
    if (!v) return;
    const { backup } = await v.lock();
    // The change itself is committed; only the extra safety copy is missing, so this warns.
    if (typeof backup === 'object') process.stderr.write(`kluis: warning: the vault is locked, but its catalog backup was not written: ${backup.failed}\n`);
  }
}

/** --vault, checked early so that a wrong path is reported before a slow key derivation. */
export async function vaultDir(values: Values, opts: { mustExist: boolean }): Promise<string> {
  const dir = str(values, 'vault');
  if (!dir) throw new UsageError('--vault DIR is required.');
  if (!opts.mustExist) return dir;
  const info = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new UsageError(`The vault folder ${dir} does not exist; check the path, or create a vault there with "kluis init".`);
    return null;
  });
  if (info && !info.isDirectory()) throw new UsageError(`${dir} is a file, not a vault folder.`);
  return dir;
}

export const VAULT_OPTION = { vault: { type: 'string' } } as const;
export const PASSWORD_OPTION = { 'password-file': { type: 'string' } } as const;
