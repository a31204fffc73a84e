import { z } from 'zod';
import { Empty } from './common';

const RecordingId = z.string().regex(/^rec_[0-9a-f]{16}$/);
/** a clip received in a share package (rcl_...): media.open plays it like a recording, view-only */
const ReceivedClipId = z.string().regex(/^rcl_[0-9a-f]{16}$/);
/** a rendered redaction preview (redact.preview), playable until it is replaced or the vault locks */
const RedactPreviewId = z.string().regex(/^rpv_[0-9a-f]{16}$/);

/** How a recording can be watched in Chromium. */
export const Playability = z.enum([
  'pending', // not probed yet
  'original', // Chromium plays the vault copy as it is
  'needs-proxy', // a proxy must be made first (HEVC, MPEG-TS/AVCHD, DV, odd audio, chapters to join)
  'proxy', // a proxy exists and is what plays
  'unplayable', // probe or proxy failed; `problem` says why
]);

export const ProxyState = z.object({
  status: z.enum(['not-needed', 'none', 'queued', 'running', 'ready', 'failed']),
  /** 0..1 while running */
  progress: z.number().nullable(),
});

export const IdentifyingTag = z.object({ key: z.string(), value: z.string(), why: z.string(), where: z.union([z.literal('format'), z.number()]) });

export const LibraryRow = z.object({
  id: z.string(),
  title: z.string(),
  layout: z.string(),
  sourceLabel: z.string(),
  capturedAt: z.string().nullable(),
  importedAt: z.string(),
  files: z.number(),
  bytes: z.number(),
  verified: z.boolean(),
  durationSec: z.number().nullable(),
  container: z.string().nullable(),
  videoCodec: z.string().nullable(),
  audioCodec: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  playability: Playability,
  proxy: ProxyState,
  /** "cannot be played: <reason>" material, in English from the core; null when fine */
  problem: z.string().nullable(),
  /** how many identifying metadata tags the probe flagged */
  flagged: z.number(),
  hasPoster: z.boolean(),
});

export const LibrarySort = z.enum(['capturedAt', 'importedAt', 'title', 'duration', 'size']);

export const LibraryQuery = z
  .object({
    search: z.string().max(200).optional(),
    sort: LibrarySort.default('capturedAt'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    playability: z.array(Playability).max(5).optional(),
    flaggedOnly: z.boolean().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const RecordingDetail = z.object({
  row: LibraryRow,
  probe: z
    .object({
      durationSec: z.number().nullable(),
      container: z.string(),
      bitRate: z.number().nullable(),
      video: z.object({ codec: z.string(), width: z.number(), height: z.number(), fps: z.number().nullable(), rotation: z.number() }).nullable(),
      audio: z.object({ codec: z.string(), sampleRate: z.number().nullable(), channels: z.number().nullable() }).nullable(),
      creationTime: z.string().nullable(),
    })
    .nullable(),
  identifying: z.array(IdentifyingTag),
  files: z.array(z.object({ relPath: z.string(), role: z.string(), size: z.number() })),
  /** the scrubbing sprite's grid, when there is one */
  sprite: z.object({ columns: z.number(), rows: z.number(), tileWidth: z.number(), tileHeight: z.number(), intervalSec: z.number(), count: z.number() }).nullable(),
  /** why background work on this recording stopped for a reason outside it (e.g. ffprobe missing); absent when it did not */
  queueProblem: z.string().optional(),
});

/**
 * What a player or an <img> may load. The token is opaque and per session (revoked at lock);
 * the front end turns it into a URL of its transport (kluis-media://m/<token> in Electron,
 * /media/<token> on the test host).
 */
export const MediaTicket = z.object({ token: z.string(), mime: z.string(), size: z.number() });

/** Media: the library, probe results, thumbnails, proxies and playback tickets. */
export const mediaContract = {
  'library.query': { input: LibraryQuery, output: z.object({ total: z.number(), rows: z.array(LibraryRow) }) },
  'recordings.detail': { input: z.object({ id: RecordingId }).strict(), output: RecordingDetail },
  'recordings.rename': { input: z.object({ id: RecordingId, title: z.string().trim().min(1).max(200) }).strict(), output: Empty },
  /** a ticket for the playable form (the original, or the proxy when one is needed), the poster, or the sprite */
  'media.open': { input: z.object({ id: z.union([RecordingId, ReceivedClipId, RedactPreviewId]), kind: z.enum(['play', 'poster', 'sprite']) }).strict(), output: MediaTicket },
  /** ends a ticket early (a player closed); lock ends them all */
  'media.close': { input: z.object({ token: z.string().min(1).max(100) }).strict(), output: Empty },
  /**
   * a player plays (sent when playback starts and every 30 s while it goes on) or stopped (paused,
   * ended, closed): the idle lock counts playing as activity, so a videotoets shown in class does
   * not lock mid-clip (R9, R12)
   */
  'media.playing': { input: z.object({ playing: z.boolean() }).strict(), output: Empty },
  /** queues probe/thumbnails/proxy work for a recording (the library also queues it after each import) */
  'media.process': { input: z.object({ id: RecordingId }).strict(), output: Empty },
} as const;
