/**
 * A real encrypted vault with real imported recordings for the consent and audit tests: a tiny
 * DCF card is generated and imported through ingest, so the recordings rows are the real thing.
 */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { importCard, listRecordings } from '../../../electron/core/ingest';
import type { Vault } from '../../../electron/core/vault';
import { makeFile } from '../../fixtures/cards';
import { createVault, tempDir } from '../../helpers/vault-fixtures';

/** When the fixture clips were "recorded" (their mtime; the card has no other clock). */
export const RECORDED = new Date(Date.UTC(2026, 2, 10, 9, 0, 0));

export async function vaultWithRecordings(count: number): Promise<{ vault: Vault; dir: string; recordings: string[] }> {
  const dir = await tempDir('kluis-consent-');
  const { vault } = await createVault(join(dir, 'vault'));
  const card = join(dir, 'card');
  for (let i = 0; i < count; i++) {
    const file = join(card, 'DCIM/100CANON', `MVI_010${i}.MP4`);
    makeFile(file, 4096 + i);
    const t = new Date(RECORDED.getTime() + i * 60_000);
    utimesSync(file, t, t);
  }
  await importCard(vault, card, { wipe: false, sourceLabel: 'CARD' });
  const recordings = listRecordings(vault).map((r) => r.id);
  if (recordings.length !== count) throw new Error(`fixture: expected ${count} recordings, got ${recordings.length}`);
  return { vault, dir, recordings };
}
