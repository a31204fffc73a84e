import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard } from '../../electron/core/ingest';
import { exportStripped, isMediaError, makeProxy, probeMedia, processRecording, queryLibrary } from '../../electron/core/media';
import { Vault } from '../../electron/core/vault';
import { CLIP, IDENTIFYING_TAGS, makeIdentifyingMedia, makeMedia } from '../fixtures/media';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';

const work = mkdtempSync(join(tmpdir(), 'kluis-media-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const FFPROBE = process.env['FFPROBE_BIN'] ?? 'ffprobe';
const FFMPEG = process.env['FFMPEG_BIN'] ?? 'ffmpeg';

type Exif = Record<string, unknown>;

function exif(path: string): Exif {
  return (JSON.parse(execFileSync('exiftool', ['-j', '-G', '-a', '-u', path]).toString()) as Exif[])[0]!;
}

/** exiftool's findings that identify a place, a device or a person; File:* is the test's own temp file. */
function identifying(e: Exif): string[] {
  const values = Object.values(IDENTIFYING_TAGS).map((v) => v.replace(/[+/]/g, '').slice(0, 8));
  return Object.entries(e)
    .filter(([k]) => !k.startsWith('File:') && !k.startsWith('ExifTool:') && k !== 'SourceFile')
    // 'appl' is the iTunes metadata format's id in the (empty) meta box every ffmpeg MP4 has, not a device
    .filter(([k, v]) => !(k === 'QuickTime:HandlerVendorID' && v === 'Apple'))
    // re-encoded on the fly, the stream names Kluis's own encoder without a version (bitexact): no device
    .filter(([k, v]) => !(k === 'QuickTime:CompressorName' && v === 'Lavc libx264'))
    .filter(([k, v]) => {
      const text = JSON.stringify(v);
      return (
        /gps|location|make|model|serial|owner|artist|author|software|encoder|chapter|creationtime/i.test(k) ||
        /(Create|Modify)Date$/.test(k) && !/^"0000:00:00 00:00:00"$/.test(text) ||
        /iphone|apple|lavf|lavc|annelies|amsterdam|52\.37|52 deg/i.test(text) ||
        values.some((v) => text.includes(v))
      );
    })
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
}

function duration(path: string): number {
  return Number(execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]).toString().trim());
}

/** Decodes every frame; ffmpeg's stderr at -v error stays empty for a clean file. */
function decodes(path: string): string {
  return execFileSync(FFMPEG, ['-v', 'error', '-i', path, '-f', 'null', '-'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

describe('exportStripped: what leaves the vault names no place, device or person (issue 4)', () => {
  let vault: Vault;
  const ids = new Map<string, string>();
  const card = join(work, 'card');

  beforeAll(async () => {
    makeIdentifyingMedia(join(card, 'iphone.mov'), 'h264');
    makeIdentifyingMedia(join(card, 'hevc.mov'), 'hevc');
    makeIdentifyingMedia(join(card, 'fresh-hevc.mov'), 'hevc');
    makeIdentifyingMedia(join(card, 'memo.m4a'), 'none');
    makeMedia(join(card, 'random.MP4'), 'random-mp4');
    vault = (await Vault.create(join(work, 'vault'), PASSWORD, { kdf: FAST_KDF })).vault;
    await importCard(vault, card, { wipe: false, sourceLabel: 'PHONE' });
    for (const r of queryLibrary(vault).rows) ids.set(r.title, r.id);
    for (const title of ['iphone.mov', 'hevc.mov', 'memo.m4a', 'random.MP4']) await processRecording(vault, ids.get(title)!, { thumbnails: false });
    expect(await makeProxy(vault, ids.get('hevc.mov')!)).toBe('ready');
  }, 180_000);
  afterAll(async () => {
    await vault?.lock();
  });

  async function exported(title: string, opts: Parameters<typeof exportStripped>[2] = {}): Promise<{ path: string; mime: string; ext: string }> {
    const out = await exportStripped(vault, ids.get(title)!, opts);
    const parts: Buffer[] = [];
    for await (const b of out.stream) parts.push(b);
    const path = join(work, `out-${title}.${out.ext}`);
    writeFileSync(path, Buffer.concat(parts));
    return { path, mime: out.mime, ext: out.ext };
  }

  it('the fixtures carry GPS, make, model, serial, owner, chapters (exiftool and probe see them)', async () => {
    for (const name of ['iphone.mov', 'hevc.mov', 'memo.m4a']) {
      const found = identifying(exif(join(card, name))).join('\n');
      for (const k of ['GPSCoordinates', 'Location', 'Make', 'Model', 'SerialNumber', 'Owner', 'ChapterList', 'CreationTime']) expect(found).toContain(`QuickTime:${k}=`);
      const keys = (await probeMedia(join(card, name))).identifying.map((t) => t.key);
      expect(keys).toEqual(expect.arrayContaining(['location', 'com.apple.quicktime.location.ISO6709', 'make', 'model', 'serial_number', 'owner']));
    }
  });

  it('an H.264 MOV is remuxed, not re-encoded, into fragmented MP4 with none of it left, and still plays', async () => {
    const progress: number[] = [];
    const out = await exported('iphone.mov', { onProgress: (f) => progress.push(f) });
    expect([out.mime, out.ext]).toEqual(['video/mp4', 'mp4']);
    expect(identifying(exif(out.path))).toEqual([]);
    expect((await probeMedia(out.path)).identifying).toEqual([]);
    expect(execFileSync(FFPROBE, ['-v', 'error', '-show_chapters', '-of', 'csv', out.path]).toString().trim()).toBe('');
    const streams = execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', out.path]).toString().trim().split('\n');
    expect(streams).toEqual(['h264,video', 'aac,audio']);
    // copied, not re-encoded: every decoded frame is the original's; only x264's SEI (its settings) is gone
    const frames = (p: string) => execFileSync(FFMPEG, ['-v', 'error', '-i', p, '-map', '0:v', '-f', 'framehash', '-hash', 'md5', '-']).toString().split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(',').pop());
    expect(frames(out.path)).toEqual(frames(join(card, 'iphone.mov')));
    expect(readFileSync(out.path).includes('x264 - core')).toBe(false);
    expect(decodes(out.path)).toBe('');
    expect(Math.abs(duration(out.path) - duration(join(card, 'iphone.mov')))).toBeLessThan(0.1);
    expect(progress.at(-1)).toBe(1);
  });

  it('an HEVC recording leaves as its proxy, stripped; one without a proxy yet is encoded on the fly', async () => {
    for (const title of ['hevc.mov', 'fresh-hevc.mov']) {
      const out = await exported(title);
      expect(out.mime).toBe('video/mp4');
      expect(identifying(exif(out.path))).toEqual([]);
      expect((await probeMedia(out.path)).identifying).toEqual([]);
      expect(execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', out.path]).toString().trim().split('\n')).toEqual(['h264', 'aac']);
      expect(decodes(out.path)).toBe('');
      // Copying the fragmented proxy loses its edit list, so video starts at 0.2 s (x264's B-frame delay): known, 0.3 s allowed.
      expect(Math.abs(duration(out.path) - CLIP.seconds)).toBeLessThan(0.3);
    }
  });

  it('an audio recording stays AAC in M4A, without its tags or chapter track', async () => {
    const out = await exported('memo.m4a');
    expect([out.mime, out.ext]).toEqual(['audio/mp4', 'm4a']);
    expect(identifying(exif(out.path))).toEqual([]);
    expect(execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', out.path]).toString().trim()).toBe('aac');
    expect(Math.abs(duration(out.path) - CLIP.seconds)).toBeLessThan(0.1);
  });

  it('refuses a recording that cannot be played with NOT_PLAYABLE and the reason', async () => {
    const e: unknown = await exportStripped(vault, ids.get('random.MP4')!).catch((x: unknown) => x);
    expect(isMediaError(e, 'NOT_PLAYABLE')).toBe(true);
    expect((e as Error).message).toMatch(/^This recording cannot be played: .+, so it cannot be exported\.$/);
  });

  it('cancelled half-way, the stream throws instead of ending as if complete', async () => {
    const ac = new AbortController();
    const out = await exportStripped(vault, ids.get('fresh-hevc.mov')!, { signal: ac.signal });
    let got = 0;
    const read = (async () => {
      for await (const b of out.stream) {
        got += b.length;
        ac.abort();
      }
    })();
    await expect(read).rejects.toThrow(/cancel/i);
    expect(got).toBeGreaterThan(0);
  });
});
