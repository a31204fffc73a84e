import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMediaError } from './errors';
import { findIdentifying } from './identifying';
import { parseRate, probeMedia, reasonFrom } from './probe';
import { runFfmpeg } from './runner';
import { rejectionOf } from './testing';

const ffmpeg = '/usr/bin/ffmpeg';
const bin = '/usr/bin/ffprobe';
const dir = mkdtempSync(path.join(tmpdir(), 'kluis-probe-'));
const at = (name: string): string => path.join(dir, name);
const av = ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'];

async function make(name: string, args: string[]): Promise<void> {
  await runFfmpeg({ bin: ffmpeg, args: ['-y', ...args, at(name)] });
}

beforeAll(async () => {
  await make('h264.mp4', [...av, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest']);
  await Promise.all([
    make('clip.ts', [...av, '-c:v', 'mpeg2video', '-c:a', 'mp2', '-shortest', '-f', 'mpegts']),
    make('gps.mov', ['-i', at('h264.mp4'), '-c', 'copy', '-metadata', 'location=+52.3676+004.9041/', '-metadata', 'make=Canon', '-metadata', 'model=EOS R6', '-metadata', 'creation_time=2026-03-04T10:11:12Z', '-movflags', 'use_metadata_tags']),
    make('rotated.mp4', ['-i', at('h264.mp4'), '-c', 'copy', '-metadata:s:v', 'rotate=90']),
    make('voice.wav', ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1:sample_rate=48000', '-ac', '2']),
  ]);
  writeFileSync(at('truncated.mp4'), readFileSync(at('h264.mp4')).subarray(0, 1000));
  writeFileSync(at('random.MP4'), randomBytes(64 * 1024));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('probeMedia', () => {
  it('reads an H.264/AAC MP4', async () => {
    const p = await probeMedia(at('h264.mp4'), { bin });
    expect(p.duration).toBeCloseTo(2, 1);
    expect(p.container).toContain('mp4');
    expect(p.size).toBeGreaterThan(0);
    expect(p.bitRate).toBeGreaterThan(0);
    expect(p.video).toEqual({ codec: 'h264', width: 160, height: 120, fps: 10, rotation: 0 });
    expect(p.audio).toMatchObject({ codec: 'aac', sampleRate: 44100, channels: 1 });
    expect(p.identifying).toEqual([]);
  });

  it('reads an MPEG-TS', async () => {
    const p = await probeMedia(at('clip.ts'), { bin });
    expect(p.container).toBe('mpegts');
    expect(p.video).toMatchObject({ codec: 'mpeg2video', width: 160, height: 120, fps: 10 });
    expect(p.audio?.codec).toBe('mp2');
    expect(p.duration).toBeGreaterThan(1.5);
  });

  it('flags location and device in a MOV, and reads its creation time', async () => {
    const p = await probeMedia(at('gps.mov'), { bin });
    const keys = p.identifying.map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['location', 'make', 'model']));
    expect(p.identifying.find((t) => t.key === 'location')).toMatchObject({ value: '+52.3676+004.9041/', where: 'format', why: expect.stringMatching(/GPS/) });
    expect(p.identifying.find((t) => t.key === 'make')?.value).toBe('Canon');
    expect(p.identifying.find((t) => t.key === 'model')?.value).toBe('EOS R6');
    expect(p.creationTime).toMatch(/^2026-03-04T10:11:12/);
  });

  it('reports rotation from the display matrix', async () => {
    const p = await probeMedia(at('rotated.mp4'), { bin });
    expect([90, 270]).toContain(p.video?.rotation);
  });

  it('reads a WAV', async () => {
    const p = await probeMedia(at('voice.wav'), { bin });
    expect(p.container).toBe('wav');
    expect(p.video).toBeUndefined();
    expect(p.audio).toEqual({ codec: 'pcm_s16le', sampleRate: 48000, channels: 2 });
    expect(p.duration).toBeCloseTo(1, 1);
  });

  it.each(['truncated.mp4', 'random.MP4'])('gives a clear UNREADABLE error for %s', async (name) => {
    const e = await rejectionOf(probeMedia(at(name), { bin }));
    expect(isMediaError(e, 'UNREADABLE')).toBe(true);
    expect(e.message).toMatch(/^Kluis cannot read this recording: .*(moov atom not found|Invalid data).*\.$/);
    // The input may be a URL with a token: it must not leak into messages.
    expect(e.message).not.toContain(dir);
  });

  it('gives UNREADABLE for a file that does not exist', async () => {
    const e = await rejectionOf(probeMedia(at('absent.mp4'), { bin }));
    expect(isMediaError(e, 'UNREADABLE')).toBe(true);
    expect(e.message).toContain('No such file');
  });
});

describe('probe helpers', () => {
  it('parses frame rates', () => {
    expect(parseRate('30000/1001')).toBeCloseTo(29.97, 2);
    expect(parseRate('0/0')).toBeUndefined();
    expect(parseRate(undefined)).toBeUndefined();
  });

  it('strips demuxer prefixes and the input (with its token) from reasons', () => {
    const url = 'http://127.0.0.1:5000/m/secret-token';
    const stderr = `[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55a5b165d1c0] moov atom not found\n${url}: Invalid data found when processing input\n`;
    expect(reasonFrom(stderr, url)).toBe('moov atom not found; Invalid data found when processing input');
  });

  it('flags identifying tags by name and device names in encoders, not software encoders', () => {
    const found = findIdentifying(
      {
        'com.apple.quicktime.location.ISO6709': '+52.3676+004.9041+000.000/',
        'com.apple.quicktime.model': 'iPhone 15',
        SerialNumber: 'C1234',
        'owner-name': 'J. Jansen',
        author: 'Teacher',
        gps_altitude: '12',
        encoder: 'GoPro AVC encoder',
        handler_name: 'VideoHandler',
        title: 'Lesson 3',
      },
      'format',
    );
    expect(found.map((t) => t.key).sort()).toEqual(['SerialNumber', 'author', 'com.apple.quicktime.location.ISO6709', 'com.apple.quicktime.model', 'encoder', 'gps_altitude', 'owner-name'].sort());
    expect(findIdentifying({ encoder: 'Lavf59.27.100' }, 0)).toEqual([]);
  });
});
