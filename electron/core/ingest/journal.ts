import { randomBytes } from 'node:crypto';
import type { Catalog } from '../vault';
import type { FileProblem } from './report-types';
import type { Unit, UnitFile } from './types';

export type FileState = 'pending' | 'stored' | 'verified' | 'failed';

export interface JournalFile {
  recording_id: string;
  rel_path: string;
  role: UnitFile['role'];
  size: number;
  mtime_ms: number;
  blob_id: string | null;
  sha256: string | null;
  xxh3: string | null;
  source_xxh3: string | null;
  vault_xxh3: string | null;
  uncached: number | null;
  state: FileState;
  error: string | null;
  error_code: string | null;
  wiped_at: string | null;
}

const newId = (prefix: string): string => `${prefix}_${randomBytes(8).toString('hex')}`;
const now = (): string => new Date().toISOString();

/**
 * The import journal in the catalog. A recording stays 'importing' (never listed) until every
 * one of its files is verified; a later import of the same card resumes it.
 */
export class Journal {
  constructor(private readonly db: Catalog) {}

  startImport(root: string, label: string, wipe: boolean): string {
    // An import still 'running' was interrupted by a crash or a pulled card.
    this.db.prepare("UPDATE imports SET state = 'interrupted' WHERE state = 'running'").run();
    const id = newId('im');
    this.db.prepare("INSERT INTO imports (id, source_root, source_label, started_at, wipe, state) VALUES (?, ?, ?, ?, ?, 'running')").run(id, root, label, now(), wipe ? 1 : 0);
    return id;
  }

  finishImport(id: string, state: 'finished' | 'cancelled' | 'failed', reportBlobId: string | null): void {
    this.db.prepare('UPDATE imports SET state = ?, finished_at = ?, report_blob_id = ? WHERE id = ?').run(state, now(), reportBlobId, id);
  }

  /** An unfinished recording of the same unit from the same card, with the same files. */
  resumable(sourceLabel: string, unit: Unit): string | null {
    const rows = this.db.prepare("SELECT id FROM recordings WHERE source_label = ? AND unit_key = ? AND state = 'importing'").all(sourceLabel, unit.key) as { id: string }[];
    const want = unit.files.map((f) => `${f.relPath}\0${f.size}`).sort().join('\n');
    for (const { id } of rows) {
      const have = this.files(id).map((f) => `${f.rel_path}\0${f.size}`).sort().join('\n');
      if (have === want) return id;
    }
    return null;
  }

  /** Unfinished recordings of this unit whose files no longer match the card: their blobs go. */
  staleBlobs(sourceLabel: string, unit: Unit, keep: string | null): { recordingId: string; blobIds: string[] }[] {
    const rows = this.db.prepare("SELECT id FROM recordings WHERE source_label = ? AND unit_key = ? AND state = 'importing' AND id IS NOT ?").all(sourceLabel, unit.key, keep) as { id: string }[];
    return rows.map(({ id }) => ({ recordingId: id, blobIds: this.files(id).flatMap((f) => (f.blob_id ? [f.blob_id] : [])) }));
  }

  dropRecording(id: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM recording_files WHERE recording_id = ?').run(id);
      this.db.prepare('DELETE FROM recordings WHERE id = ?').run(id);
    })();
  }

  createRecording(importId: string, sourceLabel: string, unit: Unit): string {
    const id = newId('rec');
    const captured = Math.min(...unit.files.map((f) => f.mtimeMs));
    this.db.transaction(() => {
      this.db.prepare("INSERT INTO recordings (id, label, layout, unit_key, import_id, source_label, captured_at, imported_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'importing')").run(id, unit.label, unit.layout, unit.key, importId, sourceLabel, new Date(captured).toISOString(), now());
      const ins = this.db.prepare("INSERT INTO recording_files (recording_id, position, rel_path, role, size, mtime_ms, state) VALUES (?, ?, ?, ?, ?, ?, 'pending')");
      unit.files.forEach((f, i) => ins.run(id, i, f.relPath, f.role, f.size, f.mtimeMs));
    })();
    return id;
  }

  files(recordingId: string): JournalFile[] {
    return this.db.prepare('SELECT * FROM recording_files WHERE recording_id = ? ORDER BY position').all(recordingId) as JournalFile[];
  }

  /** Runs inside the vault's blob transaction: the blob and its journal row commit together. */
  markStored(recordingId: string, relPath: string, blobId: string, sha256: string, xxh3: string): void {
    this.db.prepare("UPDATE recording_files SET blob_id = ?, sha256 = ?, xxh3 = ?, state = 'stored', error = NULL, error_code = NULL WHERE recording_id = ? AND rel_path = ?").run(blobId, sha256, xxh3, recordingId, relPath);
  }

  markVerified(recordingId: string, relPath: string, sourceXxh3: string, vaultXxh3: string, uncached: boolean): void {
    this.db.prepare("UPDATE recording_files SET source_xxh3 = ?, vault_xxh3 = ?, uncached = ?, state = 'verified', error = NULL, error_code = NULL WHERE recording_id = ? AND rel_path = ?").run(sourceXxh3, vaultXxh3, uncached ? 1 : 0, recordingId, relPath);
  }

  markFailed(recordingId: string, relPath: string, problem: FileProblem, hashes: { source?: string; vault?: string } = {}): void {
    this.db.prepare("UPDATE recording_files SET state = 'failed', error = ?, error_code = ?, source_xxh3 = ?, vault_xxh3 = ? WHERE recording_id = ? AND rel_path = ?").run(problem.message, problem.code, hashes.source ?? null, hashes.vault ?? null, recordingId, relPath);
  }

  clearBlob(recordingId: string, relPath: string): void {
    this.db.prepare("UPDATE recording_files SET blob_id = NULL, sha256 = NULL, xxh3 = NULL, state = 'pending' WHERE recording_id = ? AND rel_path = ?").run(recordingId, relPath);
  }

  markWiped(recordingId: string, relPath: string): void {
    this.db.prepare('UPDATE recording_files SET wiped_at = ? WHERE recording_id = ? AND rel_path = ?').run(now(), recordingId, relPath);
  }

  completeRecording(recordingId: string): void {
    this.db.prepare("UPDATE recordings SET state = 'verified', imported_at = ? WHERE id = ?").run(now(), recordingId);
  }

  /** A verified copy of a file with this size and name, to test for duplicates by hash. */
  verifiedCopies(size: number, name: string): { blob_id: string; sha256: string; xxh3: string; recording_id: string }[] {
    return this.db
      .prepare(
        `SELECT f.blob_id, f.sha256, f.xxh3, f.recording_id FROM recording_files f JOIN recordings r ON r.id = f.recording_id
         WHERE r.state = 'verified' AND f.state = 'verified' AND f.size = ? AND (f.rel_path = ? OR f.rel_path LIKE ? ESCAPE '\\')`,
      )
      .all(size, name, `%/${name.replace(/[%_\\]/g, (c) => `\\${c}`)}`) as { blob_id: string; sha256: string; xxh3: string; recording_id: string }[];
  }
}
