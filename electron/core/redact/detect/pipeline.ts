import { probeMedia, runFfmpeg } from '../../media';
import { FRAME_DEFAULTS, detectFrame, type FrameDetectOptions } from './detector';
import { scaleBox } from './geometry';
import { FrameSplitter } from './frames';
import { fillGaps, finishTrack, plausible, track, type SampledFrame } from './tracker';
import type { DetectOptions, ProposedTrack } from './types';
import { FaceModel } from './worker';

export interface PipelineOptions extends DetectOptions {
  /** frames are scaled to at most this width before detection */
  analysisWidth?: number;
  frame?: Partial<FrameDetectOptions>;
}

/** Measured (docs/detection.md): 1080p30 analysed 3 times a second. */
export const DEFAULT_EVERY_NTH = 10;
const DEFAULT_ANALYSIS_WIDTH = 1920;

/**
 * Detection over one input URL (the vault's loopback range server): ffmpeg decodes every Nth
 * frame, scales it and writes rgb24 to a pipe (nothing on disk), the worker thread finds faces,
 * and the tracker turns them into tracks in the source's displayed pixels.
 */
export async function detectInput(input: string, opts: PipelineOptions = {}): Promise<ProposedTrack[]> {
  const everyNth = Math.max(1, Math.floor(opts.everyNth ?? DEFAULT_EVERY_NTH));
  const probe = await probeMedia(input, { signal: opts.signal });
  const v = probe.video;
  if (!v || !v.width || !v.height) throw new Error('This recording has no video to detect faces in.');
  const turned = v.rotation === 90 || v.rotation === 270;
  const srcW = turned ? v.height : v.width;
  const srcH = turned ? v.width : v.height;
  const fps = v.fps && v.fps > 0 ? v.fps : 25;
  const duration = probe.duration ?? 0;
  const w = Math.min(srcW, opts.analysisWidth ?? DEFAULT_ANALYSIS_WIDTH) & ~1;
  const h = Math.max(2, Math.round((srcH * w) / srcW / 2) * 2);
  const toSource = srcW / w;
  const frameOpts = { ...FRAME_DEFAULTS, ...opts.frame };
  const expected = Math.max(1, Math.ceil((duration * fps) / everyNth));

  const model = await FaceModel.open();
  const frames: SampledFrame[] = [];
  try {
    const splitter = new FrameSplitter(w * h * 3, async (frame, i) => {
      const dets = await detectFrame(model, frame, w, h, frameOpts);
      frames.push({ t: (i * everyNth) / fps, detections: dets.map((d) => scaleBox(d, toSource)) });
      opts.onProgress?.(Math.min(0.99, (i + 1) / expected));
    });
    await runFfmpeg({
      args: [
        '-v', 'error', '-i', input, '-map', '0:v:0', '-an',
        '-vf', `select='not(mod(n\\,${everyNth}))',scale=${w}:${h}`,
        // one output frame per selected frame, no duplicates: the i-th is source frame i*N
        '-fps_mode', 'passthrough',
        '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
      ],
      stdout: splitter,
      signal: opts.signal,
    });
  } finally {
    await model.close();
  }
  opts.signal?.throwIfAborted();
  const sampleTimes = frames.map((f) => f.t);
  const step = everyNth / fps;
  const tracks = track(frames)
    .filter((t) => plausible(t, 0.8))
    .map((t, n): ProposedTrack => ({
      id: `detected-${n + 1}`,
      keyframes: finishTrack(fillGaps(t.keyframes, sampleTimes), { extendSec: step * 1.5, padFraction: 0.25, frameW: srcW, frameH: srcH, duration: duration || sampleTimes[sampleTimes.length - 1]! + step }),
      origin: 'detected',
      decision: 'undecided',
    }));
  opts.onProgress?.(1);
  return tracks;
}
