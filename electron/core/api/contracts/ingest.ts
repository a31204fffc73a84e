import { z } from 'zod';
import { Empty } from './common';

const Layout = z.enum(['avchd', 'xavc', 'gopro', 'dji', 'phone', 'audio-recorder', 'dcf', 'loose']);
const FileRole = z.enum(['main', 'chapter', 'edit', 'sidecar', 'tree']);
const Sha = z.string().nullable();

const Volume = z.object({ path: z.string(), label: z.string(), sizeBytes: z.number().nullable(), device: z.string().nullable() });

const CardPreview = z.object({
  root: z.string(),
  units: z.array(z.object({ key: z.string(), label: z.string(), layout: Layout, files: z.number(), bytes: z.number(), probablyImported: z.boolean() })),
  ignored: z.array(z.string()),
  problems: z.array(z.string()),
});

export const ImportProgress = z.object({
  phase: z.enum(['scanning', 'copying', 'verifying', 'wiping', 'done']),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  filesDone: z.number(),
  filesTotal: z.number(),
  rate: z.number(),
  etaSeconds: z.number().nullable(),
  current: z.string().optional(),
});

export const ImportReport = z.object({
  importId: z.string(),
  sourceRoot: z.string(),
  sourceLabel: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  wipeRequested: z.boolean(),
  units: z.array(
    z.object({
      recordingId: z.string().nullable(),
      label: z.string(),
      layout: Layout,
      outcome: z.enum(['verified', 'already-in-vault', 'failed', 'cancelled']),
      files: z.array(
        z.object({
          relPath: z.string(),
          role: FileRole,
          size: z.number(),
          sha256: Sha,
          xxh3: Sha,
          sourceXxh3: Sha,
          vaultXxh3: Sha,
          uncached: z.boolean(),
          outcome: z.enum(['verified', 'duplicate', 'failed', 'skipped']),
          wipe: z.enum(['wiped', 'kept', 'failed']),
          error: z.string().optional(),
          errorCode: z.enum(['READ_ERROR', 'DISAPPEARED', 'NO_ACCESS', 'CHANGED', 'READBACK_FAILED', 'WRITE_PROTECTED', 'OTHER']).optional(),
        }),
      ),
    }),
  ),
  ignored: z.array(z.string()),
  totals: z.object({ units: z.number(), verified: z.number(), alreadyInVault: z.number(), failed: z.number(), bytes: z.number(), wipedFiles: z.number() }),
  wipeNote: z.string(),
  cacheBypassed: z.boolean(),
  cacheNote: z.string(),
  ok: z.boolean(),
});

const RecordingSummary = z.object({
  id: z.string(),
  label: z.string(),
  layout: Layout,
  sourceLabel: z.string(),
  capturedAt: z.string().nullable(),
  importedAt: z.string(),
  files: z.number(),
  bytes: z.number(),
});

const SourcePath = z.string().min(1).max(4096);

/** Import from cards: detection, preview, the import itself, its report. */
export const ingestContract = {
  'volumes.list': { input: Empty, output: z.object({ volumes: z.array(Volume) }) },
  'ingest.preview': { input: z.object({ path: SourcePath }).strict(), output: CardPreview },
  /** Starts an import in the background; progress and the report arrive as events. */
  'ingest.start': { input: z.object({ path: SourcePath, wipe: z.boolean(), sourceLabel: z.string().min(1).max(200).optional() }).strict(), output: Empty },
  'ingest.cancel': { input: Empty, output: Empty },
  /** After a full import: fill the card's free space with zeros and delete the filler (progress as events). */
  'ingest.overwriteFreeSpace': { input: z.object({ path: SourcePath }).strict(), output: z.object({ bytesWritten: z.number() }) },
  'ingest.report': { input: z.object({ importId: z.string().regex(/^im_[0-9a-f]{16}$/) }).strict(), output: ImportReport },
  /** The report as a PDF, base64: the renderer offers it as a download the user asked for. */
  'ingest.reportPdf': { input: z.object({ importId: z.string().regex(/^im_[0-9a-f]{16}$/) }).strict(), output: z.object({ pdfBase64: z.string() }) },
  'recordings.list': { input: Empty, output: z.object({ recordings: z.array(RecordingSummary) }) },
} as const;
