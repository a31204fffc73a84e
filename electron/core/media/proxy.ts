import { Writable } from 'node:stream';
import type { Vault } from '../vault';
import { linkProxy, partsOf, proxyState, setProxyFailed, setProxyNone, setProxyRunning } from './catalog';
import { isMediaError, MediaError, runFfmpeg } from './ffmpeg';
import type { MediaEntry } from './handler';
import { mimeFor } from './mime';
import { startRangeServer } from './range-server';
import { MediaTokens } from './tokens';

/**
 * Until the vault can store from a stream of unknown length, the proxy is collected in memory
 * and stored with Vault.storeBytes; past this size the proxy fails with a message saying so
 * (docs/media.md). The encoder settings below make about 2.5 MB per minute at 720p.
 */
export const PROXY_MAX_BYTES = 512 * 1024 * 1024;
const PROXY_TIMEOUT_MS = 6 * 60 * 60_000;

export interface ProxyOptions {
  signal?: AbortSignal;
  /** 0..1, about once a second */
  onProgress?: (fraction: number) => void;
  log?: (line: string) => void;
}

class CappedCollector extends Writable {
  readonly parts: Buffer[] = [];
  total = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error) => void): void {
    this.total += chunk.length;
    if (this.total > PROXY_MAX_BYTES) {
      done(new MediaError('FFMPEG_FAILED', `the playback copy grew past ${PROXY_MAX_BYTES / 1024 / 1024} MiB, more than Kluis can hold in memory before storing it; play the original outside the app, or split the recording`));
      return;
    }
    this.parts.push(chunk);
    done();
  }
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
 * Makes the H.264/AAC fragmented-MP4 playback copy of a recording that Chromium cannot play as
 * it is (docs/media.md), joining chapters with the concat demuxer. ffmpeg reads through the
 * loopback range server and writes to stdout; nothing is written to disk.
 */
export async function makeProxy(vault: Vault, id: string, opts: ProxyOptions = {}): Promise<'ready' | 'failed' | 'not-needed'> {
  const state = proxyState(vault, id);
  if (!state || state.playability !== 'needs-proxy' || state.status === 'ready') return 'not-needed';
  const parts = partsOf(vault, id);
  if (parts.length === 0) return 'not-needed';
  const tokens = new MediaTokens();
  const server = await startRangeServer(tokens);
  const out = new CappedCollector();
  try {
    const urls = parts.map((p) => server.urlFor(tokens.issue({ size: p.size, mime: mimeFor(p.relPath), read: (s, e) => vault.readBlob(p.blobId, s, e) })));
    const input =
      urls.length === 1
        ? ['-i', urls[0]!]
        : // the list itself is served too: no list file on disk; the entries are http URLs, hence the whitelist
          ['-f', 'concat', '-safe', '0', '-protocol_whitelist', 'http,tcp', '-i', server.urlFor(tokens.issue(bytesEntry(concatList(urls), 'text/plain')))];
    const args = [
      '-v', 'error', ...input,
      '-map', '0:v:0?', '-map', '0:a:0?',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-vf', "scale='min(1280,iw)':-2",
      '-c:a', 'aac', '-b:a', '128k', '-ac', '2',
      // fragmented: playable while it streams and writable to a pipe (a plain MP4 seeks back to write its moov)
      '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', 'pipe:1',
    ];
    // Chapters are not probed one by one: their total is estimated from the first part's rate.
    const totalBytes = parts.reduce((n, p) => n + p.size, 0);
    const expectedSec = state.durationSec ? (state.durationSec * totalBytes) / parts[0]!.size : null;
    let lastReport = 0;
    setProxyRunning(vault, id, 0);
    opts.onProgress?.(0);
    await runFfmpeg({
      args,
      stdout: out,
      signal: opts.signal,
      timeoutMs: PROXY_TIMEOUT_MS,
      log: opts.log,
      onProgress: (p) => {
        if (!expectedSec || p.outTimeUs === undefined || Date.now() - lastReport < 1000) return;
        lastReport = Date.now();
        const fraction = Math.min(0.99, p.outTimeUs / 1e6 / expectedSec);
        setProxyRunning(vault, id, fraction);
        opts.onProgress?.(fraction);
      },
    });
    const data = Buffer.concat(out.parts);
    out.parts.length = 0;
    const old = state.blobId;
    await vault.storeBytes(data, { name: 'proxy.mp4', signal: opts.signal }, (blob) => linkProxy(vault, id, blob.id));
    if (old) await vault.removeBlob(old);
    opts.onProgress?.(1);
    return 'ready';
  } catch (e) {
    if (opts.signal?.aborted || isMediaError(e, 'CANCELLED')) {
      if (vault.isOpen) setProxyNone(vault, id);
      throw e;
    }
    if (!isMediaError(e) || e.code === 'FFMPEG_MISSING') throw e;
    const reason = e.message.split('\n').slice(-1)[0] ?? e.message;
    setProxyFailed(vault, id, `cannot be played: the playback copy could not be made (${reason.replace(/https?:\/\/127\.0\.0\.1:\d+\/media\/\S+/g, 'the recording')})`);
    return 'failed';
  } finally {
    tokens.revokeAll();
    await server.close();
  }
}
