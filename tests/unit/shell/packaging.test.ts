import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectorFiles } from '../../../electron/core/redact/detect/packages';

// electron-builder itself cannot run here (it needs Electron's binary), so this checks what it would
// be given: a valid configuration, and that every file the app executes or loads at run time is
// shipped as a production dependency and unpacked from app.asar.

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  linux: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean };
  win: { target: string[] };
  deb: { depends: string[] };
  npmRebuild: boolean;
  afterPack: string;
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
}

const root = path.resolve(__dirname, '../../..');
const config = JSON.parse(readFileSync(path.join(root, 'electron-builder.json'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; main: string };
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const req = createRequire(path.join(root, 'package.json'));

/** The path as electron-builder sees it inside the app: relative to the project, forward slashes. */
const inApp = (p: string): string => path.relative(root, p).split(path.sep).join('/');
const unpacked = (p: string): boolean => config.asarUnpack.some((glob) => path.matchesGlob(p, glob));

/** Folders of the packages electron-builder copies: production dependencies per the lock file. */
function productionPackages(): string[] {
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev)
    .map(([key]) => key);
}

/** .node files of one package, leaving its nested node_modules to their own lock entries. */
function nativeModules(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : nativeModules(p);
    return e.name.endsWith('.node') ? [p] : [];
  });
}

describe('electron-builder.json', () => {
  it('builds AppImage and deb, dmg, and nsis, with native modules rebuilt for Electron', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.npmRebuild).toBe(true);
  });

  it('ships the built app and the entry point package.json names', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
    expect(config.files.some((glob) => path.matchesGlob(pkg.main, glob))).toBe(true);
  });

  it('ships the retention presets as resources that exist', () => {
    expect(config.extraResources).toHaveLength(1);
    const res = config.extraResources[0]!;
    const shipped = readdirSync(path.join(root, res.from)).filter((f) => res.filter.some((glob) => path.matchesGlob(f, glob)));
    expect(shipped).toContain('retention-presets.json');
  });

  it('packs ffmpeg, ffprobe and the face detector as production dependencies (devDependencies are left out)', () => {
    for (const name of ['ffmpeg-static', '@ffprobe-installer/ffprobe', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@vladmandic/human']) {
      expect(pkg.dependencies, name).toHaveProperty([name]);
    }
  });

  it('unpacks ffmpeg-static\'s binary on every OS', () => {
    for (const bin of ['ffmpeg', 'ffmpeg.exe']) expect(unpacked(`node_modules/ffmpeg-static/${bin}`), bin).toBe(true);
  });

  it('unpacks the ffprobe of every platform package @ffprobe-installer may install', () => {
    const platforms = Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/@ffprobe-installer/') && !k.endsWith('/ffprobe'));
    expect(platforms.map((k) => k.split('/').pop())).toEqual(expect.arrayContaining(['darwin-arm64', 'darwin-x64', 'win32-x64', 'linux-x64']));
    for (const key of platforms) {
      const entry = lock.packages[key]!;
      expect(entry.dev, key).toBeUndefined();
      expect(unpacked(`${key}/${entry.os?.includes('win32') ? 'ffprobe.exe' : 'ffprobe'}`), key).toBe(true);
    }
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')('unpacks the ffprobe installed on this machine', () => {
    const probe = (req('@ffprobe-installer/ffprobe') as { path: string }).path;
    expect(existsSync(probe)).toBe(true);
    expect(unpacked(inApp(probe))).toBe(true);
  });

  it('unpacks every file the face detector loads: the tfjs wasm binaries and its models', () => {
    const files = detectorFiles();
    const wasm = readdirSync(files.wasmDir).filter((f) => f.endsWith('.wasm'));
    expect(wasm).toContain('tfjs-backend-wasm-simd.wasm');
    for (const f of wasm) expect(unpacked(inApp(path.join(files.wasmDir, f))), f).toBe(true);
    // Every model detectorFiles() names (BlazeFace, and any added later), with the weights its manifest lists.
    const models = Object.entries(files).filter(([key]) => key.endsWith('Json')).map(([, p]) => p as string);
    expect(models).toContain(files.modelJson);
    for (const json of models) {
      const model = JSON.parse(readFileSync(json, 'utf8')) as { weightsManifest: { paths: string[] }[] };
      const weights = model.weightsManifest.flatMap((g) => g.paths).map((p) => path.join(path.dirname(json), p));
      for (const f of [json, ...weights]) expect(unpacked(inApp(f)), f).toBe(true);
    }
    // Only the models we load are unpacked: human's others stay inside the archive.
    expect(unpacked(inApp(path.join(path.dirname(files.modelJson), 'facemesh.bin')))).toBe(false);
  });

  it('unpacks every native module of the production dependencies', () => {
    const natives = productionPackages().flatMap((key) => nativeModules(path.join(root, key)));
    expect(natives.length).toBeGreaterThan(0);
    expect(natives.map(inApp).some((p) => p.includes('better-sqlite3-multiple-ciphers'))).toBe(true);
    for (const f of natives) expect(unpacked(inApp(f)), f).toBe(true);
  });

  it('would catch a missing pattern', () => {
    // Guards the matcher itself: a path outside every pattern must read as packed.
    expect(unpacked('node_modules/some-package/bin/tool')).toBe(false);
    expect(unpacked('node_modules/@tensorflow/tfjs-backend-wasm/dist/index.js')).toBe(false);
  });

  it('afterPack makes the bundled ffmpeg and ffprobe executable for every user, not only their owner', async () => {
    const hook = (req(path.join(root, config.afterPack)) as { default: (c: { appOutDir: string; electronPlatformName: string }) => Promise<string[]> }).default;
    const out = mkdtempSync(path.join(tmpdir(), 'kluis-afterpack-'));
    try {
      // The layout of a packed Linux app, with the modes the packages install with.
      const unpacked = path.join(out, 'resources', 'app.asar.unpacked', 'node_modules');
      const probe = path.join(unpacked, '@ffprobe-installer', 'linux-x64', 'ffprobe');
      const ffmpeg = path.join(unpacked, 'ffmpeg-static', 'ffmpeg');
      const readme = path.join(unpacked, 'ffmpeg-static', 'README.md');
      for (const [f, mode] of [[probe, 0o744], [ffmpeg, 0o700], [readme, 0o644]] as const) {
        mkdirSync(path.dirname(f), { recursive: true });
        writeFileSync(f, 'x');
        chmodSync(f, mode);
      }
      expect(await hook({ appOutDir: out, electronPlatformName: 'linux' })).toEqual([ffmpeg, probe]);
      expect(statSync(probe).mode & 0o777).toBe(0o755);
      expect(statSync(ffmpeg).mode & 0o777).toBe(0o755);
      expect(statSync(readme).mode & 0o777).toBe(0o644);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
