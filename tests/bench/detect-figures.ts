/**
 * The detection figure of `npm run bench`: a face-detection pass over 1080p30 as a multiple of
 * real time (issue 6 goal: >= 1x on 2 cores), plus ms per analysed frame. The clip is generated
 * (a real portrait from @vladmandic/human's assets moving over a test pattern) and read by ffmpeg
 * from a file: the vault's range server adds little next to decoding and inference.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { detectInput, DEFAULT_EVERY_NTH } from '../../electron/core/redact/detect';

const SECONDS = 20;

export async function benchDetect(root: string): Promise<Record<string, { pass: boolean } & Record<string, unknown>>> {
  const portrait = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets', 'screenshot-facedetect.jpg');
  const clip = join(root, 'detect-1080p30.mp4');
  execFileSync('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30:duration=${SECONDS}`, '-loop', '1', '-i', portrait,
    '-filter_complex', "[1:v]crop=140:140:10:346[f];[0:v][f]overlay=x='100+60*t':y=400:shortest=1",
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-t', String(SECONDS), clip,
  ]);
  const started = performance.now();
  const tracks = await detectInput(clip, { everyNth: DEFAULT_EVERY_NTH });
  const seconds = (performance.now() - started) / 1000;
  const analysed = Math.ceil((SECONDS * 30) / DEFAULT_EVERY_NTH);
  const realTime = SECONDS / seconds;
  return {
    detect1080p30: {
      pass: realTime >= 1,
      realTimeMultiple: Math.round(realTime * 100) / 100,
      msPerAnalysedFrame: Math.round((seconds * 1000) / analysed),
      everyNth: DEFAULT_EVERY_NTH,
      tracks: tracks.length,
      goal: '>= 1x real time on 2 cores',
    },
  };
}
