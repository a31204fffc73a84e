import type { Output } from '../../../electron/core/api/contract';

export type Plan = Output<'redact.planGet'>['plan'];
export type Track = Plan['tracks'][number];
export type Keyframe = Track['keyframes'][number];
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MIN_SIZE = 8;

export const emptyPlan = (): Plan => ({ format: 'kluis-redaction-plan', version: 1, tracks: [], frames: [], audio: [], cuts: [] });

/** docs/redaction-plan.md: between keyframes the centre and the size move linearly. */
export function interpolate(kfs: readonly Keyframe[], t: number): Box {
  if (t <= kfs[0]!.t) return kfs[0]!;
  const last = kfs[kfs.length - 1]!;
  if (t >= last.t) return last;
  let i = 0;
  while (kfs[i + 1]!.t <= t) i++;
  const a = kfs[i]!;
  const b = kfs[i + 1]!;
  const f = (t - a.t) / (b.t - a.t);
  const lerp = (p: number, q: number) => p + (q - p) * f;
  const cx = lerp(a.x + a.w / 2, b.x + b.w / 2);
  const cy = lerp(a.y + a.h / 2, b.y + b.h / 2);
  const w = lerp(a.w, b.w);
  const h = lerp(a.h, b.h);
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

/** Whether the track is drawn at t: between its first and last keyframe, plus hold, minus hide. */
export function activeAt(track: Track, t: number, eps = 1e-3): boolean {
  const k = track.keyframes;
  const inside = (t >= k[0]!.t - eps && t <= k[k.length - 1]!.t + eps) || track.hold.some((r) => t >= r.start && t < r.end);
  return inside && !track.hide.some((r) => t >= r.start && t < r.end);
}

/** What the render covers: the track's largest box centred on the interpolated centre, clamped in the frame. */
export function renderedBox(track: Track, t: number, frameW: number, frameH: number): Box {
  const b = interpolate(track.keyframes, t);
  const w = Math.min(frameW, Math.max(...track.keyframes.map((k) => k.w)));
  const h = Math.min(frameH, Math.max(...track.keyframes.map((k) => k.h)));
  const x = Math.min(Math.max(0, b.x + b.w / 2 - w / 2), frameW - w);
  const y = Math.min(Math.max(0, b.y + b.h / 2 - h / 2), frameH - h);
  return { x, y, w, h };
}

/** A box inside the frame, whole pixels, at least MIN_SIZE each way. */
export function clampBox(b: Box, frameW: number, frameH: number): Box {
  const w = Math.round(Math.min(frameW, Math.max(MIN_SIZE, b.w)));
  const h = Math.round(Math.min(frameH, Math.max(MIN_SIZE, b.h)));
  const x = Math.round(Math.min(Math.max(0, b.x), frameW - w));
  const y = Math.round(Math.min(Math.max(0, b.y), frameH - h));
  return { x, y, w, h };
}

/** Sets (or replaces, within half a frame) the keyframe at t. */
export function withKeyframe(track: Track, t: number, box: Box, halfFrame: number): Track {
  const at = Math.round(t * 1000) / 1000;
  const rest = track.keyframes.filter((k) => Math.abs(k.t - at) >= halfFrame);
  const keyframes = [...rest, { t: at, ...box }].sort((a, b) => a.t - b.t);
  return { ...track, keyframes };
}

export function newTrackId(plan: Plan): string {
  const used = new Set(plan.tracks.map((t) => t.id));
  let n = plan.tracks.length + 1;
  while (used.has(`t${n}`)) n++;
  return `t${n}`;
}
