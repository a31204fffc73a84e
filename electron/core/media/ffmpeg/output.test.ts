import { describe, expect, it } from 'vitest';
import { isMediaError } from './errors';
import { ffmpegOutput } from './output';
import { rejectionOf } from './testing';

const bin = '/usr/bin/ffmpeg';
const clip = ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=25:duration=1', '-c:v', 'mjpeg', '-f', 'mjpeg', 'pipe:1'];

async function drain(source: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  for await (const b of source) n += b.length;
  return n;
}

describe('ffmpegOutput', () => {
  it('yields the whole output of a run that succeeds', async () => {
    expect(await drain(ffmpegOutput({ bin, args: clip }))).toBeGreaterThan(1000);
  });

  // Found in CI: a job cancelled before its first read started ffmpeg with an aborted signal,
  // the run was refused before spawning, and the consumer waited forever on an output never ended.
  it('ends with CANCELLED, at once, when the signal was aborted before the first read', async () => {
    const ac = new AbortController();
    ac.abort();
    const started = performance.now();
    const e = await rejectionOf(drain(ffmpegOutput({ bin, args: clip, signal: ac.signal })));
    expect(isMediaError(e, 'CANCELLED')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('ends with FFMPEG_MISSING when the binary does not exist, instead of waiting', async () => {
    const e = await rejectionOf(drain(ffmpegOutput({ bin: '/nonexistent/ffmpeg', args: clip })));
    expect(isMediaError(e, 'FFMPEG_MISSING')).toBe(true);
  });

  it('ends with FFMPEG_FAILED, not a short "complete" output, when ffmpeg fails', async () => {
    const e = await rejectionOf(drain(ffmpegOutput({ bin, args: ['-no-such-option', '1', ...clip] })));
    expect(isMediaError(e, 'FFMPEG_FAILED')).toBe(true);
  });
});
