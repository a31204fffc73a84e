import { CodedError } from '../errors';

/** Every failure the vault reports carries a code (for programs) and one sentence (for people). */
export type VaultErrorCode =
  | 'NOT_A_VAULT'
  | 'VAULT_EXISTS'
  | 'VAULT_IN_USE'
  | 'NEWER_FORMAT'
  | 'WRONG_PASSWORD'
  | 'WRONG_RECOVERY_KEY'
  | 'RECOVERY_KEY_TYPO'
  | 'WEAK_PASSWORD'
  | 'KDF_TOO_WEAK'
  | 'HEADER_DAMAGED'
  | 'CATALOG_DAMAGED'
  | 'BLOB_DAMAGED'
  | 'NOT_FOUND'
  | 'LOCKED'
  | 'CANCELLED'
  | 'BUSY'
  | 'SOURCE_CHANGED'
  | 'NO_SPACE'
  | 'NOT_WRITABLE'
  | 'IO';

export class VaultError extends CodedError<VaultErrorCode> {
  override readonly name = 'VaultError';
}

export function isVaultError(e: unknown, code?: VaultErrorCode): e is VaultError {
  return e instanceof VaultError && (code === undefined || e.code === code);
}

function errnoOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns an operating-system or SQLite error into a VaultError that says what to do.
 * `what` names the thing being done, e.g. "writing the new item".
 */
export function toVaultError(e: unknown, what: string): VaultError {
  if (e instanceof VaultError) return e;
  const code = errnoOf(e);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return new VaultError('NO_SPACE', `The disk is full while ${what}. Free some space and try again; nothing in the vault was changed.`, { cause: e });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return new VaultError('NOT_WRITABLE', `Kluis may not write to the vault folder while ${what} (${code}). Check that the folder is writable and not on a read-only disk.`, { cause: e });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new VaultError('CATALOG_DAMAGED', `The vault's catalog is damaged (${code}) while ${what}. Run "kluis verify" and restore the newest intact backup from the vault's backups folder.`, { cause: e });
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new VaultError('IO', `Failed while ${what}: ${detail}`, { cause: e });
}
