import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VaultError, toVaultError } from './errors';

export const LOCK_FILE = 'kluis.lock';

/** Lock files this process holds, by absolute path. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time may open a vault: two writers would sweep each other's staging files.
 * A lock left by a crashed process (its pid is gone) is taken over.
 */
export function acquireLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  // Our own pid in the file is only stale when no Vault in this process holds it: a second
  // open would sweep the first one's staging, and its lock() would free the vault for others.
  const key = resolve(path);
  if (held.has(key)) throw new VaultError('VAULT_IN_USE', 'The vault is already open in this Kluis; lock it there first.');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      held.add(key);
      return () => {
        held.delete(key);
        rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw toVaultError(e, 'taking the vault lock');
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new VaultError('VAULT_IN_USE', `The vault is open in another Kluis (process ${pid}). Close it there first.`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new VaultError('VAULT_IN_USE', 'Could not take the vault lock; another Kluis is opening it right now.');
}
