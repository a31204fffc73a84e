import type { Vault } from '../vault';
import { isMediaError, MediaError, probeMedia, type ProbeResult } from './ffmpeg';
import { ensureMediaTables, linkPoster, linkSprite, mainFileOf, requeue, saveFailure, saveProbe, thumbBlobsOf, type MainFile } from './catalog';
import { playabilityOf } from './playability';
import { withRangeInput } from './range-input';
import { makePoster, makeSprite } from './thumbnails';

export interface ProcessOptions {
  signal?: AbortSignal;
  /** every ffmpeg command line (the range URL's token is one-time and dead by the time anyone reads it) */
  log?: (line: string) => void;
  /** false: probe only (kluis probe) */
  thumbnails?: boolean;
}

export interface ProcessOutcome {
  status: 'ready' | 'failed';
  /** "cannot be played: <reason>" when failed */
  problem: string | null;
  probe: ProbeResult | null;
  /** why thumbnails are missing, when they are and the probe was fine */
  thumbnailProblem: string | null;
}

/** "Kluis cannot read this recording: moov atom not found." -> "moov atom not found" */
function reasonOf(e: MediaError): string {
  return e.message.replace(/^Kluis cannot read this recording:\s*/, '').replace(/\.$/, '');
}

/** Cancellation and a missing ffprobe say nothing about the recording, so they leave it pending. */
function isAboutTheRecording(e: unknown): e is MediaError {
  return isMediaError(e) && (e.code === 'UNREADABLE' || e.code === 'TIMEOUT' || e.code === 'FFMPEG_FAILED');
}

function mainOrFail(vault: Vault, id: string): MainFile | null {
  const main = mainFileOf(vault, id);
  if (!main) saveFailure(vault, id, 'cannot be played: the recording has no stored video or audio file');
  return main;
}

/**
 * Probes a recording's main file through the loopback range server and stores the result; a file
 * ffprobe cannot read is marked failed with the reason, and stays in the library. Then makes its
 * poster and sprite (unless opts.thumbnails is false).
 */
export async function processRecording(vault: Vault, id: string, opts: ProcessOptions = {}): Promise<ProcessOutcome> {
  ensureMediaTables(vault);
  const main = mainOrFail(vault, id);
  if (!main) return { status: 'failed', problem: 'cannot be played: the recording has no stored video or audio file', probe: null, thumbnailProblem: null };
  return withRangeInput(vault, { id: main.blobId, size: main.size, name: main.relPath }, async (url) => {
    let probe: ProbeResult;
    try {
      probe = await probeMedia(url, { signal: opts.signal });
    } catch (e) {
      if (!isAboutTheRecording(e)) throw e;
      const problem = `cannot be played: ${reasonOf(e)}`;
      saveFailure(vault, id, problem);
      return { status: 'failed', problem, probe: null, thumbnailProblem: null };
    }
    saveProbe(vault, id, probe, playabilityOf(probe, main.parts).playability);
    let thumbnailProblem: string | null = null;
    if (opts.thumbnails !== false && probe.video) {
      try {
        await storeThumbnails(vault, id, url, probe, opts);
      } catch (e) {
        // Stopped half-way (lock, quit): queue it again so the next unlock finishes the thumbnails.
        if (opts.signal?.aborted) requeue(vault, id);
        if (!isAboutTheRecording(e) || opts.signal?.aborted) throw e;
        thumbnailProblem = e.message;
      }
    }
    return { status: 'ready', problem: null, probe, thumbnailProblem };
  });
}

/** Makes (or remakes) the poster and sprite of a recording that has been probed. */
export async function makeThumbnails(vault: Vault, id: string, opts: Omit<ProcessOptions, 'thumbnails'> = {}): Promise<ProcessOutcome> {
  return processRecording(vault, id, { ...opts, thumbnails: true });
}

async function storeThumbnails(vault: Vault, id: string, url: string, probe: ProbeResult, opts: ProcessOptions): Promise<void> {
  const video = probe.video!;
  const old = thumbBlobsOf(vault, id);
  const poster = await makePoster(url, probe.duration ?? null, opts);
  await vault.storeBytes(poster, { name: 'poster.jpg', signal: opts.signal }, (blob) => linkPoster(vault, id, blob.id));
  if (probe.duration && probe.duration > 0) {
    const sprite = await makeSprite(url, { durationSec: probe.duration, width: video.width, height: video.height, rotation: video.rotation }, opts);
    await vault.storeBytes(sprite.jpeg, { name: 'sprite.jpg', signal: opts.signal }, (blob) => linkSprite(vault, id, blob.id, sprite.grid));
  }
  // The old images go only once the new ones are linked: a failure leaves the previous ones in place.
  const now = thumbBlobsOf(vault, id);
  for (const blobId of [old.posterBlobId, old.spriteBlobId]) {
    if (blobId && blobId !== now.posterBlobId && blobId !== now.spriteBlobId) await vault.removeBlob(blobId);
  }
}
