import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMedia } from '../fixtures/media';
import { initVault, removeDir, tempDir, type CliVault } from './helpers/cli';

interface Line {
  id: string;
  label: string;
  durationSec: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  playability: string;
}

const json = <T>(b: Buffer): T => JSON.parse(b.toString('utf8')) as T;

describe('kluis probe, thumbs and recordings with durations and codecs (issue 4)', () => {
  let root: string;
  let v: CliVault;
  let ids: Record<string, string>;

  beforeAll(async () => {
    root = await tempDir('kluis-media-cli-');
    v = await initVault(root);
    const card = join(root, 'card');
    makeMedia(join(card, 'les.mp4'), 'h264-mp4');
    makeMedia(join(card, 'gps.mov'), 'mov-gps');
    makeMedia(join(card, 'kapot.MP4'), 'random-mp4');
    makeMedia(join(card, 'stem.wav'), 'wav');
    makeMedia(join(card, 'hevc.mp4'), 'hevc-mp4');
    const r = await v.run('import', [card, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const list = await v.run('recordings', ['--json']);
    expect(list.code, list.stderr).toBe(0);
    ids = Object.fromEntries(json<Line[]>(list.stdout).map((l) => [l.label, l.id]));
  }, 120_000);
  afterAll(() => removeDir(root));

  it('lists recordings as not probed before anything looked at them', async () => {
    const r = await v.run('recordings', []);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString().match(/not probed/g)).toHaveLength(5);
  });

  it('probes a recording on request and prints codecs, size, playback and identifying tags', async () => {
    const r = await v.run('probe', [ids['gps.mov']!]);
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout.toString();
    expect(text).toContain('plays as it is');
    expect(text).toMatch(/video\s+h264 320x240, 10\.000 fps/);
    expect(text).toMatch(/audio\s+aac, \d+ Hz, 1 channel/);
    expect(text).toMatch(/location = \+52\.3702\+004\.8952\/\s+\(GPS position/);
    expect(text).toMatch(/make = Canon/);
  });

  it('--json gives the detail as the app sees it; a corrupt file is "cannot be played", exit 0', async () => {
    const ok = await v.run('probe', [ids['les.mp4']!, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const d = json<{ row: { playability: string; durationSec: number }; probe: { video: { codec: string } } }>(ok.stdout);
    expect(d.row.playability).toBe('original');
    expect(d.probe.video.codec).toBe('h264');
    const bad = await v.run('probe', [ids['kapot.MP4']!]);
    expect(bad.code, bad.stderr).toBe(0);
    expect(bad.stdout.toString()).toMatch(/playback\s+cannot be played: \S/);
  });

  it('thumbs makes poster and sprite; an audio file has none (exit 3, says why)', async () => {
    const r = await v.run('thumbs', [ids['les.mp4']!, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toEqual({ id: ids['les.mp4'], poster: true, sprite: { columns: 10, rows: 10, tileWidth: 160, tileHeight: 120, intervalSec: expect.any(Number), count: 100 } });
    const audio = await v.run('thumbs', [ids['stem.wav']!]);
    expect(audio.code).toBe(3);
    expect(audio.stderr).toMatch(/no thumbnails for rec_[0-9a-f]{16}: it has no video/);
  });

  it('recordings shows duration and codecs once probed', async () => {
    const r = await v.run('recordings', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const byLabel = Object.fromEntries(json<Line[]>(r.stdout).map((l) => [l.label, l]));
    expect(byLabel['les.mp4']).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', playability: 'original' });
    expect(byLabel['les.mp4']!.durationSec).toBeCloseTo(2, 0);
    expect(byLabel['stem.wav']).toMatchObject({ videoCodec: null, audioCodec: 'pcm_s16le' });
    expect(byLabel['kapot.MP4']).toMatchObject({ playability: 'unplayable', durationSec: null });
    const text = (await v.run('recordings', [])).stdout.toString();
    expect(text).toMatch(/2\.0 s\s+h264\/aac\s+/);
  });

  it('proxy makes the playback copy of an HEVC recording; an H.264 one needs none', async () => {
    const r = await v.run('proxy', [ids['hevc.mp4']!, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toEqual({ id: ids['hevc.mp4'], playability: 'proxy', proxy: { status: 'ready', progress: null }, problem: null });
    const plain = await v.run('proxy', [ids['les.mp4']!]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout.toString()).toMatch(/plays as it is; no proxy needed/);
    const bad = await v.run('proxy', [ids['kapot.MP4']!]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^kluis: cannot be played: /);
  }, 60_000);

  it('rejects a malformed id before unlocking, and names an unknown one', async () => {
    const malformed = await v.run('probe', ['it_0123']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/not a recording ID/);
    const unknown = await v.run('probe', ['rec_0000000000000000']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/no recording rec_0000000000000000/);
  });

  it('says what to do when ffprobe is missing', async () => {
    const r = await v.run('probe', [ids['stem.wav']!, '--again'], { env: { FFPROBE_BIN: join(root, 'no-such-ffprobe') } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^kluis: FFPROBE_BIN is set to ".*no-such-ffprobe", but there is no executable file there\. Point FFPROBE_BIN at an ffmpeg build or unset it\.$/m);
    expect(r.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace for a known problem
    // the recording keeps what the earlier probe found
    const after = await v.run('recordings', ['--json']);
    expect(json<Line[]>(after.stdout).find((l) => l.label === 'stem.wav')).toMatchObject({ audioCodec: 'pcm_s16le' });
  });
});
