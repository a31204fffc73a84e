import { CodedError } from '../errors';

/**
 * Every failure of a share package carries a code (for programs) and one sentence
 * that says what went wrong and what to do (for people), like VaultError.
 */
export type ShareErrorCode =
  // the age layer (docs/share-package.md)
  | 'WRONG_PASSPHRASE'
  | 'NO_MATCHING_KEY'
  | 'DAMAGED'
  | 'TRUNCATED'
  | 'NOT_AGE'
  | 'UNSUPPORTED'
  | 'WORK_FACTOR_TOO_HIGH'
  | 'BAD_RECIPIENT'
  | 'BAD_KEY'
  // the tar layer
  | 'BAD_TAR'
  | 'UNSAFE_NAME'
  | 'TOO_LARGE'
  // the flows on top (manifest, gate, export/open)
  | 'NO_PACKAGE'
  | 'GATE_REFUSED'
  | 'EXPIRED'
  | 'NOT_ALLOWED'
  | 'CHECKSUM_MISMATCH'
  | 'MANIFEST_INVALID';

export class ShareError extends CodedError<ShareErrorCode> {
  override readonly name = 'ShareError';
}

/** An entry the manifest does not list (or lists once): the package was changed after it was made. */
export function unlistedEntry(name: string): ShareError {
  return new ShareError('MANIFEST_INVALID', `The package holds ${name}, which its manifest does not list (or lists once); it was changed after it was made.`);
}

export function isShareError(e: unknown, code?: ShareErrorCode): e is ShareError {
  return e instanceof ShareError && (code === undefined || e.code === code);
}
