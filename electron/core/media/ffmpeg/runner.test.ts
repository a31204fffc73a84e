import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isMediaError } from './errors';
import type { FfmpegProgress } from './progress';
import { runFfmpeg } from './runner';
import { rejectionOf } from './testing';

const bin = '/usr/bin/ffmpeg';
const testsrc = (seconds: number): string[] => ['-f', 'lavfi', '-i', `testsrc=size=160x120:rate=25:duration=${seconds}`];
/** Real-time input (-re) keeps ffmpeg busy long enough to be cancelled. */
const slow = ['-re', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=25:duration=30', '-f', 'null', '-'];

describe('runFfmpeg', () => {
  it('reports typed progress ending with progress=end, and logs the command', async () => {
    const events: FfmpegProgress[] = [];
    const logged: string[] = [];
    const result = await runFfmpeg({ bin, args: [...testsrc(2), '-f', 'null', '-'], onProgress: (p) => events.push(p), log: (l) => logged.push(l) });
    expect(result.code).toBe(0);
    expect(events.length).toBeGreaterThan(0);
    const last = events.at(-1)!;
    expect(last.progress).toBe('end');
    expect(last.frame).toBe(50);
    expect(last.outTimeUs).toBeGreaterThan(1_900_000);
    expect(typeof last.speed).toBe('number');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('-progress pipe:3');
    expect(logged[0]).toContain('-nostdin');
  });

  it("rejects with ffmpeg's own complaint, the command and the exit code", async () => {
    const e = await rejectionOf(runFfmpeg({ bin, args: ['-no-such-option', '1', ...testsrc(1), '-f', 'null', '-'] }));
    expect(isMediaError(e, 'FFMPEG_FAILED')).toBe(true);
    expect(e.message).toContain("Unrecognized option 'no-such-option'");
    expect(e.message).toMatch(/exited with code \d+/);
    expect(e.message).toContain('-no-such-option');
  });

  it('is cancelled quickly through an AbortSignal', async () => {
    const ac = new AbortController();
    const started = performance.now();
    const run = runFfmpeg({ bin, args: slow, signal: ac.signal, onProgress: () => ac.abort() });
    const e = await rejectionOf(run);
    expect(isMediaError(e, 'CANCELLED')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops within 2 s of an abort mid-run', async () => {
    const ac = new AbortController();
    const run = runFfmpeg({ bin, args: slow, signal: ac.signal, graceMs: 300 });
    await new Promise((r) => setTimeout(r, 500));
    const t = performance.now();
    ac.abort();
    const e = await rejectionOf(run);
    expect(isMediaError(e, 'CANCELLED')).toBe(true);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('times out', async () => {
    const started = performance.now();
    const e = await rejectionOf(runFfmpeg({ bin, args: slow, timeoutMs: 500 }));
    expect(isMediaError(e, 'TIMEOUT')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it('streams fragmented MP4 on stdout to a consumer, with progress kept apart', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    let progressSeen = false;
    await runFfmpeg({
      bin,
      args: [...testsrc(2), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov', 'pipe:1'],
      stdout: sink,
      onProgress: () => (progressSeen = true),
    });
    const out = Buffer.concat(chunks);
    expect(progressSeen).toBe(true);
    expect(out.length).toBeGreaterThan(1000);
    expect(out.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(out.includes(Buffer.from('moof'))).toBe(true);
    // Progress lines would corrupt the media if they shared the pipe.
    expect(out.includes(Buffer.from('progress=end'))).toBe(false);
  });

  it('feeds stdin to ffmpeg', async () => {
    const { Readable } = await import('node:stream');
    const wav = Buffer.alloc(44 + 8000);
    wav.write('RIFF', 0, 'latin1');
    wav.writeUInt32LE(36 + 8000, 4);
    wav.write('WAVEfmt ', 8, 'latin1');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(8000, 24);
    wav.writeUInt32LE(8000, 28);
    wav.writeUInt16LE(1, 32);
    wav.writeUInt16LE(8, 34);
    wav.write('data', 36, 'latin1');
    wav.writeUInt32LE(8000, 40);
    const events: FfmpegProgress[] = [];
    await runFfmpeg({ bin, args: ['-f', 'wav', '-i', 'pipe:0', '-f', 'null', '-'], stdin: Readable.from([wav]), onProgress: (p) => events.push(p) });
    expect(events.at(-1)!.progress).toBe('end');
    expect(events.at(-1)!.outTimeUs).toBeGreaterThan(900_000);
  });
});
