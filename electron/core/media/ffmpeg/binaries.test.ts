import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(locateFfprobe(path.join(dir, 'ffmpeg'), { env: { PATH: '' }, probePackagePath: null })).toBe(sibling);
    expect(locateFfprobe(undefined, { env: { PATH: dir }, probePackagePath: null })).toBe(sibling);
  });
  it('uses the bundled @ffprobe-installer binary after the sibling and before PATH', () => {
    const packaged = fakeExe('packaged-ffprobe');
    fakeExe('ffprobe');
    expect(locateFfprobe('/nowhere/ffmpeg', { env: { PATH: dir }, probePackagePath: packaged })).toBe(packaged);
    expect(locateFfprobe(path.join(dir, 'ffmpeg'), { env: { PATH: '' }, probePackagePath: packaged })).toBe(path.join(dir, 'ffprobe'));
    // A bundled path that is not there (a package without a binary) falls through to PATH.
    expect(locateFfprobe(undefined, { env: { PATH: dir }, probePackagePath: path.join(dir, 'gone') })).toBe(path.join(dir, 'ffprobe'));
  });
  it('takes the bundled ffprobe from app.asar.unpacked in a packaged app', () => {
    const unpacked = path.join(dir, 'app.asar.unpacked', 'ffprobe');
    mkdirSync(path.dirname(unpacked), { recursive: true });
    writeFileSync(unpacked, '#!/bin/sh\n');
    chmodSync(unpacked, 0o755);
    expect(locateFfprobe(undefined, { env: { PATH: '' }, probePackagePath: path.join(dir, 'app.asar', 'ffprobe') })).toBe(unpacked);
  });
  it.runIf(process.platform === 'linux' && process.arch === 'x64')('finds the installed package\'s real ffprobe on this machine', () => {
    const found = locateFfprobe(undefined, { env: { PATH: '' } });
    expect(found).toMatch(/@ffprobe-installer[\\/]linux-x64[\\/]ffprobe$/);
    expect(execFileSync(found, ['-version'], { encoding: 'utf8' })).toMatch(/^ffprobe version/);
  });
  it('says how to get ffprobe when it is missing', () => {
    const e = thrown(() => locateFfprobe('/nowhere/ffmpeg', { env: { PATH: path.join(dir, 'empty') }, probePackagePath: null }));
    expect(isMediaError(e, 'FFPROBE_MISSING')).toBe(true);
    expect((e as Error).message).toMatch(/FFPROBE_BIN/);
    expect((e as Error).message).toMatch(/@ffprobe-installer\/ffprobe/);
  });
});
