import Database from 'better-sqlite3-multiple-ciphers';
import { VaultError, toVaultError } from './errors';
import { VAULT_MIGRATIONS, type Migration } from './migrations';

export type Catalog = Database.Database;
export const CATALOG_FILE = 'catalog.db';

let nativeBinding: string | undefined;

/**
 * Electron runs another Node ABI than the tests and the CLI. The app points SQLite at the
 * module built for Electron, kept apart so `npm start` and `npm test` never share one build.
 */
export function useSqliteBinding(path: string | undefined): void {
  nativeBinding = path;
}

function connect(path: string, options: Database.Options): Catalog {
  return new Database(path, nativeBinding ? { ...options, nativeBinding } : options);
}

/** Sets the page cipher and key; must run before anything else touches the file. */
function applyKey(db: Catalog, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

export function openCatalog(path: string, key: Buffer, opts: { create: boolean }): Catalog {
  let db: Catalog;
  try {
    db = connect(path, { fileMustExist: !opts.create });
  } catch (e) {
    throw toVaultError(e, 'opening the catalog');
  }
  try {
    applyKey(db, key);
    // The first read proves the key and the first page; a damaged or foreign file fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (opts.create) db.pragma('auto_vacuum = FULL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    migrate(db, 'vault', VAULT_MIGRATIONS);
    return db;
  } catch (e) {
    db.close();
    throw toVaultError(e, 'opening the catalog');
  }
}

/**
 * Each capability (vault, ingest, consent, ...) versions its own tables, so capabilities can
 * evolve apart. A migration and its version bump commit together: a crash leaves old or new.
 */
export function migrate(db: Catalog, capability: string, migrations: Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (capability TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_versions WHERE capability = ?').get(capability) as { version: number } | undefined;
  const current = row?.version ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new VaultError('NEWER_FORMAT', `The catalog's ${capability} tables have schema version ${current}, newer than this Kluis knows (${latest}); update Kluis to open it.`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_versions (capability, version) VALUES (?, ?) ON CONFLICT (capability) DO UPDATE SET version = excluded.version').run(capability, m.version);
    })();
  }
}

/** Reads every page (each carries an HMAC) and SQLite's own consistency checks. */
export function catalogProblems(db: Catalog): string[] {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    return problems;
  } catch (e) {
    return [toVaultError(e, 'checking the catalog').message];
  }
}

/** Checks that a catalog file (e.g. a backup) opens with the key and is intact, then closes it. */
export function checkCatalogFile(path: string, key: Buffer): string[] {
  let db: Catalog | undefined;
  try {
    db = connect(path, { fileMustExist: true, readonly: true });
    applyKey(db, key);
    return catalogProblems(db);
  } catch (e) {
    return [toVaultError(e, 'checking a catalog backup').message];
  } finally {
    db?.close();
  }
}
