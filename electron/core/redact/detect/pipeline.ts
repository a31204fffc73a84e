import { probeMedia, runFfmpeg } from '../../media';
import { FRAME_DEFAULTS, analyseFrame, type FrameDetectOptions, type FrameFindings } from './detector';
import { scaleBox } from './geometry';
import { FrameSplitter } from './frames';
import { defaultWorkers, ModelPool } from './pool';
import { proposeTracks, type Sample } from './proposals';
import { phasedRegions } from './tiles';
import type { DetectOptions, ProposedTrack } from './types';

export interface PipelineOptions extends DetectOptions {
  /** frames are scaled to at most this width before detection */
  analysisWidth?: number;
  frame?: Partial<FrameDetectOptions>;
  /** the tile grid is spread over this many successive analysed frames (docs/detection.md) */
  tilePhases?: number;
  /** seconds between CenterNet passes for people */
  personIntervalSec?: number;
  /** inference threads */
  workers?: number;
}

/** Measured (docs/detection.md): 1080p30 analysed 2.5 times a second, tiles every other time. */
export const DEFAULT_EVERY_NTH = 12;
export const DEFAULT_TILE_PHASES = 2;
export const DEFAULT_PERSON_INTERVAL_SEC = 2;
const DEFAULT_ANALYSIS_WIDTH = 1920;

interface Geometry {
  srcW: number;
  srcH: number;
  w: number;
  h: number;
  fps: number;
  duration: number;
}

async function geometryOf(input: string, opts: PipelineOptions): Promise<Geometry> {
  const probe = await probeMedia(input, { signal: opts.signal });
  const v = probe.video;
  if (!v || !v.width || !v.height) throw new Error('This recording has no video to detect faces in.');
  const turned = v.rotation === 90 || v.rotation === 270;
  const srcW = turned ? v.height : v.width;
  const srcH = turned ? v.width : v.height;
  const w = Math.min(srcW, opts.analysisWidth ?? DEFAULT_ANALYSIS_WIDTH) & ~1;
  const h = Math.max(2, Math.round((srcH * w) / srcW / 2) * 2);
  return { srcW, srcH, w, h, fps: v.fps && v.fps > 0 ? v.fps : 25, duration: probe.duration ?? 0 };
}

const toSource = (f: FrameFindings, s: number): FrameFindings => ({
  faces: f.faces.map((d) => scaleBox(d, s)),
  persons: f.persons?.map((d) => scaleBox(d, s)) ?? null,
});

/**
 * Detection over one input URL (the vault's loopback range server): ffmpeg decodes every Nth
 * frame, scales it and writes rgb24 to a pipe (nothing on disk), a pool of inference threads
 * finds faces (and now and then people), and the tracker turns them into tracks in the source's
 * displayed pixels.
 */
export async function detectInput(input: string, opts: PipelineOptions = {}): Promise<ProposedTrack[]> {
  const everyNth = Math.max(1, Math.floor(opts.everyNth ?? DEFAULT_EVERY_NTH));
  const g = await geometryOf(input, opts);
  const frameOpts = { ...FRAME_DEFAULTS, ...opts.frame };
  const phases = phasedRegions(g.w, g.h, frameOpts.tile, frameOpts.overlap, opts.tilePhases ?? DEFAULT_TILE_PHASES);
  const step = everyNth / g.fps;
  const personEvery = opts.persons === false ? 0 : Math.max(1, Math.round((opts.personIntervalSec ?? DEFAULT_PERSON_INTERVAL_SEC) / step));
  const expected = Math.max(1, Math.ceil((g.duration * g.fps) / everyNth));

  const pool = await ModelPool.open(opts.workers ?? defaultWorkers());
  const samples: Sample[] = [];
  try {
    const splitter = new FrameSplitter(g.w * g.h * 3, (frame, i) =>
      pool.start(async (model) => {
        const found = await analyseFrame(model, frame, g.w, g.h, phases[i % phases.length]!, frameOpts, personEvery > 0 && i % personEvery === 0);
        samples.push({ t: (i * everyNth) / g.fps, ...toSource(found, g.srcW / g.w) });
        opts.onProgress?.(Math.min(0.99, samples.length / expected));
      }),
    );
    await runFfmpeg({
      args: [
        '-v', 'error', '-i', input, '-map', '0:v:0', '-an',
        '-vf', `select='not(mod(n\\,${everyNth}))',scale=${g.w}:${g.h}`,
        // one output frame per selected frame, no duplicates: the i-th is source frame i*N
        '-fps_mode', 'passthrough',
        '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
      ],
      stdout: splitter,
      signal: opts.signal,
    });
    await pool.drain();
  } finally {
    await pool.close();
  }
  opts.signal?.throwIfAborted();
  const tracks = proposeTracks(samples, { step, tilePhases: phases.length, personStep: step * personEvery, frameW: g.srcW, frameH: g.srcH, duration: g.duration });
  opts.onProgress?.(1);
  return tracks;
}
