import { randomBytes } from 'node:crypto';
import type { StoredBlob, Vault } from '../vault';
import { DERIVED_LAYOUT, derivedUnitKey } from './derived';
import type { FileRole } from './types';
import { INGEST_MIGRATIONS } from './schema';

/**
 * Recordings that arrive from a colleague's vault with their ownership (U5, share's handover).
 * Like a card import they live in ingest's tables, one `imports` row per handover, 'importing'
 * (never listed) until the whole handover arrived and was checked; the share flow then marks
 * them verified in the transaction that writes their consent rows. `source_root` says where
 * they came from, so a crash's leftovers are found and nothing else is touched.
 */
export const HANDOVER_ROOT = 'kluis:handover';

export function beginAdoption(vault: Vault, sourceLabel: string, now: Date): string {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const id = `im_${randomBytes(8).toString('hex')}`;
  vault.catalog.prepare("INSERT INTO imports (id, source_root, source_label, started_at, wipe, state) VALUES (?, ?, ?, ?, 0, 'importing')").run(id, HANDOVER_ROOT, sourceLabel, now.toISOString());
  return id;
}

export interface AdoptedRecordingRow {
  label: string;
  layout: string;
  capturedAt: string | null;
  /** the new id of the recording a redacted version was rendered from */
  derivedFromId?: string;
}

export function insertAdoptedRecording(vault: Vault, importId: string, r: AdoptedRecordingRow, now: Date): string {
  const db = vault.catalog;
  const imp = db.prepare('SELECT source_label FROM imports WHERE id = ? AND source_root = ?').get(importId, HANDOVER_ROOT) as { source_label: string } | undefined;
  if (!imp) throw new Error(`Handover import ${importId} is gone; nothing of it was kept.`);
  const id = `rec_${randomBytes(8).toString('hex')}`;
  // A redacted version keeps its tie to its original, so deleting the one deletes the other here too.
  const layout = r.derivedFromId ? DERIVED_LAYOUT : r.layout;
  const unitKey = r.derivedFromId ? derivedUnitKey(r.derivedFromId) : `handover:${id}`;
  db.prepare("INSERT INTO recordings (id, label, layout, unit_key, import_id, source_label, captured_at, imported_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'importing')").run(
    id, r.label, layout, unitKey, importId, imp.source_label, r.capturedAt, now.toISOString(),
  );
  return id;
}

/** Runs inside the transaction that commits the file's blob (Vault.storeStream's link). */
export function insertAdoptedFile(vault: Vault, recordingId: string, position: number, f: { relPath: string; role: FileRole; blob: StoredBlob }): void {
  vault.catalog.prepare("INSERT INTO recording_files (recording_id, position, rel_path, role, size, mtime_ms, blob_id, sha256, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'verified')").run(
    recordingId, position, f.relPath, f.role, f.blob.size, Date.now(), f.blob.id, f.blob.sha256,
  );
}

/** Lists the handover's recordings; runs in the transaction that writes their consent rows. */
export function finishAdoption(vault: Vault, importId: string, now: Date): void {
  const db = vault.catalog;
  db.prepare("UPDATE recordings SET state = 'verified' WHERE import_id = ? AND state = 'importing'").run(importId);
  db.prepare("UPDATE imports SET state = 'finished', finished_at = ? WHERE id = ? AND source_root = ?").run(now.toISOString(), importId, HANDOVER_ROOT);
}

/**
 * Removes a handover that did not finish (a failed check, a crash): its recordings, files and
 * their blob keys, in the caller's transaction. Returns the blobs whose files to remove.
 */
export function discardAdoption(vault: Vault, importId: string): string[] {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const db = vault.catalog;
  if (!db.prepare("SELECT 1 FROM imports WHERE id = ? AND source_root = ? AND state = 'importing'").get(importId, HANDOVER_ROOT)) return [];
  const blobs = (db.prepare('SELECT f.blob_id FROM recording_files f JOIN recordings r ON r.id = f.recording_id WHERE r.import_id = ? AND f.blob_id IS NOT NULL').all(importId) as { blob_id: string }[]).map((b) => b.blob_id);
  db.prepare('DELETE FROM recording_files WHERE recording_id IN (SELECT id FROM recordings WHERE import_id = ?)').run(importId);
  db.prepare('DELETE FROM recordings WHERE import_id = ?').run(importId);
  db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
  for (const b of blobs) db.prepare('DELETE FROM blobs WHERE id = ?').run(b);
  return blobs;
}

/** What a recording's files are, for the sender of a handover: every stored file, in play order. */
export interface RecordingFileRow {
  relPath: string;
  role: FileRole;
  size: number;
  blobId: string;
  sha256: string;
}

export function recordingForHandover(vault: Vault, id: string): { label: string; layout: string; capturedAt: string | null; importedAt: string; state: string; files: RecordingFileRow[] } | null {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const db = vault.catalog;
  const r = db
    .prepare('SELECT label, layout, captured_at AS capturedAt, imported_at AS importedAt, state FROM recordings WHERE id = ?')
    .get(id) as { label: string; layout: string; capturedAt: string | null; importedAt: string; state: string } | undefined;
  if (!r) return null;
  const files = db
    .prepare("SELECT rel_path AS relPath, role, size, blob_id AS blobId, sha256 FROM recording_files WHERE recording_id = ? AND blob_id IS NOT NULL AND state = 'verified' ORDER BY position, rel_path")
    .all(id) as RecordingFileRow[];
  return { ...r, files };
}
