/**
 * Migration 2 of the share register (R7): a vault whose register predates it gets each redacted
 * version's original filled in, so its packages are listed under the original from then on, also
 * after both recordings are deleted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { INGEST_MIGRATIONS } from '../../electron/core/ingest';
import { listExports } from '../../electron/core/share';
import { SHARE_FLOW_MIGRATIONS } from '../../electron/core/share/schema';
import type { Vault } from '../../electron/core/vault';
import { makeReceiver, newDir } from './share-fixtures';

let vault: Vault;

afterAll(async () => {
  await vault?.lock();
});

function registerAtVersion1(v: Vault): void {
  v.migrate('ingest', INGEST_MIGRATIONS);
  v.migrate('share', SHARE_FLOW_MIGRATIONS.slice(0, 1));
  const db = v.catalog;
  db.prepare("INSERT INTO imports (id, source_root, source_label, started_at, wipe, state) VALUES ('imp_1', 'kluis:redact', 'Kluis', '2026-04-01', 0, 'finished')").run();
  db.prepare("INSERT INTO recordings (id, label, layout, unit_key, import_id, source_label, imported_at, state) VALUES ('rec_red', 'lesson (redacted)', 'derived', 'derived:rec_orig', 'imp_1', 'Kluis', '2026-04-01', 'verified')").run();
  db.prepare("INSERT INTO share_exports (id, package_id, kind, created_at, expires_at, purpose, audience, recipients, file_name, package_sha256, package_size) VALUES ('shx_1', 'pkg_1', 'review', '2026-04-01T12:00:00Z', '2026-04-08T12:00:00Z', 'reflection', 'supervisor', '[]', '/stick/a.age', 'ab', 1)").run();
  db.prepare("INSERT INTO share_export_clips (export_id, position, recording_id, clip_sha256) VALUES ('shx_1', 0, 'rec_red', 'cd')").run();
  db.prepare("INSERT INTO share_exports (id, package_id, kind, created_at, expires_at, purpose, audience, recipients, file_name, package_sha256, package_size) VALUES ('shx_2', 'pkg_2', 'review', '2026-04-02T12:00:00Z', '2026-04-09T12:00:00Z', 'reflection', 'supervisor', '[]', '/stick/b.age', 'ef', 1)").run();
  db.prepare("INSERT INTO share_export_clips (export_id, position, recording_id, clip_sha256) VALUES ('shx_2', 0, 'rec_other', 'gh')").run();
}

describe('share register migration 2', () => {
  it('R7: fills in the original of each redacted version, and only theirs', async () => {
    vault = await makeReceiver(await newDir());
    registerAtVersion1(vault);
    expect(listExports(vault, { recordingId: 'rec_orig', withDerivatives: true }).map((e) => e.id)).toEqual(['shx_1']);
    // the recordings go; the register keeps both names
    vault.catalog.prepare('DELETE FROM recordings').run();
    expect(listExports(vault, { recordingId: 'rec_orig', withDerivatives: true }).map((e) => e.id)).toEqual(['shx_1']);
    expect(listExports(vault, { recordingId: 'rec_orig' })).toEqual([]);
    expect(listExports(vault, { recordingId: 'rec_other', withDerivatives: true }).map((e) => e.id)).toEqual(['shx_2']);
    const sources = vault.catalog.prepare('SELECT export_id, source_recording_id AS s FROM share_export_clips ORDER BY export_id').all();
    expect(sources).toEqual([{ export_id: 'shx_1', s: 'rec_orig' }, { export_id: 'shx_2', s: null }]);
  });
});
