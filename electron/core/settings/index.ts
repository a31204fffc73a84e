import type { Vault } from '../vault';

/**
 * Preferences that belong to the vault's owner and travel with the vault (they live in the
 * encrypted catalog, so nobody learns them from the disk). Only what the product needs: the
 * auto-lock delay (issue 8, R9).
 */
export interface Settings {
  /** lock after this many seconds without activity; DESIGN.md default 5 minutes */
  autoLockSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = { autoLockSeconds: 5 * 60 };

const MIGRATIONS = [{ version: 1, sql: 'CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);' }];

// The idle lock reads the settings every few seconds; the schema check is needed once per vault.
const migrated = new WeakSet<Vault>();
function ready(vault: Vault): void {
  if (migrated.has(vault)) return;
  vault.migrate('settings', MIGRATIONS);
  migrated.add(vault);
}

export function readSettings(vault: Vault): Settings {
  ready(vault);
  const rows = vault.catalog.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const autoLock = stored['autoLockSeconds'];
  return { autoLockSeconds: typeof autoLock === 'number' ? autoLock : DEFAULT_SETTINGS.autoLockSeconds };
}

export function writeSettings(vault: Vault, change: Partial<Settings>): Settings {
  ready(vault);
  const put = vault.catalog.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  vault.catalog.transaction(() => {
    for (const [key, value] of Object.entries(change)) if (value !== undefined) put.run(key, JSON.stringify(value));
  })();
  return readSettings(vault);
}
