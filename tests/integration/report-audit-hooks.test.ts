/**
 * The service writes the audit entries the log promises (docs/audit-log.md): unlocks, failed
 * unlocks (counted while locked, written after the next good unlock), imports, removed items.
 * Through the KluisService and the contract, on a real encrypted vault and a real card folder.
 */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, KluisService, type KluisEvent } from '../../electron/core/api';
import { makeFile } from '../fixtures/cards';
import { FAST_KDF, PASSWORD, removeDir, tempDir } from '../helpers/vault-fixtures';

let dir: string | undefined;
let service: KluisService | undefined;
afterEach(async () => {
  if (service) await dispatch(service, 'vault.lock', {});
  await removeDir(dir);
  service = undefined;
  dir = undefined;
});

type Entry = { seq: number; action: string; subject: string | null; detail: Record<string, unknown> };
async function entries(s: KluisService): Promise<Entry[]> {
  const r = await dispatch(s, 'audit.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Entry[];
}

describe('audit hooks in the service (R8: what happened, provably)', () => {
  it('R8: two failed unlocks followed by a good one leave exactly one vault.unlockFailed entry with the count and times', async () => {
    dir = await tempDir('kluis-audit-hooks-');
    service = new KluisService({ vaultDir: join(dir, 'vault'), kdf: FAST_KDF });
    expect((await dispatch(service, 'vault.create', { password: PASSWORD })).ok).toBe(true);
    expect((await dispatch(service, 'vault.lock', {})).ok).toBe(true);

    for (let i = 0; i < 2; i++) expect(await dispatch(service, 'vault.unlock', { password: 'Not-The-Password-At-All-99!' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(await dispatch(service, 'vault.unlock', { password: PASSWORD })).toEqual({ ok: true, value: {} });

    const log = await entries(service);
    const failed = log.filter((e) => e.action === 'vault.unlockFailed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.detail).toMatchObject({ count: 2 });
    expect(String(failed[0]!.detail.times).split(',')).toHaveLength(2);
    expect(log.at(-1)!.action).toBe('vault.unlocked');
    expect(JSON.stringify(log)).not.toContain('Not-The-Password');

    // the count was reset: another lock and good unlock adds no second unlockFailed entry
    await dispatch(service, 'vault.lock', {});
    await dispatch(service, 'vault.unlock', { password: PASSWORD });
    expect((await entries(service)).filter((e) => e.action === 'vault.unlockFailed')).toHaveLength(1);
    expect(await dispatch(service, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('R8: an import writes started and finished with its totals; removing an item is logged', async () => {
    dir = await tempDir('kluis-audit-hooks-');
    service = new KluisService({ vaultDir: join(dir, 'vault'), kdf: FAST_KDF });
    expect((await dispatch(service, 'vault.create', { password: PASSWORD })).ok).toBe(true);
    const clip = join(dir, 'card/DCIM/100CANON/MVI_0001.MP4');
    makeFile(clip, 4096);
    const t = new Date(Date.UTC(2026, 2, 10, 9));
    utimesSync(clip, t, t);
    const finished = new Promise<KluisEvent>((resolve) => {
      service!.onEvent((e) => {
        if (e.type === 'ingest.finished' || e.type === 'ingest.failed') resolve(e);
      });
    });
    expect((await dispatch(service, 'ingest.start', { path: join(dir, 'card'), wipe: false })).ok).toBe(true);
    const done = await finished;
    expect(done.type).toBe('ingest.finished');
    const log = await entries(service);
    const started = log.find((e) => e.action === 'import.started');
    const fin = log.find((e) => e.action === 'import.finished');
    expect(started).toBeDefined();
    expect(fin).toMatchObject({ detail: { ok: true, units: 1, verified: 1, failed: 0 } });
    expect(fin!.seq).toBeGreaterThan(started!.seq);

    const item = await service.openVault.addBytes('note.txt', Buffer.from('hello'));
    expect(await dispatch(service, 'items.remove', { id: item.id })).toEqual({ ok: true, value: {} });
    expect((await entries(service)).at(-1)).toMatchObject({ action: 'item.removed', subject: item.id });
    expect(await dispatch(service, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });
});
