import { facelessHeads } from './persons';
import { fillGaps, finishTrack, plausible, track, type SampledFrame } from './tracker';
import type { Detection, ProposedTrack } from './types';

/** One analysed frame's findings in source pixels; `persons` null where CenterNet did not run. */
export interface Sample {
  t: number;
  faces: Detection[];
  persons: Detection[] | null;
}

export interface ProposeOptions {
  /** seconds between analysed frames */
  step: number;
  /** a tile comes round every tilePhases analysed frames */
  tilePhases: number;
  /** seconds between CenterNet passes */
  personStep: number;
  frameW: number;
  frameH: number;
  duration: number;
}

const FACE_PAD = 0.25; // BlazeFace's box runs brows to chin: grow it over hair and ears
const HEAD_PAD = 0.1;

function finish(frames: SampledFrame[], kind: ProposedTrack['kind'], sampleStep: number, pad: number, singleMinScore: number, o: ProposeOptions): ProposedTrack[] {
  const times = frames.map((f) => f.t);
  const end = o.duration || (times[times.length - 1] ?? 0) + sampleStep;
  return track(frames)
    .filter((t) => plausible(t, singleMinScore))
    .map((t, n): ProposedTrack => ({
      id: `detected-${kind}-${n + 1}`,
      kind,
      keyframes: finishTrack(fillGaps(t.keyframes, times), { extendSec: sampleStep * 1.5, padFraction: pad, frameW: o.frameW, frameH: o.frameH, duration: end }),
      origin: 'detected',
      decision: 'undecided',
    }));
}

/**
 * Tracks from the analysed frames: faces from every frame; heads of people with no face, from
 * the frames where CenterNet ran. A face in a tile is seen only every tilePhases frames, so a
 * person's head counts as having a face when one was found within that many frames of it.
 * Tracks are held 1.5 of their own sampling intervals before the first and after the last
 * detection, so a face is not shown in the frames before the detector catches it.
 */
export function proposeTracks(samples: Sample[], o: ProposeOptions): ProposedTrack[] {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const faces = finish(sorted.map((s) => ({ t: s.t, detections: s.faces })), 'face', o.step * o.tilePhases, FACE_PAD, 0.8, o);
  const near = o.step * o.tilePhases + 1e-6;
  const personFrames = sorted
    .filter((s) => s.persons !== null)
    .map((s) => ({ t: s.t, detections: facelessHeads(s.persons!, sorted.filter((f) => Math.abs(f.t - s.t) <= near).flatMap((f) => f.faces)) }));
  return [...faces, ...finish(personFrames, 'person', o.personStep, HEAD_PAD, 0.5, o)];
}
