import { describe, expect, it } from 'vitest';
import { fillGaps, finishTrack, track, type SampledFrame } from '../../../electron/core/redact/detect/tracker';
import type { Detection } from '../../../electron/core/redact/detect/types';

const face = (x: number, y: number, size = 40, score = 0.9): Detection => ({ x, y, w: size, h: size, score });
const times = (n: number, step = 1 / 3): number[] => Array.from({ length: n }, (_, i) => +(i * step).toFixed(6));

describe('track', () => {
  it('keeps one id for a face moving steadily', () => {
    const frames: SampledFrame[] = times(10).map((t, i) => ({ t, detections: [face(100 + i * 15, 200)] }));
    const out = track(frames);
    expect(out).toHaveLength(1);
    expect(out[0]!.keyframes.map((k) => k.x)).toEqual(frames.map((f) => f.detections[0]!.x));
  });

  it('keeps ids of two faces that cross, by their velocities', () => {
    // A moves right, B moves left, on the same row; they pass each other around frame 5
    const frames: SampledFrame[] = times(11).map((t, i) => ({ t, detections: [face(100 + i * 30, 300), face(400 - i * 30, 300)].reverse() }));
    const out = track(frames);
    expect(out).toHaveLength(2);
    const rightward = out.find((t) => t.keyframes[0]!.x === 100)!;
    const xs = rightward.keyframes.map((k) => k.x);
    expect(xs).toEqual(times(11).map((_, i) => 100 + i * 30));
  });

  it('bridges an occlusion of 3 analysed frames with the same id, then fills the gap', () => {
    const ts = times(10);
    const frames: SampledFrame[] = ts.map((t, i) => ({ t, detections: i >= 4 && i <= 6 ? [] : [face(100 + i * 10, 100)] }));
    const out = track(frames);
    expect(out).toHaveLength(1);
    expect(out[0]!.keyframes).toHaveLength(7);
    const filled = fillGaps(out[0]!.keyframes, ts);
    expect(filled.map((k) => k.t)).toEqual(ts);
    expect(filled[5]!.x).toBeCloseTo(150, 3);
    expect(filled[5]!.score).toBe(0);
  });

  it('ends a track after more than maxMisses misses and starts a new one', () => {
    const frames: SampledFrame[] = times(12).map((t, i) => ({ t, detections: i >= 3 && i <= 8 ? [] : [face(100, 100)] }));
    expect(track(frames, { maxMisses: 4, joinGapSec: 0 })).toHaveLength(2);
  });

  it('joins the two fragments of a face hidden longer than maxMisses when it comes back where its velocity puts it', () => {
    // hidden for 6 analysed frames (last seen 2.8 s before it is back) while walking on at 25 px/s
    const frames: SampledFrame[] = times(16, 0.4).map((t, i) => ({ t, detections: i >= 4 && i <= 9 ? [] : [face(100 + i * 10, 100, 60)] }));
    const out = track(frames);
    expect(out).toHaveLength(1);
    expect(out[0]!.keyframes.map((k) => k.x)).toEqual(frames.filter((f) => f.detections.length).map((f) => f.detections[0]!.x));
  });

  it('does not join a face that comes back elsewhere, at another size or too late', () => {
    const hidden = (after: Detection): SampledFrame[] => times(16, 0.4).map((t, i) => ({ t, detections: i < 4 ? [face(100, 100, 60)] : i > 9 ? [after] : [] }));
    expect(track(hidden(face(100, 100, 60)))).toHaveLength(1); // the same face, back in place
    expect(track(hidden(face(100, 100, 60)), { joinGapSec: 0 })).toHaveLength(2);
    expect(track(hidden(face(300, 100, 60)))).toHaveLength(2);
    expect(track(hidden(face(100, 100, 100)))).toHaveLength(2);
    const late: SampledFrame[] = times(20, 0.4).map((t, i) => ({ t, detections: i < 4 ? [face(100, 100, 60)] : i > 12 ? [face(100, 100, 60)] : [] }));
    expect(track(late)).toHaveLength(2);
  });

  it('keeps one id for a face that moves more than its own width between analysed frames (issue 6: 5 tracks for one face)', () => {
    // the redact e2e clip: 75 px box, 96 px between samples 0.8 s apart; no velocity yet at the second sample
    const frames: SampledFrame[] = times(5, 0.8).map((t, i) => ({ t, detections: [face(40 + i * 96, 100, 75)] }));
    const out = track(frames);
    expect(out).toHaveLength(1);
    expect(out[0]!.keyframes).toHaveLength(5);
  });

  it('keeps one id for a face seen only on every other analysed frame (tile phases)', () => {
    const frames: SampledFrame[] = times(12, 0.4).map((t, i) => ({ t, detections: i % 2 ? [] : [face(100 + i * 30, 500, 40)] }));
    const out = track(frames);
    expect(out).toHaveLength(1);
    expect(out[0]!.keyframes.map((k) => k.t)).toEqual(frames.filter((f) => f.detections.length).map((f) => f.t));
  });

  it('does not start a track for a second box of the same face (whole frame and a tile)', () => {
    // from frame 2 on, a tile also reports the face's lower part, which NMS let through
    const frames: SampledFrame[] = times(6).map((t, i) => ({ t, detections: [face(100 + i * 10, 100, 60), ...(i >= 2 ? [{ x: 105 + i * 10, y: 130, w: 40, h: 40, score: 0.7 }] : [])] }));
    expect(track(frames)).toHaveLength(1);
  });

  it('keeps two faces that cross fast and close apart: their x never swaps', () => {
    // 60 px faces, 40 px apart vertically, closing at 2 widths per sample; a jitter of 5 px
    const frames: SampledFrame[] = times(12, 0.4).map((t, i) => ({ t, detections: [face(600 - i * 60 + (i % 2) * 5, 340, 60), face(0 + i * 60, 300 + (i % 3) * 5, 60)] }));
    const out = track(frames);
    expect(out).toHaveLength(2);
    const [a, b] = out.map((tr) => tr.keyframes);
    for (const kfs of [a!, b!]) {
      expect(kfs).toHaveLength(12);
      const dir = Math.sign(kfs[1]!.x - kfs[0]!.x);
      kfs.slice(1).forEach((k, i) => expect(Math.sign(k.x - kfs[i]!.x)).toBe(dir));
    }
  });

  it('does not link a face that appears two widths away right after another was seen', () => {
    const frames: SampledFrame[] = [{ t: 0, detections: [face(100, 100)] }, { t: 0.1, detections: [face(200, 100)] }];
    expect(track(frames)).toHaveLength(2);
  });

  it('does not link faces far apart', () => {
    const frames: SampledFrame[] = [{ t: 0, detections: [face(0, 0)] }, { t: 0.33, detections: [face(600, 400)] }];
    expect(track(frames)).toHaveLength(2);
  });
});

describe('finishTrack', () => {
  it('pads boxes and holds them before the first and after the last detection, inside the recording', () => {
    const kf = [{ t: 1, x: 100, y: 100, w: 40, h: 40, score: 0.9 }, { t: 2, x: 120, y: 100, w: 40, h: 40, score: 0.9 }];
    const out = finishTrack(kf, { extendSec: 0.5, padFraction: 0.25, frameW: 1920, frameH: 1080, duration: 2.2 });
    expect(out.map((k) => k.t)).toEqual([0.5, 1, 2, 2.2]);
    expect(out[1]).toMatchObject({ x: 90, y: 90, w: 60, h: 60 });
    // it moves 20 px/s: the held boxes also cover where it was 0.5 s before and 0.2 s after
    expect(out[0]).toMatchObject({ x: 80, w: 70, y: 90, h: 60, score: 0 });
    expect(out[3]).toMatchObject({ x: 110, w: 64, y: 90, h: 60, score: 0 });
  });

  it('holds a still face in place, and sweeps a fast one at most one box size on, inside the frame', () => {
    const still = finishTrack([{ t: 1, x: 100, y: 100, w: 40, h: 40, score: 0.9 }, { t: 2, x: 100, y: 100, w: 40, h: 40, score: 0.9 }], { extendSec: 1, padFraction: 0, frameW: 640, frameH: 360, duration: 5 });
    expect(still[0]).toMatchObject({ t: 0, x: 100, y: 100, w: 40, h: 40 });
    expect(still[3]).toMatchObject({ t: 3, x: 100, y: 100, w: 40, h: 40 });
    // 120 px/s to the right, held 2.4 s: swept one box (60 px) on, and cut at the frame's right edge
    const fast = finishTrack([{ t: 1, x: 400, y: 100, w: 60, h: 60, score: 0.9 }, { t: 2, x: 520, y: 100, w: 60, h: 60, score: 0.9 }], { extendSec: 2.4, padFraction: 0, frameW: 620, frameH: 360, duration: 5 });
    expect(fast[fast.length - 1]).toMatchObject({ x: 520, w: 100, y: 100, h: 60 });
    expect(fast[0]).toMatchObject({ t: 0, x: 340, w: 120 });
  });

  it('clips padding at the frame edge', () => {
    const out = finishTrack([{ t: 0, x: 0, y: 0, w: 40, h: 40, score: 1 }], { extendSec: 0, padFraction: 0.5, frameW: 50, frameH: 50, duration: 1 });
    expect(out[0]).toMatchObject({ x: 0, y: 0, w: 50, h: 50 });
  });
});
