import { randomBytes } from 'node:crypto';
import type { StoredBlob, Vault } from '../vault';
import { INGEST_MIGRATIONS } from './schema';

/**
 * Recordings Kluis makes itself from another recording (a redacted render, issue 6). They live in
 * ingest's tables like imported ones, so the library, playback, consent and deletion treat them
 * alike; layout 'derived' and unit key 'derived:<source id>' say where they came from
 * (docs/redaction-plan.md section 3). The card import never touches them: no card has that label.
 */
export const DERIVED_LAYOUT = 'derived';
export const DERIVED_SOURCE_LABEL = 'Kluis redaction';
export const derivedUnitKey = (sourceId: string): string => `derived:${sourceId}`;
const unitKey = derivedUnitKey;

export interface NewDerived {
  sourceId: string;
  label: string;
  fileName: string;
  blob: StoredBlob;
}

/**
 * Inserts a derived recording in state 'importing' (not listed) with its one file; runs inside
 * the transaction that commits the blob (Vault.storeStream's link).
 */
export function insertDerivedRecording(vault: Vault, d: NewDerived): string {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const db = vault.catalog;
  const src = db.prepare('SELECT captured_at, imported_at FROM recordings WHERE id = ?').get(d.sourceId) as { captured_at: string | null; imported_at: string } | undefined;
  if (!src) throw new Error(`Recording ${d.sourceId} was deleted while Kluis rendered from it; nothing was kept.`);
  const now = new Date().toISOString();
  const importId = `im_${randomBytes(8).toString('hex')}`;
  const id = `rec_${randomBytes(8).toString('hex')}`;
  db.prepare("INSERT INTO imports (id, source_root, source_label, started_at, finished_at, wipe, state) VALUES (?, 'kluis:redact', ?, ?, ?, 0, 'finished')").run(importId, DERIVED_SOURCE_LABEL, now, now);
  // The capture time is the source's: retention presets count from it.
  db.prepare("INSERT INTO recordings (id, label, layout, unit_key, import_id, source_label, captured_at, imported_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'importing')").run(
    id, d.label, DERIVED_LAYOUT, unitKey(d.sourceId), importId, DERIVED_SOURCE_LABEL, src.captured_at ?? src.imported_at, now,
  );
  db.prepare("INSERT INTO recording_files (recording_id, position, rel_path, role, size, mtime_ms, blob_id, sha256, state) VALUES (?, 0, ?, 'main', ?, ?, ?, ?, 'verified')").run(
    id, d.fileName, d.blob.size, Date.now(), d.blob.id, d.blob.sha256,
  );
  return id;
}

/** Lists it in the library: the derived recording passed its checks. */
export function markDerivedVerified(vault: Vault, id: string): void {
  vault.catalog.prepare("UPDATE recordings SET state = 'verified', imported_at = ? WHERE id = ? AND layout = ?").run(new Date().toISOString(), id, DERIVED_LAYOUT);
}

/**
 * Removes a derived recording that never became visible (failed checks, a crash mid-render):
 * its rows and its blob keys, in the caller's transaction. Returns the blobs whose files to remove.
 */
export function removeUnlistedDerived(vault: Vault, id: string): string[] {
  const db = vault.catalog;
  const r = db.prepare("SELECT import_id FROM recordings WHERE id = ? AND layout = ? AND state = 'importing'").get(id, DERIVED_LAYOUT) as { import_id: string } | undefined;
  if (!r) return [];
  const blobs = (db.prepare('SELECT blob_id FROM recording_files WHERE recording_id = ? AND blob_id IS NOT NULL').all(id) as { blob_id: string }[]).map((b) => b.blob_id);
  db.prepare('DELETE FROM recording_files WHERE recording_id = ?').run(id);
  db.prepare('DELETE FROM recordings WHERE id = ?').run(id);
  db.prepare('DELETE FROM imports WHERE id = ?').run(r.import_id);
  for (const b of blobs) db.prepare('DELETE FROM blobs WHERE id = ?').run(b);
  return blobs;
}

/** Recordings derived from this one, newest first (deleting the source deletes them too). */
export function derivativesOf(vault: Vault, sourceId: string): string[] {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const rows = vault.catalog.prepare('SELECT id FROM recordings WHERE layout = ? AND unit_key = ? ORDER BY imported_at DESC, id').all(DERIVED_LAYOUT, unitKey(sourceId)) as { id: string }[];
  return rows.map((r) => r.id);
}

/** The recording this one was rendered from, or null for a recording from a card. */
export function sourceOf(vault: Vault, id: string): string | null {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const r = vault.catalog.prepare('SELECT unit_key FROM recordings WHERE id = ? AND layout = ?').get(id, DERIVED_LAYOUT) as { unit_key: string } | undefined;
  const prefix = unitKey('');
  return r && r.unit_key.startsWith(prefix) ? r.unit_key.slice(prefix.length) : null;
}

export interface DerivedSource {
  recordingId: string;
  label: string;
  relPath: string;
  blobId: string;
  size: number;
  sha256: string | null;
  /** main and chapter files: more than one means parts that play joined */
  parts: number;
}

/** The first main (else chapter) file of a verified recording: what a render reads. */
export function sourceFileOf(vault: Vault, recordingId: string): DerivedSource | null {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const r = vault.catalog
    .prepare(
      `SELECT r.id AS recordingId, r.label, f.rel_path AS relPath, f.blob_id AS blobId, f.size, f.sha256,
         (SELECT count(*) FROM recording_files c WHERE c.recording_id = r.id AND c.role IN ('main', 'chapter')) AS parts
       FROM recordings r JOIN recording_files f ON f.recording_id = r.id
       WHERE r.id = ? AND r.state = 'verified' AND f.role IN ('main', 'chapter') AND f.blob_id IS NOT NULL
       ORDER BY f.role = 'chapter', f.position, f.rel_path LIMIT 1`,
    )
    .get(recordingId) as DerivedSource | undefined;
  return r ?? null;
}
