import { existsSync } from 'node:fs';
import { ffmpegOutput, mainFileOf, mimeFor, probeMedia, withRangeInput } from '../media';
import type { StoredBlob, Vault } from '../vault';

/**
 * One clip as it goes into a package: a vault blob (never a plaintext temp file) whose size and
 * SHA-256 are known before the tar starts, because the manifest goes first and names both.
 */
export interface StagedClip {
  blobId: string;
  size: number;
  sha256: string;
  mime: string;
  ext: string;
  durationSec: number;
  /** a blob made only for this package, removed when the export ends */
  temporary: boolean;
}

export interface ClipOptions {
  /** burn this text in (the recipient's name) */
  watermark?: string;
  /** videotoets: keep only [inSec, outSec) of the recording */
  inSec?: number;
  outSec?: number;
}

/**
 * media's metadata-stripping remux, injected so share works before it lands; without it a clip
 * that needs no re-encode leaves as the recording's own bytes.
 */
export type ExportStripped = (vault: Vault, recordingId: string, opts: { signal?: AbortSignal }) => Promise<{ mime: string; ext: string; stream: AsyncIterable<Buffer> }>;

const FONT_CANDIDATES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/Library/Fonts/Arial.ttf', 'C:/Windows/Fonts/arial.ttf'];

/** drawtext's value goes through two parsers (the option, then the filter graph): escape for both. */
export function drawtextEscape(text: string): string {
  const option = text.replace(/[\\':]/g, (c) => `\\${c}`);
  return option.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

export function watermarkFilter(text: string): string {
  const font = FONT_CANDIDATES.find((f) => existsSync(f));
  const face = font ? `fontfile=${font.replace(/:/g, '\\\\:')}` : 'font=Sans';
  return `drawtext=${face}:expansion=none:text=${drawtextEscape(text)}:fontcolor=white@0.85:fontsize=h/16:box=1:boxcolor=black@0.45:boxborderw=8:x=w-tw-16:y=h-th-16`;
}

interface SourceFacts {
  blobId: string;
  size: number;
  sha256: string;
  name: string;
  durationSec: number;
  hasVideo: boolean;
}

async function sourceOf(vault: Vault, recordingId: string): Promise<SourceFacts> {
  const main = mainFileOf(vault, recordingId);
  if (!main) throw new Error(`${recordingId} has no stored file to share`);
  const f = vault.catalog.prepare('SELECT sha256 FROM recording_files WHERE recording_id = ? AND blob_id = ?').get(recordingId, main.blobId) as { sha256: string | null };
  const info = vault.catalog.prepare('SELECT duration_sec AS d, video_codec AS v, status FROM media_info WHERE recording_id = ?').get(recordingId) as { d: number | null; v: string | null; status: string } | undefined;
  let durationSec = info?.d ?? null;
  let hasVideo = info?.status === 'ready' ? info.v !== null : null;
  if (durationSec === null || hasVideo === null) {
    const probed = await withRangeInput(vault, { id: main.blobId, size: main.size, name: main.relPath }, (url) => probeMedia(url));
    durationSec = probed.duration ?? 0;
    hasVideo = probed.video !== undefined;
  }
  return { blobId: main.blobId, size: main.size, sha256: f.sha256 ?? '', name: main.relPath, durationSec, hasVideo };
}

function extOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : 'bin';
}

/**
 * Cuts and watermarks re-encode (libx264 veryfast CRF 20, AAC): a stream copy can only start at a
 * keyframe, so the clip would hold seconds before the in-point that the videotoets and the edit
 * disclosure do not mention. -map_metadata -1 and -map_chapters -1 drop the camera's tags. No
 * B-frames: a fragmented MP4 written to a pipe has no edit list, so their reorder delay would
 * start the picture 0.2 s late (measured) and the clip would look longer than the cut.
 */
function transcodeArgs(url: string, src: SourceFacts, o: ClipOptions): string[] {
  const seek = o.inSec !== undefined && o.inSec > 0 ? ['-ss', o.inSec.toFixed(3)] : [];
  const length = o.outSec !== undefined ? ['-t', (o.outSec - (o.inSec ?? 0)).toFixed(3)] : [];
  const video = src.hasVideo ? ['-map', '0:v:0', ...(o.watermark ? ['-vf', watermarkFilter(o.watermark)] : []), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-bf', '0', '-pix_fmt', 'yuv420p'] : [];
  return [
    '-v', 'error', ...seek, '-i', url, ...length, ...video, '-map', '0:a:0?', '-c:a', 'aac', '-b:a', '128k',
    '-map_metadata', '-1', '-map_chapters', '-1', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', 'pipe:1',
  ];
}

async function stageStripped(vault: Vault, recordingId: string, exportStripped: ExportStripped): Promise<{ blob: StoredBlob; mime: string; ext: string }> {
  const out = await exportStripped(vault, recordingId, {});
  const blob = await vault.storeStream(out.stream, { name: `share-${recordingId}` }, (b) => b);
  return { blob, mime: out.mime, ext: out.ext.replace(/^\./, '') };
}

export async function stageClip(vault: Vault, recordingId: string, o: ClipOptions, exportStripped?: ExportStripped): Promise<StagedClip> {
  const src = await sourceOf(vault, recordingId);
  const needsEncode = Boolean(o.watermark) || o.inSec !== undefined || o.outSec !== undefined;
  // media's remux first when it is there: it joins chapters and makes playable what the camera
  // wrote (HEVC, MPEG-TS), so a cut or watermark then works on one stripped file.
  const stripped = exportStripped ? await stageStripped(vault, recordingId, exportStripped) : null;
  if (stripped && !needsEncode) {
    return { blobId: stripped.blob.id, size: stripped.blob.size, sha256: stripped.blob.sha256, mime: stripped.mime, ext: stripped.ext, durationSec: src.durationSec, temporary: true };
  }
  if (needsEncode) {
    const input = stripped ? { ...src, blobId: stripped.blob.id, size: stripped.blob.size, name: `stripped.${stripped.ext}` } : src;
    try {
      const durationSec = Math.max(0, (o.outSec ?? src.durationSec) - (o.inSec ?? 0));
      const blob = await withRangeInput(vault, { id: input.blobId, size: input.size, name: input.name }, (url) =>
        vault.storeStream(ffmpegOutput({ args: transcodeArgs(url, input, o) }), { name: `share-${recordingId}` }, (b) => b),
      );
      return { blobId: blob.id, size: blob.size, sha256: blob.sha256, mime: src.hasVideo ? 'video/mp4' : 'audio/mp4', ext: src.hasVideo ? 'mp4' : 'm4a', durationSec, temporary: true };
    } finally {
      if (stripped) await vault.removeBlob(stripped.blob.id);
    }
  }
  // Without media's exportStripped (older wiring, or a caller that passes none): the recording's
  // own bytes, with whatever GPS/serial tags the camera wrote. shareDeps() passes it.
  return { blobId: src.blobId, size: src.size, sha256: src.sha256, mime: mimeFor(src.name), ext: extOf(src.name), durationSec: src.durationSec, temporary: false };
}

/** The poster media made for a recording, when it has one (only for clips shown whole and unmarked). */
export function posterOf(vault: Vault, recordingId: string): { blobId: string; size: number; sha256: string } | null {
  const r = vault.catalog
    .prepare('SELECT b.id AS blobId, b.size, b.sha256 FROM media_info m JOIN blobs b ON b.id = m.poster_blob_id WHERE m.recording_id = ?')
    .get(recordingId) as { blobId: string; size: number; sha256: string } | undefined;
  return r ?? null;
}
