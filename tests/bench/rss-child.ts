/**
 * Child process of the RSS figures: unlocks a vault, reports its RSS, resets the kernel's
 * high-water mark (so the KDF's memory during unlock is not counted as the work's), adds the
 * file or imports the card folder, and reports the new high-water mark.
 * Usage: rss-child.ts <vaultDir> <password> <file> | rss-child.ts <vaultDir> <password> --import <folder>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { importCard } from '../../electron/core/ingest';
import { Vault } from '../../electron/core/vault';

function statusKiB(field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function main(): Promise<void> {
  const [dir, password, ...rest] = process.argv.slice(2);
  const card = rest[0] === '--import' ? rest[1] : undefined;
  const file = card ? undefined : rest[0];
  const vault = await Vault.open(dir!, password!);
  // let the KDF's freed pages go back before the baseline is taken
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 200));
  const afterUnlockKiB = statusKiB('VmRSS');
  let hwmReset = true;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    hwmReset = false;
  }
  process.stdout.write(JSON.stringify({ phase: 'unlocked', afterUnlockKiB }) + '\n');
  const started = performance.now();
  const size = card ? (await importCard(vault, card, { wipe: false })).totals.bytes : (await vault.addFile(file!)).size;
  const addSeconds = (performance.now() - started) / 1000;
  const hwmKiB = statusKiB('VmHWM');
  await vault.lock();
  process.stdout.write(JSON.stringify({ phase: 'done', afterUnlockKiB, hwmKiB, hwmReset, addSeconds, size }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
