import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath, ffprobePath, isMediaError } from './ffmpeg';
import { rejectionOf } from './ffmpeg/testing';
import { displaySize, makePoster, makeSprite } from './thumbnails';

// Test inputs are generated files (no vault content); the product always passes a range-server URL.
const dir = mkdtempSync(join(tmpdir(), 'kluis-thumbs-'));
const clip = (name: string, seconds: number, size: string): string => {
  const path = join(dir, name);
  execFileSync(ffmpegPath(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=5:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', path]);
  return path;
};
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  const out = execFileSync(ffprobePath(), ['-v', 'error', '-f', 'image2pipe', '-show_entries', 'stream=width,height', '-of', 'json', '-i', 'pipe:0'], { input: jpeg }).toString();
  const s = (JSON.parse(out) as { streams: { width: number; height: number }[] }).streams[0]!;
  return { width: s.width, height: s.height };
}

let short: string;
let long: string;
beforeAll(() => {
  short = clip('short.mp4', 4, '320x180');
  long = clip('long.mp4', 130, '160x120');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('thumbnails', () => {
  it('poster: one JPEG frame, no wider than the source', async () => {
    expect(jpegSize(await makePoster(short, 4))).toEqual({ width: 320, height: 180 });
  });

  it('sprite: 10x10 tiles 160 px wide with the height from the aspect ratio', async () => {
    const { jpeg, grid } = await makeSprite(short, { durationSec: 4, width: 320, height: 180, rotation: 0 });
    expect(grid).toEqual({ columns: 10, rows: 10, tileWidth: 160, tileHeight: 90, intervalSec: 0.04, count: 100 });
    expect(jpegSize(jpeg)).toEqual({ width: 1600, height: 900 });
  });

  it('sprite of a long recording reads keyframes only and still fills the grid', async () => {
    const t0 = performance.now();
    const lines: string[] = [];
    const { jpeg, grid } = await makeSprite(long, { durationSec: 130, width: 160, height: 120, rotation: 0 }, { log: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('-skip_frame nokey');
    expect(grid.intervalSec).toBeCloseTo(1.3, 5);
    expect(jpegSize(jpeg)).toEqual({ width: 1600, height: 1200 });
    expect(performance.now() - t0).toBeLessThan(30_000);
  }, 60_000);

  it('turned pictures: the tile takes the displayed shape', () => {
    expect(displaySize(1920, 1080, 90)).toEqual({ width: 1080, height: 1920 });
    expect(displaySize(1920, 1080, 180)).toEqual({ width: 1920, height: 1080 });
  });

  it('an input without video gives a clear error, not an empty image', async () => {
    const wav = join(dir, 'a.wav');
    execFileSync(ffmpegPath(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=duration=1', wav]);
    const e = await rejectionOf(makePoster(wav, 1));
    expect(isMediaError(e, 'FFMPEG_FAILED')).toBe(true);
  });
});
