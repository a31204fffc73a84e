import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, KluisService } from '../../electron/core/api';
import { playbackMediaHandler } from '../../electron/core/api/handlers/playback';
import { listAudit } from '../../electron/core/audit';
import { importCard } from '../../electron/core/ingest';
import { processRecording, queryLibrary } from '../../electron/core/media';
import { makeMedia } from '../fixtures/media';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';

const work = mkdtempSync(join(tmpdir(), 'kluis-media-open-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('media.open: refusals say NOT_PLAYABLE, a view is audited once (issue 4)', () => {
  it('logs one recording.viewed per ticket, however many range requests follow; posters are not views', async () => {
    const card = join(work, 'card');
    makeMedia(join(card, 'les.mp4'), 'h264-mp4');
    makeMedia(join(card, 'kapot.MP4'), 'random-mp4');
    makeMedia(join(card, 'hevc.mp4'), 'hevc-mp4');
    const s = new KluisService({ vaultDir: join(work, 'vault'), kdf: FAST_KDF });
    expect((await dispatch(s, 'vault.create', { password: PASSWORD })).ok).toBe(true);
    const vault = s.openVault;
    await importCard(vault, card, { wipe: false, sourceLabel: 'SD' });
    const ids = new Map(queryLibrary(vault).rows.map((r) => [r.title, r.id]));
    for (const id of ids.values()) await processRecording(vault, id);
    const views = (id: string) => listAudit(vault, { subject: id }).filter((e) => e.action === 'recording.viewed');

    const les = ids.get('les.mp4')!;
    const r = await dispatch(s, 'media.open', { id: les, kind: 'play' });
    if (!r.ok) throw new Error(r.error.message);
    const { token, size } = r.value as { token: string; size: number };
    const handler = playbackMediaHandler(s);
    for (const start of [0, 1000, Math.floor(size / 2), size - 10]) {
      const res = await handler(new Request(`http://x/media/${token}`, { headers: { range: `bytes=${start}-` } }));
      expect(res.status).toBe(206);
      await res.arrayBuffer();
    }
    expect(views(les)).toHaveLength(1);
    expect(views(les)[0]!.detail).toEqual({ copy: 'original' });
    expect((await dispatch(s, 'media.open', { id: les, kind: 'poster' })).ok).toBe(true);
    expect(views(les)).toHaveLength(1);
    expect((await dispatch(s, 'media.open', { id: les, kind: 'play' })).ok).toBe(true);
    expect(views(les)).toHaveLength(2);

    const bad = await dispatch(s, 'media.open', { id: ids.get('kapot.MP4')!, kind: 'play' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_PLAYABLE', message: expect.stringMatching(/^This recording cannot be played: \S/) as unknown } });
    const waiting = await dispatch(s, 'media.open', { id: ids.get('hevc.mp4')!, kind: 'play' });
    expect(waiting).toMatchObject({ ok: false, error: { code: 'NOT_PLAYABLE', message: expect.stringMatching(/needs a playable copy first/) as unknown } });
    expect(views(ids.get('kapot.MP4')!)).toHaveLength(0);
    expect(await dispatch(s, 'media.open', { id: 'rec_0000000000000000', kind: 'play' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await dispatch(s, 'vault.lock', {});
  }, 120_000);
});
