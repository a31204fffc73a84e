import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ffmpegPath } from './binaries';
import { MediaError } from './errors';
import { ProgressParser, type FfmpegProgress } from './progress';

/** ffmpeg writes progress to this descriptor so that stdout stays free for media data. */
const PROGRESS_FD = 3;
const STDERR_LINES = 40;
const DEFAULT_GRACE_MS = 1000;

export interface RunOptions {
  /** Defaults to the located ffmpeg. */
  bin?: string;
  args: readonly string[];
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Between SIGTERM (ffmpeg finishes cleanly) and SIGKILL. */
  graceMs?: number;
  onProgress?: (p: FfmpegProgress) => void;
  /** Becomes ffmpeg's stdin (use `-i pipe:0`). */
  stdin?: Readable;
  /** Receives ffmpeg's stdout (use `pipe:1` as output); backpressure is honoured. */
  stdout?: Writable;
  /** Every command line goes here before it runs. */
  log?: (line: string) => void;
}

export interface RunResult {
  code: number;
  stderrTail: string;
  durationMs: number;
}

/** For logs and messages only: the process itself never sees a shell. */
export function displayCommand(bin: string, args: readonly string[]): string {
  return [bin, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

class TailBuffer {
  private lines: string[] = [];
  private partial = '';
  push(text: string): void {
    const parts = (this.partial + text).split(/\r?\n|\r/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) this.lines.push(line);
    if (this.lines.length > STDERR_LINES) this.lines.splice(0, this.lines.length - STDERR_LINES);
  }
  text(): string {
    const all = this.partial.trim() ? [...this.lines, this.partial] : this.lines;
    return all.slice(-STDERR_LINES).join('\n');
  }
}

export function runFfmpeg(opts: RunOptions): Promise<RunResult> {
  const bin = opts.bin ?? ffmpegPath();
  const args = ['-nostdin', '-hide_banner', '-progress', `pipe:${PROGRESS_FD}`, ...opts.args];
  const command = displayCommand(bin, args);
  opts.log?.(command);
  const started = performance.now();

  return new Promise<RunResult>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new MediaError('CANCELLED', `Cancelled before it started: ${command}`));
      return;
    }
    const child = spawn(bin, args, {
      stdio: [opts.stdin ? 'pipe' : 'ignore', opts.stdout ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    const tail = new TailBuffer();
    let stopped: 'CANCELLED' | 'TIMEOUT' | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let spawnError: Error | undefined;

    const stop = (why: 'CANCELLED' | 'TIMEOUT'): void => {
      if (stopped || child.exitCode !== null) return;
      stopped = why;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), opts.graceMs ?? DEFAULT_GRACE_MS);
    };
    const onAbort = (): void => stop('CANCELLED');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timeout = opts.timeoutMs ? setTimeout(() => stop('TIMEOUT'), opts.timeoutMs) : undefined;

    child.stderr!.setEncoding('utf8').on('data', (t: string) => tail.push(t));
    const progressPipe = child.stdio[PROGRESS_FD] as Readable;
    const parser = new ProgressParser((p) => opts.onProgress?.(p));
    progressPipe.setEncoding('utf8').on('data', (t: string) => parser.push(t));

    // ffmpeg may exit before reading all of stdin (e.g. -t); that EPIPE is not our failure.
    let stdinDone: Promise<void> = Promise.resolve();
    if (opts.stdin && child.stdin) {
      child.stdin.on('error', () => {});
      stdinDone = pipeline(opts.stdin, child.stdin).catch(() => {});
    }
    let stdoutDone: Promise<unknown> = Promise.resolve();
    if (opts.stdout && child.stdout) stdoutDone = pipeline(child.stdout, opts.stdout).then(() => undefined, (e: unknown) => e);

    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      void Promise.all([stdinDone, stdoutDone]).then(([, stdoutError]) => {
        const durationMs = performance.now() - started;
        const stderrTail = tail.text();
        if (spawnError) {
          const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
          reject(
            new MediaError(
              missing ? 'FFMPEG_MISSING' : 'FFMPEG_FAILED',
              missing ? `ffmpeg could not be started: "${bin}" does not exist. Set FFMPEG_BIN or install ffmpeg.` : `ffmpeg could not be started (${spawnError.message}): ${command}`,
              { cause: spawnError },
            ),
          );
        } else if (stopped === 'CANCELLED') {
          reject(new MediaError('CANCELLED', `Cancelled: ${command}`));
        } else if (stopped === 'TIMEOUT') {
          reject(new MediaError('TIMEOUT', `ffmpeg took longer than ${opts.timeoutMs} ms and was stopped: ${command}\n${stderrTail}`));
        } else if (code !== 0) {
          const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
          reject(new MediaError('FFMPEG_FAILED', `ffmpeg ${how}: ${command}\n${stderrTail}`));
        } else if (stdoutError) {
          reject(new MediaError('FFMPEG_FAILED', `ffmpeg's output could not be consumed (${String(stdoutError)}): ${command}`, { cause: stdoutError }));
        } else {
          resolve({ code: 0, stderrTail, durationMs });
        }
      });
    });
  });
}
