import { iou, overlapOfSmaller, pad } from './geometry';
import type { Box, Detection, ProposedKeyframe } from './types';

export interface TrackerOptions {
  /** a predicted box and a detection with at least this IoU may be the same face */
  minIou: number;
  /** …or centres closer than this many face widths (small faces move further than their size) */
  maxCentreShift: number;
  /**
   * …plus, for a track with one detection and so no velocity yet, this many face widths per
   * second since that detection (the e2e clip's face moves 1.25 of its widths between samples
   * 0.8 s apart). Tracks with a velocity keep the narrow gate: small faces in a row stand about
   * 1.25 widths apart, and a wider gate let tracks jump between neighbours (docs/detection.md)
   */
  maxWidthsPerSec: number;
  /** analysed frames a track may go without a detection before it ends */
  maxMisses: number;
  /** an unmatched detection this much inside a matched one is the same face twice, not a new track */
  duplicateOverlap: number;
  /**
   * a track that starts at most this many seconds after another ended, where that one's velocity
   * puts it (within maxCentreShift face widths, similar size), continues it: a face hidden longer
   * than maxMisses frames comes back as one track, one decision for the user
   */
  joinGapSec: number;
}

export const TRACKER_DEFAULTS: TrackerOptions = { minIou: 0.15, maxCentreShift: 0.8, maxWidthsPerSec: 1.5, maxMisses: 4, duplicateOverlap: 0.5, joinGapSec: 3 };

export interface SampledFrame {
  t: number;
  detections: Detection[];
}

/** A track as the tracker built it: only the keyframes where the face was detected. */
export interface RawTrack {
  keyframes: ProposedKeyframe[];
}

interface Live {
  track: RawTrack;
  /** velocity of the box centre and size, pixels per second */
  vx: number;
  vy: number;
  misses: number;
}

const centre = (b: Box): [number, number] => [b.x + b.w / 2, b.y + b.h / 2];

function predict(l: Live, t: number): Box {
  const last = l.track.keyframes[l.track.keyframes.length - 1]!;
  const dt = t - last.t;
  return { x: last.x + l.vx * dt, y: last.y + l.vy * dt, w: last.w, h: last.h };
}

/**
 * How well a detection fits a prediction made `dt` seconds after the track's last detection,
 * or -1 when it cannot be the same face: IoU when they overlap, else the centre distance in face
 * widths against a gate that widens with dt.
 */
function affinity(p: Box, d: Detection, dt: number, o: TrackerOptions): number {
  const sizeRatio = Math.max(p.w, d.w) / Math.max(1, Math.min(p.w, d.w));
  if (sizeRatio >= 2) return -1;
  const overlap = iou(p, d);
  if (overlap >= o.minIou) return 1 + overlap;
  const [px, py] = centre(p);
  const [dx, dy] = centre(d);
  const dist = Math.hypot(px - dx, py - dy) / Math.max(p.w, d.w, 1);
  const gate = o.maxCentreShift + o.maxWidthsPerSec * Math.max(0, dt);
  return dist <= gate ? 1 - dist / gate : -1;
}

function lastOf(l: Live): ProposedKeyframe {
  return l.track.keyframes[l.track.keyframes.length - 1]!;
}

/** Adds a matched detection to its track and updates the track's velocity. */
function extend(l: Live, d: Detection, t: number): void {
  const last = lastOf(l);
  const dt = t - last.t;
  if (dt > 0) {
    const [lx, ly] = centre(last);
    const [cx, cy] = centre(d);
    // smoothed, so one jittery box (tiles box a small face differently) does not fling the prediction
    l.vx = 0.5 * l.vx + 0.5 * ((cx - lx) / dt);
    l.vy = 0.5 * l.vy + 0.5 * ((cy - ly) / dt);
  }
  l.misses = 0;
  l.track.keyframes.push({ t, x: d.x, y: d.y, w: d.w, h: d.h, score: d.score });
}

/**
 * Links detections of successive analysed frames into tracks: each live track predicts its box
 * at the new time from its velocity, then pairs go greedily best-first (IoU, else nearness), so
 * two faces that cross keep their ids while their velocities carry them past each other. An
 * unmatched detection starts a track; a track unmatched for more than maxMisses frames ends.
 */
export function track(frames: SampledFrame[], options: Partial<TrackerOptions> = {}): RawTrack[] {
  const o = { ...TRACKER_DEFAULTS, ...options };
  const live: Live[] = [];
  const done: RawTrack[] = [];
  for (const frame of [...frames].sort((a, b) => a.t - b.t)) {
    const pairs: Array<[number, number, number]> = [];
    live.forEach((l, li) => {
      const p = predict(l, frame.t);
      // only a track without a velocity yet needs the gate widened by the time it bridges
      const dt = l.track.keyframes.length === 1 ? frame.t - lastOf(l).t : 0;
      frame.detections.forEach((d, di) => {
        // where the velocity puts it, or where it was: a wrong velocity must not lose a face that stopped
        const a = Math.max(affinity(p, d, dt, o), affinity(lastOf(l), d, dt, o));
        if (a >= 0) pairs.push([a, li, di]);
      });
    });
    pairs.sort((a, b) => b[0] - a[0]);
    const usedL = new Set<number>();
    const usedD = new Set<number>();
    for (const [, li, di] of pairs) {
      if (usedL.has(li) || usedD.has(di)) continue;
      usedL.add(li);
      usedD.add(di);
      extend(live[li]!, frame.detections[di]!, frame.t);
    }
    for (let li = live.length - 1; li >= 0; li--) {
      if (usedL.has(li)) continue;
      const l = live[li]!;
      if (++l.misses > o.maxMisses) {
        done.push(l.track);
        live.splice(li, 1);
      }
    }
    const matched = frame.detections.filter((_, di) => usedD.has(di));
    frame.detections.forEach((d, di) => {
      if (usedD.has(di) || matched.some((m) => overlapOfSmaller(m, d) >= o.duplicateOverlap)) return;
      live.push({ track: { keyframes: [{ t: frame.t, x: d.x, y: d.y, w: d.w, h: d.h, score: d.score }] }, vx: 0, vy: 0, misses: 0 });
    });
  }
  done.push(...live.map((l) => l.track));
  return joinFragments(done.sort((a, b) => a.keyframes[0]!.t - b.keyframes[0]!.t), o);
}

/** How far (in face widths) `b` starts from where `a`'s last velocity takes it, or Infinity when b cannot continue a. */
function continuation(a: RawTrack, b: RawTrack, o: TrackerOptions): number {
  const end = a.keyframes[a.keyframes.length - 1]!;
  const start = b.keyframes[0]!;
  const gap = start.t - end.t;
  const sizeRatio = Math.max(end.w, start.w) / Math.max(1, Math.min(end.w, start.w));
  if (gap <= 0 || gap > o.joinGapSec || sizeRatio >= 1.5) return Infinity;
  const before = a.keyframes[a.keyframes.length - 2];
  const [vx, vy] = before && end.t > before.t ? velocityOf(before, end) : [0, 0];
  const [ex, ey] = centre(end);
  const [sx, sy] = centre(start);
  const dist = Math.hypot(ex + vx * gap - sx, ey + vy * gap - sy) / Math.max(end.w, start.w, 1);
  return dist <= o.maxCentreShift ? dist : Infinity;
}

/** Appends each track, in order of start, to the ended track it best continues (see joinGapSec). */
function joinFragments(tracks: RawTrack[], o: TrackerOptions): RawTrack[] {
  const out: RawTrack[] = [];
  for (const b of tracks) {
    let best: RawTrack | null = null;
    let bestDist = Infinity;
    for (const a of out) {
      const d = continuation(a, b, o);
      if (d < bestDist) [best, bestDist] = [a, d];
    }
    if (best) best.keyframes.push(...b.keyframes);
    else out.push({ keyframes: [...b.keyframes] });
  }
  return out;
}

/**
 * Puts an interpolated keyframe (score 0) at every analysed time inside a track where the
 * face was missed, so the box is there through a short occlusion or a missed detection, not
 * only implied by the plan's interpolation.
 */
export function fillGaps(keyframes: ProposedKeyframe[], sampleTimes: number[]): ProposedKeyframe[] {
  if (keyframes.length < 2) return keyframes;
  const out: ProposedKeyframe[] = [];
  for (let i = 0; i < keyframes.length - 1; i++) {
    const a = keyframes[i]!;
    const b = keyframes[i + 1]!;
    out.push(a);
    for (const t of sampleTimes) {
      if (t <= a.t + 1e-9 || t >= b.t - 1e-9) continue;
      const f = (t - a.t) / (b.t - a.t);
      const lerp = (p: number, q: number): number => p + (q - p) * f;
      out.push({ t, x: lerp(a.x, b.x), y: lerp(a.y, b.y), w: lerp(a.w, b.w), h: lerp(a.h, b.h), score: 0 });
    }
  }
  out.push(keyframes[keyframes.length - 1]!);
  return out;
}

export interface FinishOptions {
  /** seconds the first box is held before the first detection, and the last after the last */
  extendSec: number;
  /** grows every box by this share of its size on each side (BlazeFace's box stops at the brows) */
  padFraction: number;
  frameW: number;
  frameH: number;
  /** the recording's duration; extended keyframes stay inside it */
  duration: number;
}

/** `b` grown to also cover itself moved by (dx, dy), each capped at one box size, inside the frame. */
function sweep(b: ProposedKeyframe, dx: number, dy: number, o: FinishOptions): ProposedKeyframe {
  const sx = Math.max(-b.w, Math.min(b.w, dx));
  const sy = Math.max(-b.h, Math.min(b.h, dy));
  const x = Math.max(0, b.x + Math.min(0, sx));
  const y = Math.max(0, b.y + Math.min(0, sy));
  const x2 = Math.min(o.frameW, b.x + b.w + Math.max(0, sx));
  const y2 = Math.min(o.frameH, b.y + b.h + Math.max(0, sy));
  return { ...b, x, y, w: Math.max(0, x2 - x), h: Math.max(0, y2 - y) };
}

/** Centre velocity between two keyframes, pixels per second. */
function velocityOf(a: ProposedKeyframe, b: ProposedKeyframe): [number, number] {
  const dt = b.t - a.t;
  return dt > 0 ? [(b.x + b.w / 2 - a.x - a.w / 2) / dt, (b.y + b.h / 2 - a.y - a.h / 2) / dt] : [0, 0];
}

/**
 * Pads every box and holds the track a little before its first and after its last detection:
 * the face was probably there already between the previous analysed frame and the one that
 * found it, and a face that shows for a frame or two is a face shown. A moving face keeps
 * moving after its last detection (and moved before its first), so the held box also covers
 * where its velocity takes it, up to one box size: it may have stopped, or gone on.
 */
export function finishTrack(keyframes: ProposedKeyframe[], o: FinishOptions): ProposedKeyframe[] {
  const padded = keyframes.map((k) => ({ ...k, ...pad(k, o.padFraction, o.frameW, o.frameH) }));
  const first = padded[0]!;
  const last = padded[padded.length - 1]!;
  const before = Math.max(0, first.t - o.extendSec);
  const after = Math.min(o.duration, last.t + o.extendSec);
  const [ivx, ivy] = padded.length > 1 ? velocityOf(first, padded[1]!) : [0, 0];
  const [ovx, ovy] = padded.length > 1 ? velocityOf(padded[padded.length - 2]!, last) : [0, 0];
  return [
    ...(before < first.t ? [{ ...sweep(first, ivx * (before - first.t), ivy * (before - first.t), o), t: before, score: 0 }] : []),
    ...padded,
    ...(after > last.t ? [{ ...sweep(last, ovx * (after - last.t), ovy * (after - last.t), o), t: after, score: 0 }] : []),
  ];
}

/**
 * Drops tracks that are most likely not faces: a single detection with a middling score is
 * usually texture; a face in view is found again on the next analysed frame.
 */
export function plausible(t: RawTrack, singleMinScore: number): boolean {
  return t.keyframes.length >= 2 || t.keyframes[0]!.score >= singleMinScore;
}
