import { decode } from './blazeface';
import { nms } from './geometry';
import { decodePersons } from './persons';
import { planTiles } from './tiles';
import type { FaceModel } from './worker';
import type { Detection, Region } from './types';

export interface FrameDetectOptions {
  /** tile side in analysed pixels; 0 = whole frame only */
  tile: number;
  overlap: number;
  minScore: number;
  /** CenterNet's score a person needs (measured: 0.32–0.66 for one standing person, 0.2–0.3 in a crowd) */
  personMinScore: number;
}

// 1080p in 540 px tiles: a 24 px face is still 11 px at the model's 256 px input.
export const FRAME_DEFAULTS: FrameDetectOptions = { tile: 540, overlap: 96, minScore: 0.5, personMinScore: 0.3 };

export interface FrameFindings {
  faces: Detection[];
  /** people found by CenterNet; null on frames where it did not run */
  persons: Detection[] | null;
}

/** Faces in the given regions of one RGB24 frame (and people, if asked), in that frame's pixels. */
export async function analyseFrame(model: FaceModel, frame: Uint8Array, width: number, height: number, regions: Region[], o: FrameDetectOptions, persons: boolean): Promise<FrameFindings> {
  const out = await model.runFrame(frame, width, height, regions, persons);
  const all = out.faces.flatMap((raw, i) => decode(raw, regions[i]!, o.minScore));
  return {
    faces: nms(all).filter((d) => d.x < width && d.y < height),
    persons: out.persons ? decodePersons(out.persons, width, height, o.personMinScore) : null,
  };
}

/** All faces in one RGB24 frame, in that frame's pixels, duplicates from overlapping tiles removed. */
export async function detectFrame(model: FaceModel, frame: Uint8Array, width: number, height: number, o: FrameDetectOptions = FRAME_DEFAULTS): Promise<Detection[]> {
  return (await analyseFrame(model, frame, width, height, planTiles(width, height, o.tile, o.overlap), o, false)).faces;
}
