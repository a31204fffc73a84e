import type { Migration } from '../vault';

/**
 * People, their consents, each recording's basis and who appears in it (docs/consent-model.md).
 * Lists (purposes, audiences, time ranges) are JSON: they are read whole and never queried into.
 */
export const CONSENT_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE persons (
        id             TEXT PRIMARY KEY,
        pseudonym      TEXT NOT NULL,
        full_name      TEXT,
        contact        TEXT,
        role           TEXT NOT NULL,
        birth_year     INTEGER,
        minor          INTEGER NOT NULL,
        consent_holder TEXT NOT NULL,
        created_at     TEXT NOT NULL
      );
      CREATE TABLE consents (
        id            TEXT PRIMARY KEY,
        person_id     TEXT NOT NULL REFERENCES persons(id),
        purposes      TEXT NOT NULL,
        audiences     TEXT NOT NULL,
        signed_by     TEXT NOT NULL,
        signed_at     TEXT NOT NULL,
        valid_until   TEXT,
        form_blob_id  TEXT REFERENCES blobs(id),
        status        TEXT NOT NULL,
        withdrawn_at  TEXT,
        withdrawn_how TEXT
      );
      CREATE INDEX consents_by_person ON consents (person_id);
      CREATE TABLE recording_consent_info (
        recording_id       TEXT PRIMARY KEY REFERENCES recordings(id),
        purpose            TEXT NOT NULL,
        lawful_basis       TEXT NOT NULL,
        situation          TEXT NOT NULL,
        special_category   INTEGER NOT NULL,
        owner              TEXT NOT NULL,
        retention_preset   TEXT NOT NULL,
        retention_deadline TEXT NOT NULL,
        consent_archive    TEXT
      );
      CREATE TABLE appearances (
        recording_id TEXT NOT NULL REFERENCES recordings(id),
        person_id    TEXT NOT NULL REFERENCES persons(id),
        presence     TEXT NOT NULL,
        ranges       TEXT NOT NULL,
        PRIMARY KEY (recording_id, person_id)
      );
      CREATE INDEX appearances_by_person ON appearances (person_id);
    `,
  },
  {
    // Session plans (R4, H3): who will be present before anything is recorded; recordings made
    // from a plan point back to it.
    version: 2,
    sql: `
      CREATE TABLE session_plans (
        id         TEXT PRIMARY KEY,
        title      TEXT NOT NULL,
        purpose    TEXT NOT NULL,
        audience   TEXT NOT NULL,
        person_ids TEXT NOT NULL,
        three_sixty INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE session_plan_recordings (
        plan_id      TEXT NOT NULL REFERENCES session_plans(id),
        recording_id TEXT NOT NULL REFERENCES recordings(id),
        PRIMARY KEY (plan_id, recording_id)
      );
    `,
  },
  {
    // Objections (A2, GDPR art. 21): where a recording rests on legitimate interest, nobody is
    // asked for consent, so objecting is how a person says no. Lifting one keeps the row.
    version: 3,
    sql: `
      CREATE TABLE objections (
        id        TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES persons(id),
        purposes  TEXT NOT NULL,
        made_at   TEXT NOT NULL,
        how       TEXT,
        lifted_at TEXT
      );
      CREATE INDEX objections_by_person ON objections (person_id);
    `,
  },
];
