import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FFMPEG } from '../fixtures/cards';

/**
 * An H.264 MP4 whose colour says the time: `first` for the first half, `second` for the rest, so
 * a test can tell from one pixel whether a seek landed where it should. 10 fps, no audio, and a
 * keyframe every 5 frames so seeks land exactly. faststart puts the index first, as cameras do.
 */
export function makeColourClip(path: string, first: string, second: string, seconds = 4): void {
  mkdirSync(dirname(path), { recursive: true });
  const half = seconds / 2;
  const src = (c: string) => `color=c=${c}:size=160x120:rate=10:duration=${half}`;
  execFileSync(FFMPEG, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', src(first),
    '-f', 'lavfi', '-i', src(second),
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]',
    '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '5',
    '-movflags', '+faststart', path,
  ]);
}
