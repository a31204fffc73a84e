import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard } from '../../electron/core/ingest';
import { MediaQueue, processRecording, queryLibrary, recordingDetail, renameRecording, type LibraryRow } from '../../electron/core/media';
import { linkPoster } from '../../electron/core/media/catalog';
import { Vault } from '../../electron/core/vault';
import { makeMixedCard } from '../fixtures/cards';
import { CLIP, makeMediaCard } from '../fixtures/media';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';

const work = mkdtempSync(join(tmpdir(), 'kluis-media-'));
const started = Date.now();
const marker = `kluis-media-marker-${randomBytes(12).toString('hex')}`;

async function blobBytes(vault: Vault, blobId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of vault.readBlob(blobId)) parts.push(p);
  return Buffer.concat(parts);
}

/** Width and height of a JPEG as ffprobe reads it from stdin (the image never goes to a file). */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  const out = execFileSync(process.env['FFPROBE_BIN'] ?? 'ffprobe', ['-v', 'error', '-f', 'image2pipe', '-show_entries', 'stream=codec_name,width,height', '-of', 'json', '-i', 'pipe:0'], { input: jpeg }).toString();
  const s = (JSON.parse(out) as { streams: { codec_name: string; width: number; height: number }[] }).streams[0]!;
  expect(s.codec_name).toBe('mjpeg');
  return { width: s.width, height: s.height };
}

/** Every file under `dir` changed since the test began, except those under `skip`. */
function filesSince(dir: string, since: number, skip: string[]): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out; // another test's folder vanished while we looked, or is not ours to read
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (skip.some((s) => p.startsWith(s))) continue;
    try {
      if (e.isDirectory()) out.push(...filesSince(p, since, skip));
      else if (e.isFile() && statSync(p).mtimeMs >= since && statSync(p).size < 512 * 1024 * 1024) out.push(p);
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('media library: probe, playability, thumbnails (issue 4)', () => {
  let vault: Vault;
  let rows: Map<string, LibraryRow>;
  const updated: string[] = [];

  beforeAll(async () => {
    makeMixedCard(join(work, 'camera'));
    makeMediaCard(join(work, 'media'), marker);
    vault = (await Vault.create(join(work, 'vault'), PASSWORD, { kdf: FAST_KDF })).vault;
    await importCard(vault, join(work, 'camera'), { wipe: true, sourceLabel: 'CANON_SD' });
    await importCard(vault, join(work, 'media'), { wipe: true, sourceLabel: 'MEDIA_SD' });
  }, 120_000);
  afterAll(async () => {
    await vault?.lock();
  });

  it('lists every imported recording as pending before anything was probed', () => {
    const page = queryLibrary(vault, { sort: 'title', dir: 'asc', limit: 500 });
    expect(page.total).toBe(15);
    expect(page.rows.every((r) => r.playability === 'pending' && r.verified && r.durationSec === null && !r.hasPoster)).toBe(true);
    const titles = page.rows.map((r) => r.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it('processes every recording in the background, one at a time, and tells who changed', async () => {
    const queue = new MediaQueue(vault, { onUpdated: (id) => updated.push(id) });
    queue.kick();
    queue.kick(); // a second kick while running must not start a second job
    await queue.settled();
    const page = queryLibrary(vault, { limit: 500 });
    rows = new Map(page.rows.map((r) => [r.title, r]));
    expect(page.rows.some((r) => r.playability === 'pending')).toBe(false);
    expect(new Set(updated).size).toBe(15);
  }, 300_000);

  it('reads duration, codecs and size of an H.264/AAC MP4, which plays as it is, with a poster', () => {
    const r = rows.get('h264.mp4')!;
    expect(r.playability).toBe('original');
    expect(r.proxy.status).toBe('not-needed');
    expect(r.durationSec).toBeGreaterThan(CLIP.seconds - 0.2);
    expect(r.durationSec).toBeLessThan(CLIP.seconds + 0.3);
    expect([r.videoCodec, r.audioCodec, r.width, r.height]).toEqual(['h264', 'aac', CLIP.width, CLIP.height]);
    expect(r.container).toContain('mp4');
    expect(r.hasPoster).toBe(true);
    expect(r.problem).toBeNull();
  });

  it('gives what Chromium cannot play a proxy: HEVC, MPEG-TS, AVCHD, GoPro chapters', () => {
    expect(rows.get('hevc.mp4')).toMatchObject({ playability: 'proxy', videoCodec: 'hevc', proxy: { status: 'ready', progress: null } });
    expect(rows.get('stream.mts')).toMatchObject({ playability: 'proxy', container: 'mpegts' });
    expect(rows.get('AVCHD')!.playability).toBe('proxy');
    // GX010042 + GX020042: one recording in two files, playable only once joined
    expect(rows.get('GX010042.MP4')).toMatchObject({ playability: 'proxy', files: 3 });
    expect(rows.get('voice.wav')).toMatchObject({ playability: 'original', audioCodec: 'pcm_s16le', videoCodec: null, hasPoster: false });
  });

  it('proxies are fragmented H.264/AAC MP4 in the vault; chapters are joined into one', async () => {
    const proxyOf = async (title: string): Promise<Buffer> => {
      const m = vault.catalog.prepare('SELECT proxy_blob_id FROM media_info WHERE recording_id = ?').get(rows.get(title)!.id) as { proxy_blob_id: string };
      return blobBytes(vault, m.proxy_blob_id);
    };
    const probeOf = (bytes: Buffer): { format: { duration: string }; streams: { codec_name: string; codec_type: string }[] } =>
      JSON.parse(execFileSync(process.env['FFPROBE_BIN'] ?? 'ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', '-i', 'pipe:0'], { input: bytes }).toString()) as never;
    const hevc = await proxyOf('hevc.mp4');
    expect(hevc.subarray(4, 8).toString()).toBe('ftyp');
    expect(hevc.includes(Buffer.from('moof'))).toBe(true); // fragmented
    const p = probeOf(hevc);
    expect(p.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(['video:h264', 'audio:aac']);
    expect(Number(p.format.duration)).toBeCloseTo(CLIP.seconds, 0);
    // two 1-second chapters play as one 2-second proxy
    expect(Number(probeOf(await proxyOf('GX010042.MP4')).format.duration)).toBeCloseTo(2, 0);
  });

  it('keeps a corrupt or truncated file listed as "cannot be played: <reason>"', () => {
    const random = rows.get('random.MP4')!;
    expect(random.playability).toBe('unplayable');
    expect(random.problem).toMatch(/^cannot be played: \S/);
    expect(random.problem).not.toMatch(/127\.0\.0\.1|http|token/);
    const truncated = rows.get('truncated.mp4')!;
    expect(truncated.playability).toBe('unplayable');
    expect(truncated.problem).toMatch(/^cannot be played: .*moov atom not found/i);
    // The Zoom recorder's WAV on the mixed card is random bytes as well.
    expect(rows.get('ZOOM0001_LR.WAV')!.problem).toMatch(/^cannot be played: /);
    const failedOnly = queryLibrary(vault, { playability: ['unplayable'] });
    expect(failedOnly.rows.map((r) => r.title).sort()).toEqual(['ZOOM0001_LR.WAV', 'random.MP4', 'truncated.mp4']);
  });

  it('flags GPS position and device make/model, and filters on them', () => {
    const id = rows.get('gps.mov')!.id;
    const d = recordingDetail(vault, id);
    expect(d.row.flagged).toBeGreaterThanOrEqual(3);
    const keys = d.identifying.map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['location', 'make', 'model']));
    expect(d.identifying.find((t) => t.key === 'location')).toMatchObject({ value: '+52.3702+004.8952/', where: 'format' });
    const flagged = queryLibrary(vault, { flaggedOnly: true }).rows.map((r) => r.title);
    expect(flagged).toContain('gps.mov');
    expect(flagged).not.toContain('h264.mp4');
  });

  it('returns the probe, the files and the sprite grid in the detail, and the images decrypt to real JPEGs', async () => {
    const id = rows.get('h264.mp4')!.id;
    const d = recordingDetail(vault, id);
    expect(d.probe).toMatchObject({ container: expect.stringContaining('mp4'), video: { codec: 'h264', width: 320, height: 240, fps: 10, rotation: 0 }, audio: { codec: 'aac' } });
    expect(d.files).toEqual([{ relPath: 'h264.mp4', role: 'main', size: expect.any(Number) }]);
    expect(d.sprite).toEqual({ columns: 10, rows: 10, tileWidth: 160, tileHeight: 120, intervalSec: expect.closeTo(d.probe!.durationSec! / 100, 5), count: 100 });
    const m = vault.catalog.prepare('SELECT poster_blob_id, sprite_blob_id FROM media_info WHERE recording_id = ?').get(id) as { poster_blob_id: string; sprite_blob_id: string };
    expect(jpegSize(await blobBytes(vault, m.poster_blob_id))).toEqual({ width: 320, height: 240 });
    expect(jpegSize(await blobBytes(vault, m.sprite_blob_id))).toEqual({ width: 1600, height: 1200 });
  });

  it('searches title, label and source card; sorts by duration and size; pages', () => {
    expect(queryLibrary(vault, { search: 'MEDIA_SD' }).total).toBe(7);
    expect(queryLibrary(vault, { search: 'gps' }).rows.map((r) => r.title)).toEqual(['gps.mov']);
    expect(queryLibrary(vault, { search: '100%_' }).total).toBe(0); // LIKE wildcards are taken literally
    const byDuration = queryLibrary(vault, { sort: 'duration', dir: 'desc', limit: 500 }).rows;
    const durations = byDuration.map((r) => r.durationSec).filter((d): d is number => d !== null);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    expect(byDuration.at(-1)!.durationSec).toBeNull(); // unknown durations last, whatever the direction
    const bySize = queryLibrary(vault, { sort: 'size', dir: 'asc', limit: 500 }).rows.map((r) => r.bytes);
    expect(bySize).toEqual([...bySize].sort((a, b) => a - b));
    const p1 = queryLibrary(vault, { sort: 'title', dir: 'asc', limit: 5 });
    const p2 = queryLibrary(vault, { sort: 'title', dir: 'asc', limit: 5, offset: 5 });
    expect(p1.total).toBe(15);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(10);
  });

  it('renames a recording: the new title shows and is searchable, the camera name still finds it', () => {
    const id = rows.get('h264.mp4')!.id;
    renameRecording(vault, id, '  Les 4 rekenen groep 6 ');
    expect(recordingDetail(vault, id).row.title).toBe('Les 4 rekenen groep 6');
    expect(queryLibrary(vault, { search: 'rekenen' }).rows.map((r) => r.id)).toEqual([id]);
    expect(queryLibrary(vault, { search: 'h264.mp4' }).rows.map((r) => r.id)).toEqual([id]);
    // reprocessing keeps the user's title
    return processRecording(vault, id, { thumbnails: false }).then((o) => {
      expect(o.status).toBe('ready');
      expect(recordingDetail(vault, id).row.title).toBe('Les 4 rekenen groep 6');
    });
  });

  it('keeps no image of a recording deleted while its job ran: the blob key is rolled back with the link', async () => {
    const blobs = (): number => (vault.catalog.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n;
    const before = blobs();
    await expect(vault.storeBytes(Buffer.from('not really a jpeg'), { name: 'poster.jpg' }, (b) => linkPoster(vault, 'rec_ffffffffffffffff', b.id))).rejects.toThrow(/was deleted while Kluis was working on it/);
    expect(blobs()).toBe(before);
  });

  it('never wrote plaintext of a recording to disk: the marker is in no file made during the run', () => {
    const files = filesSince(tmpdir(), started, []);
    expect(files.some((f) => f.startsWith(join(work, 'vault')))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(marker), `marker found in ${f}`).toBe(false);
    }
  });
});
