import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, KluisService, type KluisEvent } from '../../electron/core/api';
import { importCard } from '../../electron/core/ingest';
import { queryLibrary } from '../../electron/core/media';
import { Vault } from '../../electron/core/vault';
import { FFMPEG } from '../fixtures/cards';
import { makeMedia } from '../fixtures/media';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';
import { execFileSync } from 'node:child_process';
import { seedLibrary } from '../fixtures/library-rows';

const work = mkdtempSync(join(tmpdir(), 'kluis-media-svc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Row = { id: string; title: string; playability: string; problem: string | null; hasPoster: boolean };

async function call<T>(s: KluisService, method: string, input: unknown): Promise<T> {
  const r = await dispatch(s, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function waitFor(s: KluisService, done: (seen: string[]) => boolean, ms = 120_000): Promise<string[]> {
  const seen: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms; saw ${seen.join(', ')}`)), ms);
    const off = s.onEvent((e: KluisEvent) => {
      if (e.type !== 'media.updated') return;
      seen.push(e.id);
      if (done(seen)) {
        clearTimeout(timer);
        off();
        resolve(seen);
      }
    });
  });
}

describe('media through the service: the library kicks the queue, lock stops it (issue 4)', () => {
  it('processes after the first library.query, emits media.updated, renames and requeues', async () => {
    const card = join(work, 'card1');
    makeMedia(join(card, 'les.mp4'), 'h264-mp4');
    makeMedia(join(card, 'kapot.MP4'), 'random-mp4');
    const s = new KluisService({ vaultDir: join(work, 'vault1'), kdf: FAST_KDF });
    await call(s, 'vault.create', { password: PASSWORD });
    await importCard(s.openVault, card, { wipe: false, sourceLabel: 'SD' });

    const processed = waitFor(s, (seen) => new Set(seen).size === 2);
    const first = await call<{ total: number; rows: Row[] }>(s, 'library.query', {});
    expect(first.total).toBe(2);
    expect(first.rows.every((r) => r.playability === 'pending')).toBe(true);
    await processed;

    const { rows } = await call<{ rows: Row[] }>(s, 'library.query', { sort: 'title', dir: 'asc' });
    expect(rows.map((r) => [r.title, r.playability])).toEqual([
      ['kapot.MP4', 'unplayable'],
      ['les.mp4', 'original'],
    ]);
    expect(rows[0]!.problem).toMatch(/^cannot be played: /);
    const les = rows[1]!;
    expect(les.hasPoster).toBe(true);

    const detail = await call<{ sprite: { count: number } | null; probe: { video: { codec: string } } }>(s, 'recordings.detail', { id: les.id });
    expect(detail.probe.video.codec).toBe('h264');
    expect(detail.sprite?.count).toBe(100);

    expect(await dispatch(s, 'recordings.rename', { id: les.id, title: '   ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(s, 'recordings.detail', { id: 'rec_0000000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/no recording/) } });
    await call(s, 'recordings.rename', { id: les.id, title: 'Kringgesprek groep 3' });
    expect((await call<{ rows: Row[] }>(s, 'library.query', { search: 'kring' })).rows.map((r) => r.id)).toEqual([les.id]);
    const audit = s.openVault.catalog.prepare("SELECT subject FROM audit_log WHERE action = 'recording.renamed'").all() as { subject: string }[];
    expect(audit).toEqual([{ subject: les.id }]);

    // media.process queues it again: pending first, then ready once more
    const again = waitFor(s, (seen) => seen.filter((id) => id === les.id).length >= 2);
    await call(s, 'media.process', { id: les.id });
    await again;
    expect((await call<{ row: Row }>(s, 'recordings.detail', { id: les.id })).row.playability).toBe('original');
    await call(s, 'vault.lock', {});
    expect(await dispatch(s, 'library.query', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  }, 180_000);

  it('lock cancels the running job; the recording is queued again and finished after the next unlock', async () => {
    const card = join(work, 'card2');
    // Long enough that the sprite (every frame decoded) is still running when the lock comes.
    mkdirSync(card, { recursive: true });
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=60', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', join(card, 'lang.mp4')]);
    const s = new KluisService({ vaultDir: join(work, 'vault2'), kdf: FAST_KDF });
    await call(s, 'vault.create', { password: PASSWORD });
    await importCard(s.openVault, card, { wipe: false, sourceLabel: 'SD' });
    await call(s, 'library.query', {});
    // The probe is quick; wait until the poster exists, so the lock lands during the sprite.
    const vault = s.openVault;
    for (let i = 0; i < 200; i++) {
      const r = vault.catalog.prepare('SELECT poster_blob_id FROM media_info').get() as { poster_blob_id: string | null } | undefined;
      if (r?.poster_blob_id) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const t0 = performance.now();
    await call(s, 'vault.lock', {});
    expect(performance.now() - t0).toBeLessThan(5000);

    await call(s, 'vault.unlock', { password: PASSWORD });
    const v2 = s.openVault;
    const row = () => v2.catalog.prepare('SELECT status, video_codec, sprite_blob_id FROM media_info').get() as { status: string; video_codec: string; sprite_blob_id: string | null };
    // The probe had finished, the sprite had not: nothing half-made was linked, and it is queued again.
    expect(row()).toEqual({ status: 'pending', video_codec: 'h264', sprite_blob_id: null });
    const done = waitFor(s, () => true);
    await call(s, 'library.query', {});
    await done;
    expect(row()).toMatchObject({ status: 'ready', sprite_blob_id: expect.any(String) });
    await call(s, 'vault.lock', {});
  }, 180_000);
});

describe('proxies in the background (issue 4)', () => {
  it('reports progress while the HEVC proxy runs, then plays from the proxy', async () => {
    const card = join(work, 'card3');
    mkdirSync(card, { recursive: true });
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30:duration=30', '-f', 'lavfi', '-i', 'sine=duration=30', '-shortest', '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=none', '-tag:v', 'hvc1', '-c:a', 'aac', join(card, 'hevc.mp4')]);
    const s = new KluisService({ vaultDir: join(work, 'vault3'), kdf: FAST_KDF });
    await call(s, 'vault.create', { password: PASSWORD });
    await importCard(s.openVault, card, { wipe: false, sourceLabel: 'SD' });
    const seen: { status: string; progress: number | null }[] = [];
    const finished = new Promise<void>((resolve) => {
      s.onEvent((e) => {
        if (e.type !== 'media.updated') return;
        const r = s.openVault.catalog.prepare('SELECT proxy_status AS status, proxy_progress AS progress FROM media_info').get() as { status: string; progress: number | null };
        seen.push(r);
        if (r.status === 'ready') resolve();
      });
    });
    await call(s, 'library.query', {});
    await finished;
    const running = seen.filter((r) => r.status === 'running');
    expect(running.length).toBeGreaterThanOrEqual(2);
    const fractions = running.map((r) => r.progress!);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    const { rows } = await call<{ rows: (Row & { proxy: { status: string; progress: number | null } })[] }>(s, 'library.query', {});
    expect(rows[0]).toMatchObject({ playability: 'proxy', proxy: { status: 'ready', progress: null } });
    await call(s, 'vault.lock', {});
  }, 180_000);
});

describe('library.query at 10,000 recordings', () => {
  it('answers each sort and a search within a few tens of milliseconds', async () => {
    const { vault } = await Vault.create(join(work, 'big'), PASSWORD, { kdf: FAST_KDF });
    try {
      seedLibrary(vault, 10_000);
      const queries = [
        ...(['capturedAt', 'importedAt', 'title', 'duration', 'size'] as const).flatMap((sort) => (['asc', 'desc'] as const).map((dir) => ({ sort, dir }))),
        { search: 'GOPRO' },
        { search: 'MVI_0999' },
        { playability: ['needs-proxy' as const], sort: 'duration' as const },
        { flaggedOnly: true, offset: 400 },
      ];
      const times: number[] = [];
      for (let round = 0; round < 3; round++) {
        for (const q of queries) {
          const t0 = performance.now();
          const page = queryLibrary(vault, { limit: 100, ...q });
          times.push(performance.now() - t0);
          expect(page.rows.length).toBeGreaterThan(0);
        }
      }
      expect(queryLibrary(vault, {}).total).toBe(10_000);
      expect(queryLibrary(vault, { search: 'GOPRO' }).total).toBe(1429);
      const biggest = Math.max(...Array.from({ length: 10_000 }, (_, i) => 1_000_000 + ((i * 7919) % 100_000) + 2000));
      expect(queryLibrary(vault, { sort: 'size', dir: 'desc', limit: 1 }).rows[0]!.bytes).toBe(biggest);
      times.sort((a, b) => a - b);
      const p95 = times[Math.floor(times.length * 0.95)]!;
      console.log(`library.query at 10,000 rows: p50 ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
      expect(p95).toBeLessThan(250);
    } finally {
      await vault.lock();
    }
  }, 120_000);
});
