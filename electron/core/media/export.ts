import { VaultError, type Vault } from '../vault';
import { ensureMediaTables, partsOf, recordingExists } from './catalog';
import { ffmpegOutput, MediaError } from './ffmpeg';
import { FRAGMENTED_MP4, partsInput, type Part } from './parts-input';
import { processRecording } from './process';
import { PROXY_ENCODE } from './proxy';
import { startRangeServer } from './range-server';
import { MediaTokens } from './tokens';

export interface ExportOptions {
  signal?: AbortSignal;
  /** 0..1 while ffmpeg writes; 1 once the stream has ended well */
  onProgress?: (fraction: number) => void;
  log?: (line: string) => void;
}

export interface StrippedExport {
  mime: string;
  ext: string;
  /**
   * Ends only after ffmpeg exited with 0 and every byte of the input was read from the vault;
   * otherwise it throws at the end, so a consumer must not keep what it got before the throw.
   * Read it once. Stopping early stops ffmpeg and closes the loopback server.
   */
  stream: AsyncIterable<Buffer>;
}

/**
 * What leaves the vault carries no metadata of the camera or the place: no container or stream
 * tags (GPS, make, model, serial, owner, creation time), no chapters, no data, timecode or
 * subtitle streams (DJI writes GPS into a subtitle track), and bitexact muxing, so the file names
 * neither the device nor the software version. See docs/media.md, "Stripped export".
 */
const STRIP: readonly string[] = [
  '-map_metadata', '-1', '-map_chapters', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact',
];

/** H.264 SEI NAL units (type 6) can hold camera user data; players need none of them in an MP4. */
const H264_NO_SEI: readonly string[] = ['-bsf:v', 'filter_units=remove_types=6'];

const MP4_AUDIO = new Set(['aac', 'mp3', 'alac', 'ac3', 'opus']);

interface Info {
  status: string;
  playability: string;
  problem: string | null;
  proxyBlobId: string | null;
  proxySize: number | null;
  durationSec: number | null;
  container: string | null;
  videoCodec: string | null;
  audioCodec: string | null;
}

interface Plan {
  parts: Part[];
  codec: readonly string[];
  format: readonly string[];
  mime: string;
  ext: string;
  durationSec: number | null;
}

function infoOf(vault: Vault, id: string): Info | null {
  return (
    (vault.catalog
      .prepare(
        `SELECT m.status, m.playability, m.problem, b.id AS proxyBlobId, b.size AS proxySize, m.duration_sec AS durationSec,
                m.container, m.video_codec AS videoCodec, m.audio_codec AS audioCodec
         FROM media_info m LEFT JOIN blobs b ON b.id = m.proxy_blob_id AND m.proxy_status = 'ready' WHERE m.recording_id = ?`,
      )
      .get(id) as Info | undefined) ?? null
  );
}

/** The original as it is, in a container that can go to a pipe and that a browser plays. */
function originalPlan(info: Info, part: Part): Plan {
  const base = { parts: [part], durationSec: info.durationSec };
  const audioCopy = !info.audioCodec || MP4_AUDIO.has(info.audioCodec) ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '192k'];
  if (info.videoCodec) {
    if (/webm|matroska/.test(info.container ?? '')) return { ...base, codec: ['-c', 'copy'], format: ['-f', 'webm'], mime: 'video/webm', ext: 'webm' };
    const sei = info.videoCodec === 'h264' ? H264_NO_SEI : [];
    return { ...base, codec: ['-c:v', 'copy', ...sei, ...audioCopy], format: FRAGMENTED_MP4, mime: 'video/mp4', ext: 'mp4' };
  }
  switch (info.audioCodec) {
    case 'mp3':
      // no ID3 tag and no Xing header: both name the encoder, and the Xing frame needs a seek back
      return { ...base, codec: ['-c', 'copy', '-id3v2_version', '0', '-write_xing', '0'], format: ['-f', 'mp3'], mime: 'audio/mpeg', ext: 'mp3' };
    case 'opus':
    case 'vorbis':
      return { ...base, codec: ['-c', 'copy'], format: ['-f', 'ogg'], mime: 'audio/ogg', ext: 'ogg' };
    case 'flac':
      return { ...base, codec: ['-c', 'copy'], format: ['-f', 'flac'], mime: 'audio/flac', ext: 'flac' };
    default:
      if (info.audioCodec?.startsWith('pcm_')) return { ...base, codec: ['-c', 'copy'], format: ['-f', 'wav'], mime: 'audio/wav', ext: 'wav' };
      return { ...base, codec: audioCopy, format: FRAGMENTED_MP4, mime: 'audio/mp4', ext: 'm4a' };
  }
}

async function planFor(vault: Vault, id: string, opts: ExportOptions): Promise<Plan> {
  if (!recordingExists(vault, id)) throw new VaultError('NOT_FOUND', 'There is no such recording.');
  ensureMediaTables(vault);
  let info = infoOf(vault, id);
  if (!info || info.status === 'pending') {
    // Not examined yet: what to copy depends on what it holds, so look now rather than guess.
    await processRecording(vault, id, { thumbnails: false, signal: opts.signal, log: opts.log });
    info = infoOf(vault, id);
  }
  if (!info || info.status === 'failed' || info.playability === 'unplayable') {
    throw new MediaError('NOT_PLAYABLE', `This recording ${info?.problem ?? 'cannot be played'}, so it cannot be exported.`);
  }
  if (info.proxyBlobId && info.proxySize !== null) {
    return { parts: [{ relPath: 'proxy.mp4', blobId: info.proxyBlobId, size: info.proxySize }], codec: ['-c', 'copy'], format: FRAGMENTED_MP4, mime: 'video/mp4', ext: 'mp4', durationSec: info.durationSec };
  }
  const parts = partsOf(vault, id);
  if (parts.length === 0) throw new MediaError('NOT_PLAYABLE', 'This recording has no stored video or audio file, so it cannot be exported.');
  if (info.playability === 'original' && parts.length === 1) return originalPlan(info, parts[0]!);
  // No playback copy yet: make the same one on the fly (chapters joined), straight to the consumer.
  const total = parts.reduce((n, p) => n + p.size, 0);
  const durationSec = info.durationSec ? (info.durationSec * total) / parts[0]!.size : null;
  const mime = info.videoCodec ? 'video/mp4' : 'audio/mp4';
  return { parts, codec: PROXY_ENCODE, format: FRAGMENTED_MP4, mime, ext: info.videoCodec ? 'mp4' : 'm4a', durationSec };
}

/**
 * The recording as it may leave the vault (issue 7's share export): the original remuxed without
 * re-encoding where a browser plays it, else the playback proxy (or one made on the fly), chapters
 * joined, with every identifying tag removed (STRIP). ffmpeg reads through a one-time loopback URL
 * and writes to the returned stream; nothing is written to disk.
 */
export async function exportStripped(vault: Vault, recordingId: string, opts: ExportOptions = {}): Promise<StrippedExport> {
  const plan = await planFor(vault, recordingId, opts);
  async function* run(): AsyncGenerator<Buffer> {
    const tokens = new MediaTokens();
    const server = await startRangeServer(tokens);
    let readError: unknown = null;
    try {
      const input = partsInput(vault, plan.parts, server, tokens, (e) => (readError ??= e));
      const args = ['-v', 'error', ...input, '-map', '0:V:0?', '-map', '0:a:0?', ...plan.codec, ...STRIP, ...plan.format, 'pipe:1'];
      yield* ffmpegOutput({
        args,
        signal: opts.signal,
        log: opts.log,
        onProgress: (p) => {
          if (plan.durationSec && p.outTimeUs !== undefined) opts.onProgress?.(Math.min(0.99, Math.max(0, p.outTimeUs / 1e6 / plan.durationSec)));
        },
      });
      // ffmpeg takes a body cut short by a failed decryption for the end of the file and exits 0.
      if (readError) {
        if (readError instanceof VaultError) throw readError;
        throw new MediaError('FFMPEG_FAILED', `The recording could not be read from the vault while it was exported (${String(readError)}); nothing usable was written.`, { cause: readError });
      }
      opts.onProgress?.(1);
    } finally {
      tokens.revokeAll();
      await server.close();
    }
  }
  return { mime: plan.mime, ext: plan.ext, stream: run() };
}
