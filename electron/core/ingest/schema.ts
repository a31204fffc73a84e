import type { Migration } from '../vault';

/** The import journal and the recordings it produces (docs/ingest.md). */
export const INGEST_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE imports (
        id             TEXT PRIMARY KEY,
        source_root    TEXT NOT NULL,
        source_label   TEXT NOT NULL,
        started_at     TEXT NOT NULL,
        finished_at    TEXT,
        wipe           INTEGER NOT NULL,
        state          TEXT NOT NULL,
        report_blob_id TEXT REFERENCES blobs(id)
      );
      CREATE TABLE recordings (
        id           TEXT PRIMARY KEY,
        label        TEXT NOT NULL,
        layout       TEXT NOT NULL,
        unit_key     TEXT NOT NULL,
        import_id    TEXT NOT NULL REFERENCES imports(id),
        source_label TEXT NOT NULL,
        captured_at  TEXT,
        imported_at  TEXT NOT NULL,
        state        TEXT NOT NULL
      );
      CREATE INDEX recordings_by_unit ON recordings (source_label, unit_key);
      CREATE TABLE recording_files (
        recording_id   TEXT NOT NULL REFERENCES recordings(id),
        position       INTEGER NOT NULL,
        rel_path       TEXT NOT NULL,
        role           TEXT NOT NULL,
        size           INTEGER NOT NULL,
        mtime_ms       INTEGER NOT NULL,
        blob_id        TEXT REFERENCES blobs(id),
        sha256         TEXT,
        xxh3           TEXT,
        source_xxh3    TEXT,
        vault_xxh3     TEXT,
        uncached       INTEGER,
        state          TEXT NOT NULL,
        error          TEXT,
        error_code     TEXT,
        wiped_at       TEXT,
        PRIMARY KEY (recording_id, rel_path)
      );
      CREATE INDEX recording_files_by_hash ON recording_files (sha256);
    `,
  },
];
