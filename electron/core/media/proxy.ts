import { VaultError, type Vault } from '../vault';
import { linkProxy, partsOf, proxyState, setProxyFailed, setProxyNone, setProxyRunning } from './catalog';
import { ffmpegOutput, isMediaError, MediaError } from './ffmpeg';
import { FRAGMENTED_MP4, partsInput } from './parts-input';
import { startRangeServer } from './range-server';
import { MediaTokens } from './tokens';

/** The proxy's encoder settings (docs/media.md); the benchmark runs plain ffmpeg with the same. */
export const PROXY_ENCODE: readonly string[] = [
  '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-vf', "scale='min(1280,iw)':-2",
  '-c:a', 'aac', '-b:a', '128k', '-ac', '2',
];

const PROXY_TIMEOUT_MS = 6 * 60 * 60_000;

export interface ProxyOptions {
  signal?: AbortSignal;
  /** 0..1, about once a second */
  onProgress?: (fraction: number) => void;
  log?: (line: string) => void;
}

/** The vault wraps what its source throws; ffmpeg's own error says more to the user. */
function mediaCause(e: unknown): unknown {
  return e instanceof VaultError && e.cause instanceof MediaError ? e.cause : e;
}

/**
 * ffmpeg's last stderr line says why it failed; killed or crashed it wrote none, and then the
 * first line ("ffmpeg was killed by SIGKILL: <command>") does, without the command.
 */
function lastWords(message: string): string {
  const lines = message.split('\n');
  const last = lines.slice(1).filter((l) => l.trim()).pop();
  return last ?? lines[0]!.replace(/:\s.*$/, '');
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
  try {
    const input = partsInput(vault, parts, server, tokens);
    const args = ['-v', 'error', ...input, '-map', '0:v:0?', '-map', '0:a:0?', ...PROXY_ENCODE, ...FRAGMENTED_MP4, 'pipe:1'];
    // Chapters are not probed one by one: their total is estimated from the first part's rate.
    const totalBytes = parts.reduce((n, p) => n + p.size, 0);
    const expectedSec = state.durationSec ? (state.durationSec * totalBytes) / parts[0]!.size : null;
    let lastReport = 0;
    setProxyRunning(vault, id, 0);
    opts.onProgress?.(0);
    const output = ffmpegOutput({
      args,
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
    const old = state.blobId;
    // Sealed as ffmpeg writes it: no size limit, no copy in memory; a failed or cancelled run
    // aborts the store, which then leaves neither a blob nor a key behind.
    await vault.storeStream(output, { name: 'proxy.mp4', signal: opts.signal }, (blob) => linkProxy(vault, id, blob.id));
    if (old) await vault.removeBlob(old);
    opts.onProgress?.(1);
    return 'ready';
  } catch (caught) {
    const e = mediaCause(caught);
    if (opts.signal?.aborted || isMediaError(e, 'CANCELLED')) {
      if (vault.isOpen) setProxyNone(vault, id);
      throw e;
    }
    if (!isMediaError(e) || e.code === 'FFMPEG_MISSING') throw e;
    const reason = lastWords(e.message);
    setProxyFailed(vault, id, `cannot be played: the playback copy could not be made (${reason.replace(/https?:\/\/127\.0\.0\.1:\d+\/media\/\S+/g, 'the recording')})`);
    return 'failed';
  } finally {
    tokens.revokeAll();
    await server.close();
  }
}
