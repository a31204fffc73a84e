import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ffmpegStatic from 'ffmpeg-static';
import { MediaError } from './errors';

/**
 * Electron cannot spawn a binary from inside app.asar (it is an archive, not a folder), so the
 * packager unpacks ffmpeg-static next to it and we point at that copy instead.
 */
export function unpackedFromAsar(p: string): string {
  return p.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

export interface LocateOptions {
  env?: NodeJS.ProcessEnv;
  /** What `ffmpeg-static` exported; injectable so tests need not depend on its download. */
  staticPath?: string | null;
  /** What `@ffprobe-installer/ffprobe` resolved to; injectable for the same reason. */
  probePackagePath?: string | null;
  platform?: NodeJS.Platform;
}

function isExecutable(p: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    // Windows has no execute bit; existence is all access() can tell us there.
    accessSync(p, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function exeName(base: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${base}.exe` : base;
}

function onPath(base: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, exeName(base, platform));
    if (isExecutable(candidate, platform)) return candidate;
  }
  return undefined;
}

function fromEnv(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, code: 'FFMPEG_MISSING' | 'FFPROBE_MISSING'): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  // An explicit override that is wrong must fail loudly, not fall back to some other binary.
  if (!isExecutable(value, platform)) {
    throw new MediaError(code, `${name} is set to "${value}", but there is no executable file there. Point ${name} at an ffmpeg build or unset it.`);
  }
  return value;
}

export function locateFfmpeg(opts: LocateOptions = {}): string {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const explicit = fromEnv('FFMPEG_BIN', env, platform, 'FFMPEG_MISSING');
  if (explicit) return explicit;
  const bundled = opts.staticPath === undefined ? (ffmpegStatic as string | null) : opts.staticPath;
  if (bundled) {
    const unpacked = unpackedFromAsar(bundled);
    if (isExecutable(unpacked, platform)) return unpacked;
  }
  const found = onPath('ffmpeg', env, platform);
  if (found) return found;
  throw new MediaError(
    'FFMPEG_MISSING',
    'ffmpeg was not found: set FFMPEG_BIN to an ffmpeg executable, reinstall the ffmpeg-static package (its install step downloads the binary), or install ffmpeg (e.g. "apt install ffmpeg").',
  );
}

// No import.meta (Playwright's loader compiles core to CommonJS); __filename exists in every runner we use.
const req: NodeJS.Require = typeof require === 'function' ? require : createRequire(__filename);

/**
 * The per-platform ffprobe from @ffprobe-installer (npm installs only the one for this OS and CPU).
 * Its index throws on a platform it has no binary for, which here just means "not bundled".
 */
function bundledFfprobe(): string | null {
  try {
    return (req('@ffprobe-installer/ffprobe') as { path: string }).path;
  } catch {
    return null;
  }
}

/**
 * ffmpeg-static ships no ffprobe. A sibling of the chosen ffmpeg comes first so both come from one
 * build (Debian's package has both); then the bundled @ffprobe-installer binary; then PATH.
 */
export function locateFfprobe(ffmpeg: string | undefined, opts: LocateOptions = {}): string {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const explicit = fromEnv('FFPROBE_BIN', env, platform, 'FFPROBE_MISSING');
  if (explicit) return explicit;
  if (ffmpeg) {
    const sibling = path.join(path.dirname(ffmpeg), exeName('ffprobe', platform));
    if (isExecutable(sibling, platform)) return sibling;
  }
  const bundled = opts.probePackagePath === undefined ? bundledFfprobe() : opts.probePackagePath;
  if (bundled) {
    const unpacked = unpackedFromAsar(bundled);
    if (isExecutable(unpacked, platform)) return unpacked;
  }
  const found = onPath('ffprobe', env, platform);
  if (found) return found;
  throw new MediaError(
    'FFPROBE_MISSING',
    'ffprobe was not found: set FFPROBE_BIN to an ffprobe executable, reinstall the @ffprobe-installer/ffprobe package (it has a binary for this OS and CPU only where one is published), or install ffmpeg, which includes ffprobe (e.g. "apt install ffmpeg").',
  );
}

let cachedFfmpeg: string | undefined;
let cachedFfprobe: string | undefined;

/** Checked once per process: the file system is not consulted on every job. */
export function ffmpegPath(): string {
  cachedFfmpeg ??= locateFfmpeg();
  return cachedFfmpeg;
}

export function ffprobePath(): string {
  if (cachedFfprobe === undefined) {
    let ffmpeg: string | undefined;
    try {
      ffmpeg = ffmpegPath();
    } catch {
      // Probing works without ffmpeg; only the sibling lookup is lost.
    }
    cachedFfprobe = locateFfprobe(ffmpeg);
  }
  return cachedFfprobe;
}

/** For tests that change FFMPEG_BIN/FFPROBE_BIN. */
export function forgetBinaries(): void {
  cachedFfmpeg = undefined;
  cachedFfprobe = undefined;
}
