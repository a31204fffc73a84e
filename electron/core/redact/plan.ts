import { z } from 'zod';
import { CodedError } from '../errors';

/**
 * The redaction plan (docs/redaction-plan.md). The contract (api/contracts/redact.ts) holds the
 * same schema: the renderer may import only the contract, and core may not import the api.
 */
const Seconds = z.number().finite().min(0).max(7 * 24 * 3600);
const Pixels = z.number().finite().min(0).max(16384);
const Range = z.object({ start: Seconds, end: Seconds }).strict().refine((r) => r.end > r.start, { message: 'a range must end after it starts' });

export const Keyframe = z.object({ t: Seconds, x: Pixels, y: Pixels, w: Pixels.min(8), h: Pixels.min(8) }).strict();
export const TRACK_STYLES = ['pixelate', 'solid', 'blur'] as const;
export const DECISIONS = ['undecided', 'redact', 'keep', 'not-a-person'] as const;

export const Track = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a track id is 1-64 letters, digits, _ or -'),
    label: z.string().max(200).default(''),
    personId: z.string().regex(/^per_[0-9a-f]{16}$/, 'must be a person id like per_0123456789abcdef').nullable().default(null),
    shape: z.enum(['box', 'ellipse']).default('box'),
    style: z.enum(TRACK_STYLES).default('pixelate'),
    origin: z.enum(['manual', 'detected']).default('manual'),
    decision: z.enum(DECISIONS),
    keyframes: z.array(Keyframe).min(1).max(200_000),
    hold: z.array(Range).max(10_000).default([]),
    hide: z.array(Range).max(10_000).default([]),
  })
  .strict()
  .refine((t) => t.keyframes.every((k, i) => i === 0 || k.t > t.keyframes[i - 1]!.t), { message: 'keyframe times must increase', path: ['keyframes'] });

export const PLAN_FORMAT = 'kluis-redaction-plan';
export const PLAN_VERSION = 1;

export const Plan = z
  .object({
    format: z.literal(PLAN_FORMAT),
    version: z.number().int(),
    tracks: z.array(Track).max(1000).default([]),
    frames: z.array(z.object({ start: Seconds, end: Seconds, effect: z.enum(['blur', 'black']) }).strict().refine((r) => r.end > r.start, { message: 'a range must end after it starts' })).max(10_000).default([]),
    audio: z.array(z.object({ start: Seconds, end: Seconds, effect: z.enum(['mute', 'bleep']) }).strict().refine((r) => r.end > r.start, { message: 'a range must end after it starts' })).max(10_000).default([]),
    cuts: z.array(Range).max(10_000).default([]),
  })
  .strict()
  .refine((p) => new Set(p.tracks.map((t) => t.id)).size === p.tracks.length, { message: 'track ids must be unique', path: ['tracks'] });

export type Plan = z.output<typeof Plan>;
export type Track = z.output<typeof Track>;
export type Keyframe = z.output<typeof Keyframe>;
export type TimeRange = { start: number; end: number };

/** A plan that cannot be used; the message names the first bad field. */
export class PlanError extends CodedError<'PLAN_INVALID'> {
  override readonly name = 'PlanError';
  constructor(message: string) {
    super('PLAN_INVALID', message);
  }
}

/** Validates a plan (from JSON, the API or a file); the message names the first bad field. */
export function parsePlan(input: unknown): Plan {
  if (input && typeof input === 'object' && (input as { format?: unknown }).format === PLAN_FORMAT) {
    const v = (input as { version?: unknown }).version;
    if (typeof v === 'number' && v > PLAN_VERSION) throw new PlanError(`This redaction plan was made by a newer Kluis (plan format ${v}); update Kluis to use it.`);
  }
  const r = Plan.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the plan';
    throw new PlanError(`The redaction plan is not valid: ${where}: ${issue.message}. See docs/redaction-plan.md for the format.`);
  }
  if (r.data.version !== PLAN_VERSION) throw new PlanError(`The redaction plan has version ${r.data.version}; this Kluis reads version ${PLAN_VERSION}.`);
  return r.data;
}

/** An empty plan for a recording that has none yet. */
export function emptyPlan(): Plan {
  return { format: PLAN_FORMAT, version: PLAN_VERSION, tracks: [], frames: [], audio: [], cuts: [] };
}

/** Sorted, overlapping and touching ranges merged. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** `ranges` minus `minus`, both merged first. */
export function subtractRanges(ranges: readonly TimeRange[], minus: readonly TimeRange[]): TimeRange[] {
  let out = mergeRanges(ranges);
  for (const m of mergeRanges(minus)) {
    out = out.flatMap((r) => {
      if (m.end <= r.start || m.start >= r.end) return [r];
      const parts: TimeRange[] = [];
      if (m.start > r.start) parts.push({ start: r.start, end: m.start });
      if (m.end < r.end) parts.push({ start: m.end, end: r.end });
      return parts;
    });
  }
  return out;
}

/** Tracks that are rendered: only those someone decided to redact. */
export const renderedTracks = (plan: Plan): Track[] => plan.tracks.filter((t) => t.decision === 'redact');

/** Where a track is drawn: first to last keyframe, plus holds, minus hides. */
export function activeRanges(track: Track): TimeRange[] {
  const first = track.keyframes[0]!.t;
  const last = track.keyframes[track.keyframes.length - 1]!.t;
  return subtractRanges([{ start: first, end: last }, ...track.hold], track.hide);
}

/** Source time -> output time once the cuts are removed; null inside a cut. */
export function toOutputTime(t: number, cuts: readonly TimeRange[]): number | null {
  let removed = 0;
  for (const c of mergeRanges(cuts)) {
    if (t >= c.end) removed += c.end - c.start;
    else if (t >= c.start) return null;
  }
  return t - removed;
}

/** A source range as the output ranges it becomes (pieces inside cuts vanish). */
export function rangeToOutput(r: TimeRange, cuts: readonly TimeRange[]): TimeRange[] {
  return subtractRanges([r], cuts).map((p) => {
    const start = toOutputTime(p.start, cuts)!;
    return { start, end: start + (p.end - p.start) };
  });
}
