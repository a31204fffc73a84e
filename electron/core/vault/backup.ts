import { copyFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Catalog } from './catalog';
import { fsyncDir, fsyncFile } from './fs-durable';

const KEEP = 5;

/** Opening a backup (verify) leaves SQLite's -wal/-shm companions beside it; they are not backups. */
export function isBackupFile(name: string): boolean {
  return name.startsWith('catalog-') && name.endsWith('.db');
}

/**
 * Copies the encrypted catalog file itself (never db.serialize(), which is plaintext) after
 * folding the WAL into it, then keeps the newest KEEP copies.
 */
export async function backupCatalog(db: Catalog, paths: { catalog: string; staging: string; backups: string }): Promise<string> {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const temp = join(paths.staging, `backup-${randomBytes(8).toString('hex')}.db`);
  await copyFile(paths.catalog, temp);
  await fsyncFile(temp);
  const name = `catalog-${new Date().toISOString().replace(/[:.]/g, '-')}.db`;
  await rename(temp, join(paths.backups, name));
  fsyncDir(paths.backups);
  const all = (await readdir(paths.backups)).filter(isBackupFile).sort();
  for (const old of all.slice(0, Math.max(0, all.length - KEEP))) {
    for (const f of [old, `${old}-wal`, `${old}-shm`]) await rm(join(paths.backups, f), { force: true });
  }
  return name;
}
