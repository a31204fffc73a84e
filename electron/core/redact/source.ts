import { mediaParts, sourceFileOf } from '../ingest';
import { MediaError, mimeFor, MediaTokens, partsInput, probeMedia, startRangeServer, type ProbeResult } from '../media';
import { VaultError, type Vault } from '../vault';

/** A recording's video as the render reads it: one file, or camera chapters joined in order. */
export interface RenderSource {
  /** fresh ffmpeg input arguments for each run (the concat list and its parts are loopback URLs) */
  input(): string[];
  /** the first part's probe, with the duration of all parts together */
  probe: ProbeResult;
  durationSec: number;
  /** SHA-256 of the first part (the manifest's source hash), and of every part in order */
  sha256: string;
  partHashes: string[];
  label: string;
  /** a vault read that failed under ffmpeg (locked, tampered): ffmpeg takes a cut-off body for the end of the file */
  readError(): unknown;
}

/**
 * Runs `job` with the recording served on a loopback range server for as long as it runs: ffmpeg
 * reads the plaintext over HTTP, so no decrypted copy touches the disk. Chapters go through the
 * concat demuxer as the proxy does (media/parts-input.ts).
 */
export async function withRenderSource<T>(vault: Vault, sourceId: string, job: (s: RenderSource) => Promise<T>): Promise<T> {
  const first = sourceFileOf(vault, sourceId);
  if (!first) throw new VaultError('NOT_FOUND', `Recording ${sourceId} has no verified video or audio file to render from.`);
  const parts = mediaParts(vault, sourceId);
  const tokens = new MediaTokens();
  const server = await startRangeServer(tokens);
  let failed: unknown = null;
  try {
    const probes: ProbeResult[] = [];
    for (const p of parts) {
      const url = server.urlFor(tokens.issue({ size: p.size, mime: mimeFor(p.relPath), read: (s, e) => vault.readBlob(p.blobId, s, e) }));
      probes.push(await probeMedia(url));
    }
    const probe = probes[0]!;
    if (probes.some((p) => Boolean(p.video) !== Boolean(probe.video) || Boolean(p.audio) !== Boolean(probe.audio))) {
      throw new MediaError('NOT_PLAYABLE', `The ${parts.length} parts of recording ${sourceId} do not all hold the same kinds of streams (video, sound), so they cannot be joined for redaction.`);
    }
    const durationSec = probes.reduce((s, p) => s + (p.duration ?? 0), 0);
    return await job({
      input: () => partsInput(vault, parts, server, tokens, (e) => (failed ??= e)),
      probe: { ...probe, duration: durationSec },
      durationSec,
      sha256: first.sha256 ?? '',
      partHashes: parts.map((p) => p.sha256 ?? ''),
      label: first.label,
      readError: () => failed,
    });
  } finally {
    tokens.revokeAll();
    await server.close();
  }
}
