import { PassThrough } from 'node:stream';
import { runFfmpeg, type RunOptions } from './runner';

/**
 * ffmpeg's stdout as an async iterable, for output of unknown length that goes straight into the
 * vault or out of it. It ends only after ffmpeg exited with 0 and throws ffmpeg's error otherwise,
 * so a consumer never mistakes the output of a failed run for a complete one. Stopping the
 * iteration early (the consumer failed or was cancelled) kills ffmpeg and waits for it.
 */
export async function* ffmpegOutput(opts: Omit<RunOptions, 'stdout'>): AsyncGenerator<Buffer> {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  if (opts.signal?.aborted) stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // 1 MiB: the vault seals 1 MiB batches, so one pipe read rarely waits on another.
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  const done = runFfmpeg({ ...opts, signal: stop.signal, stdout: out });
  // A run that fails without ever writing (cancelled before it started, ffmpeg missing) leaves
  // `out` open: ending it with the error is what stops the loop below from waiting forever.
  done.catch((e: unknown) => out.destroy(e as Error));
  let finished = false;
  try {
    for await (const chunk of out) yield chunk as Buffer;
    await done;
    finished = true;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (!finished) {
      stop.abort();
      out.destroy();
      await done.catch(() => undefined);
    }
  }
}
