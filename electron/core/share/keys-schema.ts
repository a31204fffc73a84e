import type { Migration } from '../vault';

/**
 * The vault owner's X25519 share key (docs/share-package.md, "Share keys"). One row: a vault
 * has one share key. The secret half lives only here, inside the encrypted catalog.
 */
export const SHARE_KEY_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE share_keys (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        secret_key TEXT NOT NULL,
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];
