import { INGEST_MIGRATIONS } from '../ingest';
import type { Migration, Vault } from '../vault';

/**
 * The share capability's catalog tables (docs/share-package.md, "Catalog"). The register of
 * exports outlives the recordings it names on purpose: withdrawal and deletion must still be
 * able to list the copies that left (R7).
 */
export const SHARE_FLOW_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE share_exports (
        id             TEXT PRIMARY KEY,
        package_id     TEXT NOT NULL,
        kind           TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        expires_at     TEXT NOT NULL,
        purpose        TEXT NOT NULL,
        audience       TEXT NOT NULL,
        recipients     TEXT NOT NULL,
        file_name      TEXT NOT NULL,
        package_sha256 TEXT NOT NULL,
        package_size   INTEGER NOT NULL
      );
      CREATE TABLE share_export_clips (
        export_id    TEXT NOT NULL REFERENCES share_exports(id),
        position     INTEGER NOT NULL,
        recording_id TEXT NOT NULL,
        clip_sha256  TEXT NOT NULL,
        in_sec       REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (export_id, position)
      );
      CREATE INDEX share_export_clips_recording ON share_export_clips(recording_id);
      CREATE INDEX share_export_clips_sha ON share_export_clips(clip_sha256);
      CREATE TABLE share_export_persons (
        export_id    TEXT NOT NULL REFERENCES share_exports(id),
        recording_id TEXT NOT NULL,
        person_id    TEXT NOT NULL,
        basis        TEXT NOT NULL,
        PRIMARY KEY (export_id, recording_id, person_id)
      );
      CREATE INDEX share_export_persons_person ON share_export_persons(person_id);

      CREATE TABLE received_packages (
        id             TEXT PRIMARY KEY,
        package_id     TEXT NOT NULL,
        package_sha256 TEXT NOT NULL,
        kind           TEXT NOT NULL,
        state          TEXT NOT NULL CHECK (state IN ('opening', 'open')),
        sender         TEXT NOT NULL,
        purpose        TEXT NOT NULL,
        audience       TEXT NOT NULL,
        expires_at     TEXT NOT NULL,
        may_keep       INTEGER NOT NULL,
        may_forward    INTEGER NOT NULL,
        manifest       TEXT NOT NULL,
        opened_at      TEXT NOT NULL
      );
      CREATE TABLE received_clips (
        id             TEXT PRIMARY KEY,
        package_id     TEXT NOT NULL REFERENCES received_packages(id),
        position       INTEGER NOT NULL,
        title          TEXT NOT NULL,
        duration_sec   REAL NOT NULL,
        mime           TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        size           INTEGER NOT NULL,
        blob_id        TEXT NOT NULL REFERENCES blobs(id),
        poster_blob_id TEXT REFERENCES blobs(id),
        in_sec         REAL,
        out_sec        REAL
      );
      CREATE INDEX received_clips_package ON received_clips(package_id);

      -- comments a reviewer writes on a received clip, before they go back as a feedback package
      CREATE TABLE feedback_comments (
        id         TEXT PRIMARY KEY,
        clip_id    TEXT NOT NULL REFERENCES received_clips(id),
        at_sec     REAL NOT NULL,
        text       TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- comments that came back on one of our own exported clips, shown on its timeline
      CREATE TABLE feedback_received (
        id           TEXT PRIMARY KEY,
        recording_id TEXT NOT NULL,
        clip_sha256  TEXT NOT NULL,
        package_id   TEXT NOT NULL,
        author       TEXT NOT NULL,
        at_sec       REAL NOT NULL,
        text         TEXT NOT NULL,
        written_at   TEXT NOT NULL,
        received_at  TEXT NOT NULL,
        UNIQUE (package_id, recording_id, clip_sha256, at_sec, text)
      );
      CREATE INDEX feedback_received_recording ON feedback_received(recording_id);
    `,
  },
  {
    // A package of a redacted version also names the original it came from, so that the
    // original's deletion (which deletes its versions) can still list it afterwards (R7).
    version: 2,
    sql: `
      ALTER TABLE share_export_clips ADD COLUMN source_recording_id TEXT;
      UPDATE share_export_clips SET source_recording_id = (
        SELECT substr(r.unit_key, 9) FROM recordings r WHERE r.id = share_export_clips.recording_id AND r.layout = 'derived' AND r.unit_key LIKE 'derived:%'
      );
      CREATE INDEX share_export_clips_source ON share_export_clips(source_recording_id);
    `,
  },
  {
    // Handovers opened here (U5): one row per package, so opening it twice imports once; while
    // 'opening' it lists every blob that arrived, so a crash's leftovers can be removed.
    version: 3,
    sql: `
      CREATE TABLE handover_received (
        package_id TEXT PRIMARY KEY,
        import_id  TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('opening', 'open')),
        sender     TEXT NOT NULL,
        reason     TEXT NOT NULL,
        opened_at  TEXT NOT NULL,
        blob_ids   TEXT NOT NULL DEFAULT '[]',
        recordings TEXT NOT NULL DEFAULT '[]'
      );
    `,
  },
];

/** The flows' tables, brought up to date on first use (after the recordings they name). */
export function shareTables(vault: Vault): Vault {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  vault.migrate('share', SHARE_FLOW_MIGRATIONS);
  return vault;
}
