/** The media figures of `npm run bench` (see docs/benchmarks.md). Each figure carries its own baseline. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { dispatch, KluisService } from '../../electron/core/api';
import { playbackMediaHandler } from '../../electron/core/api/handlers/playback';
import { importCard } from '../../electron/core/ingest';
import { makeProxy, processRecording, PROXY_ENCODE, queryLibrary, runFfmpeg } from '../../electron/core/media';
import { Vault } from '../../electron/core/vault';
import { log, median, PASSWORD, percentile, round } from './util';
import { seedLibrary } from '../fixtures/library-rows';

export type Figures = Record<string, { pass: boolean } & Record<string, unknown>>;

const FFMPEG = process.env['FFMPEG_BIN'] ?? 'ffmpeg';
const KDF = { memoryKiB: 65536, iterations: 3 } as const;
const SEEKS = 200;
const SEEK_BYTES = 256 * 1024;

function clip(path: string, codec: 'h264' | 'hevc', seconds: number): void {
  const enc = codec === 'h264' ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] : ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=none', '-tag:v', 'hvc1'];
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=duration=${seconds}`, '-shortest', ...enc, '-c:a', 'aac', path]);
}

async function ok<T>(s: KluisService, method: string, input: unknown): Promise<T> {
  const r = await dispatch(s, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Reads a response body to the end and says when its first byte arrived. */
async function drain(res: Response, t0: number): Promise<number> {
  const reader = res.body!.getReader();
  let first = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (first < 0 && value?.length) first = performance.now() - t0;
    if (done) return first;
  }
}

export async function benchMedia(root: string): Promise<Figures> {
  const dir = join(root, 'media');
  const card = join(dir, 'card');
  mkdirSync(card, { recursive: true });
  log('media: making a 60 s 720p H.264 clip and a 20 s 720p HEVC clip');
  const plain = join(card, 'lesson.mp4');
  clip(plain, 'h264', 60);
  clip(join(card, 'hevc.mp4'), 'hevc', 20);
  const s = new KluisService({ vaultDir: join(dir, 'vault'), kdf: KDF });
  try {
    await ok(s, 'vault.create', { password: PASSWORD });
    const vault = s.openVault;
    await importCard(vault, card, { wipe: false, sourceLabel: 'BENCH' });
    const ids = new Map(queryLibrary(vault).rows.map((r) => [r.title, r.id]));
    for (const id of ids.values()) await processRecording(vault, id, { thumbnails: false });
    const lesson = ids.get('lesson.mp4')!;
    const handler = playbackMediaHandler(s);
    const fh = await open(plain, 'r');
    try {
      // Seek: a player's Range request at a random offset, through the core handler, vs the same read with fs.
      const { token, size } = await ok<{ token: string; size: number }>(s, 'media.open', { id: lesson, kind: 'play' });
      const seek: number[] = [];
      const seekBase: number[] = [];
      const buf = Buffer.alloc(SEEK_BYTES);
      for (let i = 0; i < SEEKS; i++) {
        const start = Math.floor(Math.random() * (size - SEEK_BYTES));
        let t0 = performance.now();
        const res = await handler(new Request(`kluis-media://m/${token}`, { headers: { range: `bytes=${start}-${start + SEEK_BYTES - 1}` } }));
        await drain(res, t0);
        seek.push(performance.now() - t0);
        t0 = performance.now();
        await fh.read(buf, 0, SEEK_BYTES, start);
        seekBase.push(performance.now() - t0);
      }
      // Time to first byte: a fresh ticket and the first byte of its body vs opening the file and reading 64 KiB.
      const ttfb: number[] = [];
      const ttfbBase: number[] = [];
      for (let i = 0; i < 30; i++) {
        let t0 = performance.now();
        const t = await ok<{ token: string }>(s, 'media.open', { id: lesson, kind: 'play' });
        const res = await handler(new Request(`kluis-media://m/${t.token}`, { headers: { range: 'bytes=0-' } }));
        const reader = res.body!.getReader();
        await reader.read();
        ttfb.push(performance.now() - t0);
        await reader.cancel();
        await ok(s, 'media.close', { token: t.token });
        t0 = performance.now();
        const h = await open(plain, 'r');
        await h.read(Buffer.alloc(65536), 0, 65536, 0);
        ttfbBase.push(performance.now() - t0);
        await h.close();
      }
      // Proxy: makeProxy (range server in, encrypted store out) vs plain ffmpeg with the same settings, file in, output discarded.
      const hevc = ids.get('hevc.mp4')!;
      const frames = 20 * 30;
      const proxySec: number[] = [];
      const plainSec: number[] = [];
      for (let run = 0; run < 2; run++) {
        log(`media: proxy run ${run + 1}/2`);
        vault.catalog.prepare("UPDATE media_info SET proxy_status = 'none' WHERE recording_id = ?").run(hevc);
        let t0 = performance.now();
        if ((await makeProxy(vault, hevc)) !== 'ready') throw new Error('the benchmark proxy failed');
        proxySec.push((performance.now() - t0) / 1000);
        t0 = performance.now();
        await runFfmpeg({ args: ['-v', 'error', '-i', join(card, 'hevc.mp4'), '-map', '0:v:0?', '-map', '0:a:0?', ...PROXY_ENCODE, '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', '-y', '/dev/null'] });
        plainSec.push((performance.now() - t0) / 1000);
      }
      const fps = frames / median(proxySec);
      const baseFps = frames / median(plainSec);
      const seekP50 = percentile(seek, 50);
      const seekP99 = percentile(seek, 99);
      return {
        seekLatency: {
          what: `${SEEKS} Range requests of 256 KiB at random offsets of a 60 s 720p recording through the core media handler (decrypting) vs the same reads of the plain file with FileHandle.read`,
          p50Ms: round(seekP50), p99Ms: round(seekP99),
          baselineP50Ms: round(percentile(seekBase, 50)), baselineP99Ms: round(percentile(seekBase, 99)),
          ratioP50: round(seekP50 / percentile(seekBase, 50)), ratioP99: round(seekP99 / percentile(seekBase, 99)),
          goal: 'p99 <= 100 ms (a seek a user does not wait for)',
          pass: seekP99 <= 100,
        },
        playbackTtfb: {
          what: 'media.open of a recording + the first byte of its body through the media handler vs open + a 64 KiB read of the plain file (30 each, medians)',
          ms: round(median(ttfb)), baselineMs: round(median(ttfbBase)), ratio: round(median(ttfb) / median(ttfbBase)),
          goal: 'ms <= 100', pass: median(ttfb) <= 100,
        },
        proxyFps: {
          what: 'makeProxy of a 20 s 720p HEVC clip (range server in, storeStream out) vs plain ffmpeg with the same encoder settings reading the file and writing to /dev/null; 2 runs each, medians',
          fps: round(fps, 1), baselineFps: round(baseFps, 1), ratio: round(fps / baseFps),
          runs: { seconds: proxySec.map((x) => round(x)), baselineSeconds: plainSec.map((x) => round(x)) },
          goal: 'ratio >= 0.9 (the vault costs under 10% of the encode)', pass: fps / baseFps >= 0.9,
        },
        libraryQuery10k: await libraryFigure(join(dir, 'big')),
      };
    } finally {
      await fh.close();
    }
  } finally {
    await dispatch(s, 'vault.lock', {});
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * library.query pages of 100 at 10,000 recordings over every sort, a search and the filters, vs a
 * page of the recordings table alone in primary-key order from the same encrypted catalog: the
 * cheapest read of a page there is, so the ratio is what the joins, counts and sorts cost.
 */
async function libraryFigure(path: string): Promise<Figures[string]> {
  const { vault } = await Vault.create(path, PASSWORD, { kdf: KDF });
  try {
    seedLibrary(vault, 10_000);
    const queries = [
      ...(['capturedAt', 'importedAt', 'title', 'duration', 'size'] as const).flatMap((sort) => (['asc', 'desc'] as const).map((dir) => ({ sort, dir }))),
      { search: 'GOPRO' },
      { playability: ['needs-proxy' as const], sort: 'duration' as const },
      { flaggedOnly: true, offset: 400 },
    ];
    const base = vault.catalog.prepare('SELECT * FROM recordings ORDER BY id LIMIT 100 OFFSET ?');
    const times: number[] = [];
    const baseTimes: number[] = [];
    for (let r = 0; r < 5; r++) {
      for (const [i, q] of queries.entries()) {
        let t0 = performance.now();
        queryLibrary(vault, { limit: 100, ...q });
        times.push(performance.now() - t0);
        t0 = performance.now();
        base.all((i * 700) % 9900);
        baseTimes.push(performance.now() - t0);
      }
    }
    const p95 = percentile(times, 95);
    return {
      what: 'library.query pages of 100 at 10,000 recordings (every sort and direction, a search, a playability and a flagged filter; 5 rounds) vs a 100-row page of the recordings table in primary-key order from the same catalog',
      p50Ms: round(percentile(times, 50)), p95Ms: round(p95), baselineP95Ms: round(percentile(baseTimes, 95)), ratioP95: round(p95 / percentile(baseTimes, 95)),
      goal: 'p95 <= 100 ms (typing in the search box stays fluid)', pass: p95 <= 100,
    };
  } finally {
    await vault.lock();
  }
}
