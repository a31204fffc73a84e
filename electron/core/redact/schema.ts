import type { Migration } from '../vault';

/**
 * Plans (every save a new version) and the derivatives rendered from them (docs/redaction-plan.md
 * section 2). Both cascade with the recordings they name: a deleted source takes its plans, and
 * deleting a derivative's recording takes its manifest.
 */
export const REDACT_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE redact_plans (
        recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        version      INTEGER NOT NULL,
        plan         TEXT NOT NULL,
        saved_at     TEXT NOT NULL,
        PRIMARY KEY (recording_id, version)
      );
      CREATE TABLE redact_derivatives (
        recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
        source_id    TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        plan_version INTEGER NOT NULL,
        state        TEXT NOT NULL,
        manifest     TEXT,
        created_at   TEXT NOT NULL
      );
      CREATE INDEX redact_derivatives_by_source ON redact_derivatives (source_id);
    `,
  },
  {
    // Short-lived rendered previews (preview.ts): encrypted blobs swept at lock and unlock. No
    // foreign key on the recording: the sweep removes every row with its blob, whatever it names.
    version: 2,
    sql: `
      CREATE TABLE redact_previews (
        id           TEXT PRIMARY KEY,
        recording_id TEXT NOT NULL,
        blob_id      TEXT NOT NULL,
        start_sec    REAL NOT NULL,
        end_sec      REAL NOT NULL,
        created_at   TEXT NOT NULL
      );
    `,
  },
];
