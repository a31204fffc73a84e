import type { Vault } from '../vault';

/**
 * Forgets what media knows about one recording: its media_info row and the keys of its poster,
 * sprite and proxy blobs. Synchronous, so it runs inside the caller's catalog transaction (the
 * commit point of a deletion); the caller removes the returned blobs' files after the commit
 * (vault.removeBlob), and a crash in between leaves orphans the vault's sweep removes at unlock.
 */
export function forgetMediaRows(vault: Vault, recordingId: string): string[] {
  const db = vault.catalog;
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media_info'").get();
  if (!table) return [];
  const row = db.prepare('SELECT poster_blob_id, sprite_blob_id, proxy_blob_id FROM media_info WHERE recording_id = ?').get(recordingId) as
    | { poster_blob_id: string | null; sprite_blob_id: string | null; proxy_blob_id: string | null }
    | undefined;
  if (!row) return [];
  db.prepare('DELETE FROM media_info WHERE recording_id = ?').run(recordingId);
  const blobs = [row.poster_blob_id, row.sprite_blob_id, row.proxy_blob_id].filter((b): b is string => b !== null);
  for (const b of blobs) db.prepare('DELETE FROM blobs WHERE id = ?').run(b);
  return blobs;
}

/** The same on its own: one transaction, then the blob files. */
export async function forgetMedia(vault: Vault, recordingId: string): Promise<string[]> {
  const blobs = vault.catalog.transaction(() => forgetMediaRows(vault, recordingId))();
  for (const b of blobs) await vault.removeBlob(b);
  return blobs;
}
