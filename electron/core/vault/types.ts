export interface ItemInfo {
  id: string;
  name: string;
  size: number;
  sha256: string;
  addedAt: string;
}

export interface AddProgress {
  bytesDone: number;
  bytesTotal: number;
}

export interface AddOptions {
  /** the name to record; defaults to the file's name */
  name?: string;
  onProgress?: (p: AddProgress) => void;
  signal?: AbortSignal;
  /** also compute the XXH3-64 checksum of the plaintext in the same read (StoredBlob.xxh3) */
  checksum?: boolean;
}

export interface VerifyReport {
  ok: boolean;
  header: { ok: boolean; problem?: string };
  catalog: { ok: boolean; problems: string[] };
  items: { id: string; name: string; ok: boolean; problem?: string }[];
  backups: { file: string; ok: boolean; problem?: string }[];
  /** encrypted files without a catalog row: unreadable leftovers of a crash, deleted at unlock */
  orphans: number;
}

export interface LockResult {
  /** whether a catalog backup was written on the way out, and why not when it failed */
  backup: 'written' | 'unchanged' | { failed: string };
}

/** A blob as other capabilities see it: no key, no path. */
export interface StoredBlob {
  id: string;
  size: number;
  sha256: string;
  createdAt: string;
  /** when AddOptions.checksum was set */
  xxh3?: string;
}
