import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ffmpegOutput, isMediaError, MediaError } from '../media';
import { VaultError, type Vault } from '../vault';
import { compilePlan, effectiveCuts, ENCODE_ARGS, OUTPUT_ARGS } from './compile';
import { num } from './expr';
import { parsePlan, PlanError, type Plan, type TimeRange } from './plan';
import { geometryOf } from './render';
import { withRenderSource } from './source';
import { ready } from './store';

/** Long enough to judge a few seconds of movement, short enough to render while one waits. */
export const MAX_PREVIEW_SEC = 10;
const PREVIEW_TIMEOUT_MS = 10 * 60_000;

export interface PreviewResult {
  /** rpv_…: media.open plays it like a recording */
  previewId: string;
  recordingId: string;
  start: number;
  end: number;
}

const shift = <R extends TimeRange>(r: R, by: number): R => ({ ...r, start: r.start - by, end: r.end - by });

/** The plan on a time line that starts at `start` (keyframes before it stay, so the box between them is interpolated as in the full render). */
export function shiftPlan(plan: Plan, start: number): Plan {
  return {
    ...plan,
    tracks: plan.tracks.map((t) => ({ ...t, keyframes: t.keyframes.map((k) => ({ ...k, t: k.t - start })), hold: t.hold.map((r) => shift(r, start)), hide: t.hide.map((r) => shift(r, start)) })),
    frames: plan.frames.map((r) => shift(r, start)),
    audio: plan.audio.map((r) => shift(r, start)),
    cuts: plan.cuts.map((r) => shift(r, start)),
  };
}

function checkRange(start: number, end: number): void {
  if (!(end > start)) throw new PlanError(`A preview must end after it starts (asked: ${start} s to ${end} s).`);
  if (end - start > MAX_PREVIEW_SEC + 1e-9) throw new PlanError(`A preview is at most ${MAX_PREVIEW_SEC} seconds (asked: ${Math.round((end - start) * 10) / 10} s); render the whole plan to see more.`);
}

/**
 * Renders [start, end) of a recording with a plan that need not be saved, into a short-lived
 * encrypted blob (never plaintext on disk: ffmpeg writes to a pipe that the vault encrypts as it
 * arrives). It replaces the recording's previous preview; lock and unlock sweep them all.
 */
export async function renderPreview(
  vault: Vault,
  sourceId: string,
  input: { plan: unknown; start: number; end: number },
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void; now?: Date } = {},
): Promise<PreviewResult> {
  const plan = parsePlan(input.plan);
  checkRange(input.start, input.end);
  ready(vault);
  return withRenderSource(vault, sourceId, async (src) => {
    if (input.start >= src.durationSec) throw new PlanError(`The preview starts at ${input.start} s, past the end of the recording (${Math.round(src.durationSec * 10) / 10} s); pick an earlier start.`);
    const start = input.start;
    const len = Math.min(input.end, src.durationSec) - start;
    const g = geometryOf(src.probe);
    const shifted = shiftPlan(plan, start);
    const cuts = effectiveCuts(shifted, len).filter((c) => c.end > 0);
    const kept = len - cuts.reduce((s, c) => s + Math.min(c.end, len) - Math.max(c.start, 0), 0);
    if (kept <= 0.01) throw new PlanError('The plan cuts all of this range away, so there is nothing to preview; pick a range outside the cuts.');
    const compiled = compilePlan({ ...shifted, cuts }, { width: g?.width ?? 0, height: g?.height ?? 0, hasVideo: g !== null, hasAudio: src.probe.audio != null, sampleRate: src.probe.audio?.sampleRate ?? null });
    const output = ffmpegOutput({
      // -ss and -t before the input: ffmpeg reads only the range, and its time line starts at 0 there.
      args: ['-v', 'error', '-ss', num(start), '-t', num(len), ...src.input(), '-filter_complex_script', 'pipe:0', ...compiled.maps, ...ENCODE_ARGS, ...OUTPUT_ARGS],
      stdin: Readable.from([Buffer.from(compiled.graph, 'utf8')]),
      signal: opts.signal,
      timeoutMs: PREVIEW_TIMEOUT_MS,
      onProgress: (p) => p.outTimeUs !== undefined && opts.onProgress?.(Math.min(0.99, p.outTimeUs / 1e6 / kept)),
    });
    const previewId = `rpv_${randomBytes(8).toString('hex')}`;
    try {
      const replaced = await vault.storeStream(output, { name: 'preview.mp4', signal: opts.signal }, (blob) => linkPreview(vault, { previewId, sourceId, blobId: blob.id, start, end: start + len }, opts.now ?? new Date()));
      for (const b of replaced) await vault.removeBlob(b);
    } catch (e) {
      if (opts.signal?.aborted || isMediaError(e, 'CANCELLED')) throw new VaultError('CANCELLED', 'The preview was cancelled; nothing was kept.');
      if (isMediaError(e)) throw new MediaError('FFMPEG_FAILED', `The preview of ${sourceId} could not be rendered (${(e.message.split('\n').at(-1) ?? e.message).replace(/https?:\/\/127\.0\.0\.1:\d+\/\S+/g, 'the recording')}).`, { cause: e });
      throw e;
    }
    if (src.readError()) throw src.readError();
    opts.onProgress?.(1);
    return { previewId, recordingId: sourceId, start, end: start + len };
  });
}

/** Links the new preview and unlinks the recording's earlier ones, whose blobs it returns for removal. */
function linkPreview(vault: Vault, p: { previewId: string; sourceId: string; blobId: string; start: number; end: number }, now: Date): string[] {
  const db = vault.catalog;
  return db.transaction(() => {
    const old = (db.prepare('SELECT blob_id FROM redact_previews WHERE recording_id = ?').all(p.sourceId) as { blob_id: string }[]).map((r) => r.blob_id);
    db.prepare('DELETE FROM redact_previews WHERE recording_id = ?').run(p.sourceId);
    db.prepare('INSERT INTO redact_previews (id, recording_id, blob_id, start_sec, end_sec, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(p.previewId, p.sourceId, p.blobId, p.start, p.end, now.toISOString());
    return old;
  })();
}

/** The blob media.open plays for a preview id. */
export function previewBlob(vault: Vault, previewId: string): { blobId: string; size: number; mime: string } {
  const row = ready(vault).catalog.prepare('SELECT p.blob_id, b.size FROM redact_previews p JOIN blobs b ON b.id = p.blob_id WHERE p.id = ?').get(previewId) as { blob_id: string; size: number } | undefined;
  if (!row) throw new VaultError('NOT_FOUND', 'This preview is gone (a newer one replaced it, or the vault was locked since); render the preview again.');
  return { blobId: row.blob_id, size: row.size, mime: 'video/mp4' };
}

/** Removes every preview with its blob (at lock and unlock), or one recording's. Returns how many. */
export async function sweepPreviews(vault: Vault, recordingId?: string): Promise<number> {
  const db = vault.catalog;
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'redact_previews'").get()) return 0;
  const rows = db.transaction(() => {
    const where = recordingId ? ' WHERE recording_id = ?' : '';
    const found = db.prepare(`SELECT blob_id FROM redact_previews${where}`).all(...(recordingId ? [recordingId] : [])) as { blob_id: string }[];
    db.prepare(`DELETE FROM redact_previews${where}`).run(...(recordingId ? [recordingId] : []));
    return found;
  })();
  for (const r of rows) await vault.removeBlob(r.blob_id);
  return rows.length;
}
