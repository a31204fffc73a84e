import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateFfmpeg, locateFfprobe, unpackedFromAsar } from './binaries';
import { isMediaError } from './errors';

const dir = mkdtempSync(path.join(tmpdir(), 'kluis-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeExe(name: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, 0o755);
  return p;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('unpackedFromAsar', () => {
  it('moves a path out of app.asar into app.asar.unpacked', () => {
    expect(unpackedFromAsar('/opt/Kluis/resources/app.asar/node_modules/ffmpeg-static/ffmpeg')).toBe('/opt/Kluis/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg');
    expect(unpackedFromAsar('C:\\Kluis\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe')).toBe('C:\\Kluis\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe');
  });
  it('leaves unpacked and unpackaged paths alone', () => {
    const unpacked = '/opt/Kluis/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg';
    expect(unpackedFromAsar(unpacked)).toBe(unpacked);
    expect(unpackedFromAsar('/work/node_modules/ffmpeg-static/ffmpeg')).toBe('/work/node_modules/ffmpeg-static/ffmpeg');
    expect(unpackedFromAsar('/home/me/my-app.asarfoo/ffmpeg')).toBe('/home/me/my-app.asarfoo/ffmpeg');
  });
});

describe('locateFfmpeg', () => {
  it('honours FFMPEG_BIN above everything else', () => {
    const mine = fakeExe('my-ffmpeg');
    expect(locateFfmpeg({ env: { FFMPEG_BIN: mine, PATH: '/usr/bin' }, staticPath: '/usr/bin/ffmpeg' })).toBe(mine);
  });
  it('rejects an FFMPEG_BIN that points nowhere instead of silently using another ffmpeg', () => {
    const e = thrown(() => locateFfmpeg({ env: { FFMPEG_BIN: path.join(dir, 'nope'), PATH: '/usr/bin' } }));
    expect(isMediaError(e, 'FFMPEG_MISSING')).toBe(true);
    expect((e as Error).message).toContain('FFMPEG_BIN');
  });
  it('uses the ffmpeg-static path, then PATH', () => {
    const bundled = fakeExe('ffmpeg');
    expect(locateFfmpeg({ env: { PATH: '' }, staticPath: bundled })).toBe(bundled);
    expect(locateFfmpeg({ env: { PATH: dir }, staticPath: null })).toBe(bundled);
    expect(locateFfmpeg({ env: { PATH: dir }, staticPath: path.join(dir, 'missing-static') })).toBe(bundled);
  });
  it('names the env var and the package when nothing is found', () => {
    const e = thrown(() => locateFfmpeg({ env: { PATH: path.join(dir, 'empty') }, staticPath: null }));
    expect(isMediaError(e, 'FFMPEG_MISSING')).toBe(true);
    expect((e as Error).message).toMatch(/FFMPEG_BIN/);
    expect((e as Error).message).toMatch(/ffmpeg-static/);
  });
});

describe('locateFfprobe', () => {
  it('honours FFPROBE_BIN, then the sibling of ffmpeg, then PATH', () => {
    const own = fakeExe('own-ffprobe');
    expect(locateFfprobe('/usr/bin/ffmpeg', { env: { FFPROBE_BIN: own } })).toBe(own);
    const sibling = fakeExe('ffprobe');
    expect(locateFfprobe(path.join(dir, 'ffmpeg'), { env: { PATH: '' } })).toBe(sibling);
    expect(locateFfprobe(undefined, { env: { PATH: dir } })).toBe(sibling);
  });
  it('says how to get ffprobe when it is missing', () => {
    const e = thrown(() => locateFfprobe('/nowhere/ffmpeg', { env: { PATH: path.join(dir, 'empty') } }));
    expect(isMediaError(e, 'FFPROBE_MISSING')).toBe(true);
    expect((e as Error).message).toMatch(/FFPROBE_BIN/);
  });
});
