import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FFMPEG } from '../../fixtures/cards';

/**
 * A clip with a known "face": a detailed 64×64 patch (testsrc's pattern) moving right at
 * `speed` px/s over a testsrc2 background, with a 440 Hz tone. Generated at test time.
 */
export const FACE = { size: 64, x0: 20, y: 40, speed: 60 } as const;

export function faceX(t: number): number {
  return FACE.x0 + FACE.speed * t;
}

export function makeFaceClip(path: string, opts: { seconds: number; width?: number; height?: number; fps?: number; marker?: string; faces?: number; silent?: boolean }): void {
  const { seconds, width = 320, height = 240, fps = 30 } = opts;
  const faces = opts.faces ?? 1;
  mkdirSync(dirname(path), { recursive: true });
  const inputs = ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`];
  const chain: string[] = [];
  let last = '0:v';
  for (let i = 0; i < faces; i++) {
    inputs.push('-f', 'lavfi', '-i', `testsrc=size=${FACE.size}x${FACE.size}:rate=${fps}:duration=${seconds}`);
    const y = FACE.y + i * (FACE.size + 16);
    chain.push(`[${last}][${i + 1}:v]overlay=x='${FACE.x0}+${FACE.speed}*t':y=${y}[o${i}]`);
    last = `o${i}`;
  }
  if (!opts.silent) inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
  const audio = opts.silent ? [] : ['-map', `${faces + 1}:a`, '-c:a', 'aac', '-shortest'];
  execFileSync(FFMPEG, [
    '-v', 'error', '-y', ...inputs,
    '-filter_complex', chain.join(';'), '-map', `[${last}]`, ...audio,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    ...(opts.marker ? ['-metadata', `comment=${opts.marker}`] : []),
    '-f', 'mp4', path,
  ]);
}

/** A plan whose one track follows face i exactly, keyframed every `every` seconds. */
export function faceTrack(id: string, seconds: number, every: number, i = 0, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const keyframes = [];
  for (let t = 0; t <= seconds + 1e-9; t += every) keyframes.push({ t: Math.round(t * 1000) / 1000, x: faceX(t), y: FACE.y + i * (FACE.size + 16), w: FACE.size, h: FACE.size });
  return { id, decision: 'redact', keyframes, ...extra };
}
