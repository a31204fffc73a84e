/**
 * The catalog's schema, one migration per version (docs/vault-format.md section 4).
 * Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const VAULT_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE blobs (
        id         TEXT PRIMARY KEY,
        data_key   BLOB NOT NULL,
        size       INTEGER NOT NULL,
        sha256     TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE items (
        id       TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        blob_id  TEXT NOT NULL UNIQUE REFERENCES blobs(id),
        added_at TEXT NOT NULL
      );
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
];
