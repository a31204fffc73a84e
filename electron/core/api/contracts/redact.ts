import { z } from 'zod';

// The plan of docs/redaction-plan.md; core/redact/plan.ts holds the same schema (the renderer
// may import only the contract, and core may not import the api).
const RecordingId = z.string().regex(/^rec_[0-9a-f]{16}$/, 'must be a recording id like rec_0123456789abcdef');
const Seconds = z.number().finite().min(0).max(7 * 24 * 3600);
const Pixels = z.number().finite().min(0).max(16384);
const Range = z.object({ start: Seconds, end: Seconds }).strict();

export const RedactKeyframe = z.object({ t: Seconds, x: Pixels, y: Pixels, w: Pixels.min(8), h: Pixels.min(8) }).strict();
export const RedactTrack = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    label: z.string().max(200).default(''),
    personId: z.string().regex(/^per_[0-9a-f]{16}$/).nullable().default(null),
    shape: z.enum(['box', 'ellipse']).default('box'),
    /** pixelate (default) and solid cannot be undone; a light blur can be reversed, Kluis's blur is strong */
    style: z.enum(['pixelate', 'solid', 'blur']).default('pixelate'),
    origin: z.enum(['manual', 'detected']).default('manual'),
    decision: z.enum(['undecided', 'redact', 'keep', 'not-a-person']),
    keyframes: z.array(RedactKeyframe).min(1).max(200_000),
    hold: z.array(Range).max(10_000).default([]),
    hide: z.array(Range).max(10_000).default([]),
  })
  .strict();

export const RedactPlan = z
  .object({
    format: z.literal('kluis-redaction-plan'),
    version: z.number().int().min(1).max(1),
    tracks: z.array(RedactTrack).max(1000).default([]),
    frames: z.array(z.object({ start: Seconds, end: Seconds, effect: z.enum(['blur', 'black']) }).strict()).max(10_000).default([]),
    audio: z.array(z.object({ start: Seconds, end: Seconds, effect: z.enum(['mute', 'bleep']) }).strict()).max(10_000).default([]),
    cuts: z.array(Range).max(10_000).default([]),
  })
  .strict();

const StoredPlan = z.object({
  recordingId: z.string(),
  /** 0 when none was saved yet (the plan is then empty) */
  version: z.number(),
  savedAt: z.string().nullable(),
  plan: RedactPlan,
  versions: z.array(z.number()),
  /** tracks still waiting for a decision: sharing is refused while there are any */
  undecided: z.array(z.string()),
  /** present when a track uses blur: a light blur can be reversed */
  warnings: z.array(z.string()),
});

const Manifest = z.record(z.string(), z.unknown());

export const RedactProgress = z.object({ recordingId: z.string(), phase: z.enum(['detect', 'render', 'verify', 'done']), fraction: z.number() });

/** Redaction: plans (versioned), render into a derived recording, its edit manifest. */
export const redactContract = {
  'redact.planGet': { input: z.object({ id: RecordingId, version: z.number().int().min(1).optional() }).strict(), output: StoredPlan },
  'redact.planSave': { input: z.object({ id: RecordingId, plan: RedactPlan }).strict(), output: StoredPlan },
  /** renders the newest (or the named) plan version; progress comes as redact.progress events */
  'redact.render': {
    input: z.object({ id: RecordingId, version: z.number().int().min(1).optional() }).strict(),
    output: z.object({ recordingId: z.string(), sourceId: z.string(), planVersion: z.number(), manifest: Manifest }),
  },
  /** face detection: found faces become undecided tracks in a new plan version */
  'redact.detect': {
    input: z.object({ id: RecordingId, everyNth: z.number().int().min(1).max(300).optional() }).strict(),
    output: z.object({ plan: StoredPlan, found: z.number() }),
  },
  /**
   * renders [start, end) (at most 10 s) of the given plan, saved or not, into a short-lived encrypted
   * preview that media.open plays by its id; it replaces the recording's previous preview, and lock
   * and unlock remove them all. Progress comes as redact.progress (phase render); redact.cancel stops it.
   */
  'redact.preview': {
    input: z.object({ id: RecordingId, plan: RedactPlan, start: Seconds, end: Seconds }).strict(),
    output: z.object({ previewId: z.string(), recordingId: z.string(), start: z.number(), end: z.number() }),
  },
  'redact.cancel': { input: z.object({ id: RecordingId }).strict(), output: z.object({}) },
  /** a recording's plan versions and derivatives, or for a derivative its source and edit manifest */
  'redact.show': {
    input: z.object({ id: RecordingId }).strict(),
    output: z.object({
      recordingId: z.string(),
      planVersions: z.array(z.number()),
      undecided: z.array(z.string()),
      derivatives: z.array(z.object({ recordingId: z.string(), planVersion: z.number(), createdAt: z.string() })),
      derivedFrom: z.object({ sourceId: z.string(), planVersion: z.number(), redactedPersons: z.array(z.string()), manifest: Manifest.nullable() }).nullable(),
    }),
  },
} as const;
