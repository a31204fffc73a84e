import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectInput, type ProposedKeyframe, type ProposedTrack } from '../../electron/core/redact/detect';
import { FFMPEG } from '../fixtures/cards';

// Real photos of faces that ship in @vladmandic/human (MIT); read from node_modules, not copied.
const FACES_ROW = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets', 'screenshot-facedetect.jpg');
const work = mkdtempSync(join(tmpdir(), 'kluis-tracking-'));

/** The box of a track at time t: keyframes interpolated linearly, as the plan renders them; null outside the track. */
function boxAt(ks: ProposedKeyframe[], t: number): ProposedKeyframe | null {
  const i = ks.findIndex((k) => k.t >= t - 1e-9);
  if (i < 0) return null;
  if (i === 0) return ks[0]!.t <= t + 1e-9 ? ks[0]! : null;
  const a = ks[i - 1]!;
  const b = ks[i]!;
  const f = (t - a.t) / (b.t - a.t);
  const lerp = (p: number, q: number): number => p + (q - p) * f;
  return { t, x: lerp(a.x, b.x), y: lerp(a.y, b.y), w: lerp(a.w, b.w), h: lerp(a.h, b.h), score: 0 };
}

const covers = (ks: ProposedKeyframe[], t: number, cx: number, cy: number): boolean => {
  const b = boxAt(ks, t);
  return b !== null && b.x <= cx && cx <= b.x + b.w && b.y <= cy && cy <= b.y + b.h;
};

const centreX = (k: ProposedKeyframe): number => k.x + k.w / 2;

describe('tracking with the real detector: one moving face is one proposed track (issue 6)', () => {
  const oneFace = join(work, 'one-face.mp4');
  const crossing = join(work, 'crossing.mp4');
  beforeAll(() => {
    // the redact e2e clip: a portrait crossing 640x360 at 120 px/s, 4 s at 15 fps; analysed every
    // 12th frame (0.8 s apart), so it moves more than its box between two analysed frames
    execFileSync(FFMPEG, [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=15:duration=4', '-loop', '1', '-i', FACES_ROW,
      '-filter_complex', "[1:v]crop=140:140:10:346,scale=120:120[f];[0:v][f]overlay=x='40+120*t':y=100:shortest=1",
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '15', '-t', '4', oneFace,
    ]);
    // two different portraits crossing on overlapping rows of 1280x720, 8 s at 25 fps
    execFileSync(FFMPEG, [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=8', '-loop', '1', '-i', FACES_ROW,
      '-filter_complex', "[1:v]split[a][b];[a]crop=140:140:10:346[fa];[b]crop=140:140:650:346[fb];[0:v][fa]overlay=x='60+140*t':y=250:shortest=1[v1];[v1][fb]overlay=x='1080-140*t':y=300:shortest=1",
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-t', '8', crossing,
    ]);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('proposes exactly one track for one face moving fast, covering it in every frame', async () => {
    const tracks = await detectInput(oneFace, { workers: 1 });
    expect(tracks.map((t) => t.kind)).toEqual(['face']);
    const ks = tracks[0]!.keyframes;
    expect(ks.filter((k) => k.score > 0).length).toBeGreaterThanOrEqual(4); // of 5 analysed frames
    // every frame of the clip: the portrait's centre is inside the track's box (no frame shows it)
    const uncovered = Array.from({ length: 60 }, (_, n) => n / 15).filter((t) => !covers(ks, t, 40 + 120 * t + 60, 160));
    expect(uncovered).toEqual([]);
  }, 180_000);

  it('proposes two tracks for two faces that cross, each keeping its own direction', async () => {
    const tracks: ProposedTrack[] = await detectInput(crossing, { workers: 1 });
    expect(tracks.map((t) => t.kind)).toEqual(['face', 'face']);
    const dirs = tracks.map((tr) => {
      const det = tr.keyframes.filter((k) => k.score > 0);
      expect(det.length).toBeGreaterThanOrEqual(14); // of 17 analysed frames
      const steps = det.slice(1).map((k, i) => Math.sign(centreX(k) - centreX(det[i]!)));
      // a swap would turn the track round where the faces meet
      expect(new Set(steps).size).toBe(1);
      return steps[0];
    });
    expect(dirs.sort()).toEqual([-1, 1]);
    for (const [tr, x0, dir, y] of [[tracks.find((t) => centreX(t.keyframes[0]!) < 640)!, 60, 1, 320], [tracks.find((t) => centreX(t.keyframes[0]!) >= 640)!, 1080, -1, 370]] as const) {
      const uncovered = Array.from({ length: 200 }, (_, n) => n / 25).filter((t) => !covers(tr.keyframes, t, x0 + dir * 140 * t + 70, y));
      expect(uncovered).toEqual([]);
    }
  }, 180_000);
});
