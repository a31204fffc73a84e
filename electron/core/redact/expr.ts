import type { Keyframe, TimeRange } from './plan';

/** One linear piece of a coordinate over time: value v0 at t0, changing by `slope` per second. */
export interface Piece {
  t0: number;
  t1: number;
  v0: number;
  slope: number;
}

/** Numbers as ffmpeg's expression parser reads them: short, no exponent, no "-0". */
export function num(x: number): string {
  const r = Math.round(x * 10000) / 10000;
  if (Object.is(r, -0) || r === 0) return '0';
  return String(r);
}

function valueAt(keys: readonly Keyframe[], pick: (k: Keyframe) => number, t: number): number {
  if (t <= keys[0]!.t) return pick(keys[0]!);
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1]!;
    const b = keys[i]!;
    if (t <= b.t) return pick(a) + ((pick(b) - pick(a)) * (t - a.t)) / (b.t - a.t);
  }
  return pick(keys[keys.length - 1]!);
}

/**
 * A keyframed coordinate as linear pieces: linear between keyframes, frozen at its start value
 * through each hold (so a hold after the last keyframe keeps the box where it was).
 */
export function pieces(keys: readonly Keyframe[], pick: (k: Keyframe) => number, holds: readonly TimeRange[]): Piece[] {
  const cuts = new Set<number>(keys.map((k) => k.t));
  for (const h of holds) cuts.add(h.start).add(h.end);
  const times = [...cuts].sort((a, b) => a - b);
  const heldAt = (t0: number, t1: number): TimeRange | undefined => holds.find((h) => h.start <= t0 && t1 <= h.end);
  if (times.length === 1) return [{ t0: times[0]!, t1: times[0]!, v0: valueAt(keys, pick, times[0]!), slope: 0 }];
  const out: Piece[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const t0 = times[i]!;
    const t1 = times[i + 1]!;
    const h = heldAt(t0, t1);
    const v0 = h ? valueAt(keys, pick, h.start) : valueAt(keys, pick, t0);
    const v1 = h ? v0 : valueAt(keys, pick, t1);
    out.push({ t0, t1, v0, slope: (v1 - v0) / (t1 - t0) });
  }
  return out;
}

function pieceExpr(p: Piece): string {
  if (Math.abs(p.slope) < 1e-9) return num(p.v0);
  // A preview's shifted plan has keyframes before 0: "t+2", not "t--2".
  const since = p.t0 < 0 ? `t+${num(-p.t0)}` : `t-${num(p.t0)}`;
  return `${num(p.v0)}+${num(p.slope)}*(${since})`;
}

/**
 * The pieces as one ffmpeg expression of `t`: a balanced tree of if(lt(t,T),…) so a track of K
 * pieces costs about log2(K) comparisons per frame. Outside the pieces the nearest end holds.
 */
export function piecewise(ps: readonly Piece[]): string {
  const clampEnd = (p: Piece): Piece => ({ ...p, v0: p.v0 + p.slope * (p.t1 - p.t0), t0: p.t1, slope: 0 });
  const first = { ...ps[0]!, slope: 0 };
  const last = clampEnd(ps[ps.length - 1]!);
  const all = ps.length === 1 && ps[0]!.t0 === ps[0]!.t1 ? [first] : [first, ...ps, last];
  // boundary i is where piece i starts; piece 0 is "before the first keyframe"
  const starts = all.length === 1 ? [] : [ps[0]!.t0, ...ps.map((p) => p.t1)];
  const node = (lo: number, hi: number): string => {
    if (lo === hi) return pieceExpr(all[lo]!);
    const mid = Math.floor((lo + hi) / 2);
    return `if(lt(t,${num(starts[mid]!)}),${node(lo, mid)},${node(mid + 1, hi)})`;
  };
  return node(0, all.length - 1);
}
