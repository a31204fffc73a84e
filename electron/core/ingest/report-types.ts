import type { FileRole, Layout } from './types';

export type FileOutcome = 'verified' | 'duplicate' | 'failed' | 'skipped';
export type WipeOutcome = 'wiped' | 'kept' | 'failed';

export type FileErrorCode = 'READ_ERROR' | 'DISAPPEARED' | 'NO_ACCESS' | 'CHANGED' | 'READBACK_FAILED' | 'WRITE_PROTECTED' | 'OTHER';

export interface FileProblem {
  code: FileErrorCode;
  message: string;
}

export interface FileReport {
  relPath: string;
  role: FileRole;
  size: number;
  /** SHA-256 of the content, taken in the first read while encrypting: its identity in the vault */
  sha256: string | null;
  /** XXH3-64 of the first read (`xxhsum -H3` prints the same) */
  xxh3: string | null;
  /** XXH3-64 of the second read of the card */
  sourceXxh3: string | null;
  /** XXH3-64 of the vault copy, read back and decrypted (every chunk's GCM tag checked) */
  vaultXxh3: string | null;
  /** whether the page cache was bypassed for the second reads */
  uncached: boolean;
  outcome: FileOutcome;
  wipe: WipeOutcome;
  /** English sentence; errorCode is what the UI translates */
  error?: string;
  errorCode?: FileErrorCode;
}

export interface UnitReport {
  recordingId: string | null;
  label: string;
  layout: Layout;
  outcome: 'verified' | 'already-in-vault' | 'failed' | 'cancelled';
  files: FileReport[];
}

export interface ImportReport {
  importId: string;
  sourceRoot: string;
  sourceLabel: string;
  startedAt: string;
  finishedAt: string;
  wipeRequested: boolean;
  units: UnitReport[];
  ignored: string[];
  totals: { units: number; verified: number; alreadyInVault: number; failed: number; bytes: number; wipedFiles: number };
  /** every import report says this, whether or not it wiped */
  wipeNote: string;
  /** whether every second read came from the devices rather than the system's cache */
  cacheBypassed: boolean;
  /** what verification could and could not rule out on this system */
  cacheNote: string;
  ok: boolean;
}

export interface ImportProgress {
  phase: 'scanning' | 'copying' | 'verifying' | 'wiping' | 'done';
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  /** bytes per second over the import so far */
  rate: number;
  etaSeconds: number | null;
  current?: string;
}

export const WIPE_NOTE =
  'Wiping overwrites each imported file on the card once with zeros and deletes it. Flash cards and USB sticks can keep old copies in blocks the computer cannot reach, so this is a "clear" in the sense of NIST SP 800-88, not a purge: keep the card with you, and format it in the camera before reuse.';
