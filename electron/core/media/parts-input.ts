import type { Vault } from '../vault';
import type { MediaEntry } from './handler';
import { mimeFor } from './mime';
import type { RangeServer } from './range-server';
import type { MediaTokens } from './tokens';

/** Fragmented: playable while it streams and writable to a pipe (a plain MP4 seeks back to write its moov). */
export const FRAGMENTED_MP4: readonly string[] = ['-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4'];

export interface Part {
  relPath: string;
  blobId: string;
  size: number;
}

function bytesEntry(data: Buffer, mime: string): MediaEntry {
  return {
    size: data.length,
    mime,
    async *read(start, end) {
      yield data.subarray(start, end);
    },
  };
}

/** ffmpeg's concat demuxer list; the URLs are one-time loopback URLs, quoted as the format wants. */
function concatList(urls: string[]): Buffer {
  return Buffer.from(`ffconcat version 1.0\n${urls.map((u) => `file '${u.replace(/'/g, `'\\''`)}'`).join('\n')}\n`);
}

/**
 * ffmpeg's input arguments for the parts of one recording, each a one-time URL on `server`: one
 * part is read directly; several (GoPro/DJI chapters, AVCHD spans) through the concat demuxer.
 * `onReadError` hears of a vault read that failed (locked, tampered): ffmpeg takes a cut-off
 * HTTP body for the end of the file, so the caller has to be told.
 */
export function partsInput(vault: Vault, parts: readonly Part[], server: RangeServer, tokens: MediaTokens, onReadError?: (e: unknown) => void): string[] {
  const read = (blobId: string) =>
    async function* (start: number, end: number): AsyncGenerator<Uint8Array> {
      try {
        yield* vault.readBlob(blobId, start, end);
      } catch (e) {
        onReadError?.(e);
        throw e;
      }
    };
  const urls = parts.map((p) => server.urlFor(tokens.issue({ size: p.size, mime: mimeFor(p.relPath), read: read(p.blobId) })));
  if (urls.length === 1) return ['-i', urls[0]!];
  // The list itself is served too: no list file on disk; its entries are http URLs, hence the whitelist.
  return ['-f', 'concat', '-safe', '0', '-protocol_whitelist', 'http,tcp', '-i', server.urlFor(tokens.issue(bytesEntry(concatList(urls), 'text/plain')))];
}
