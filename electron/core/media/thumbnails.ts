import { Writable } from 'node:stream';
import { runFfmpeg, MediaError } from './ffmpeg';
import type { SpriteGrid } from './catalog';

/** A poster or sprite larger than this is not a thumbnail: something is wrong with the input. */
const MAX_IMAGE_BYTES = 16 * 1024 * 1024;
const THUMB_TIMEOUT_MS = 5 * 60_000;
export const POSTER_WIDTH = 640;
export const SPRITE = { columns: 10, rows: 10, tileWidth: 160 } as const;

/** Collects ffmpeg's stdout in memory: thumbnails are small and must not pass through a file. */
function collector(): { sink: Writable; bytes(): Buffer } {
  const parts: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > MAX_IMAGE_BYTES) return done(new Error(`the image grew past ${MAX_IMAGE_BYTES} bytes`));
      parts.push(chunk);
      done();
    },
  });
  return { sink, bytes: () => Buffer.concat(parts) };
}

/** Width and height as shown: ffmpeg turns the picture upright by the rotation before scaling. */
export function displaySize(width: number, height: number, rotation: number): { width: number; height: number } {
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

async function jpegFrom(args: string[], signal: AbortSignal | undefined, what: string, log?: (line: string) => void): Promise<Buffer> {
  const out = collector();
  await runFfmpeg({ args, stdout: out.sink, signal, timeoutMs: THUMB_TIMEOUT_MS, log });
  const jpeg = out.bytes();
  // An input ffmpeg opens but cannot decode a single frame from ends "successfully" with no output.
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new MediaError('FFMPEG_FAILED', `ffmpeg produced no ${what}: no video frame could be decoded.`);
  return jpeg;
}

/**
 * One frame at about 10% of the duration (past black lead-ins and slates), seeked on the input
 * side, which is fast: ffmpeg asks the range server only for the bytes around that point.
 */
export async function makePoster(url: string, durationSec: number | null, opts: { signal?: AbortSignal; log?: (line: string) => void } = {}): Promise<Buffer> {
  const at = durationSec && durationSec > 0 ? durationSec * 0.1 : 0;
  const args = ['-v', 'error', '-ss', at.toFixed(3), '-i', url, '-map', '0:v:0', '-frames:v', '1', '-vf', `scale='min(${POSTER_WIDTH},iw)':-2`, '-q:v', '4', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'];
  return jpegFrom(args, opts.signal, 'poster', opts.log);
}

/**
 * A scrubbing sprite: up to 10x10 tiles of 160 px wide, one every duration/100 seconds, in one
 * JPEG. Long recordings decode only keyframes (the nearest keyframe is close enough to scrub by,
 * and decoding every frame of an hour of 1080p would take minutes).
 */
export async function makeSprite(
  url: string,
  video: { durationSec: number; width: number; height: number; rotation: number },
  opts: { signal?: AbortSignal; log?: (line: string) => void } = {},
): Promise<{ jpeg: Buffer; grid: SpriteGrid }> {
  const { columns, rows, tileWidth } = SPRITE;
  const shown = displaySize(video.width, video.height, video.rotation);
  const tileHeight = even((tileWidth * shown.height) / Math.max(1, shown.width));
  const count = columns * rows;
  const intervalSec = video.durationSec / count;
  const keyframesOnly = video.durationSec > 120 ? ['-skip_frame', 'nokey'] : [];
  const filter = `fps=1/${intervalSec.toFixed(6)},scale=${tileWidth}:${tileHeight},tile=${columns}x${rows}`;
  const args = ['-v', 'error', ...keyframesOnly, '-i', url, '-map', '0:v:0', '-an', '-vf', filter, '-frames:v', '1', '-q:v', '5', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'];
  const jpeg = await jpegFrom(args, opts.signal, 'sprite', opts.log);
  return { jpeg, grid: { columns, rows, tileWidth, tileHeight, intervalSec, count } };
}
