import { decode } from './blazeface';
import { nms } from './geometry';
import { planTiles } from './tiles';
import type { FaceModel } from './worker';
import type { Detection } from './types';

export interface FrameDetectOptions {
  /** tile side in analysed pixels; 0 = whole frame only */
  tile: number;
  overlap: number;
  minScore: number;
}

// 1080p in 540 px tiles: a 24 px face is still 11 px at the model's 256 px input.
export const FRAME_DEFAULTS: FrameDetectOptions = { tile: 540, overlap: 96, minScore: 0.5 };

/** All faces in one RGB24 frame, in that frame's pixels, duplicates from overlapping tiles removed. */
export async function detectFrame(model: FaceModel, frame: Uint8Array, width: number, height: number, o: FrameDetectOptions = FRAME_DEFAULTS): Promise<Detection[]> {
  const regions = planTiles(width, height, o.tile, o.overlap);
  const outputs = await model.run(frame, width, height, regions);
  const all = outputs.flatMap((raw, i) => decode(raw, regions[i]!, o.minScore));
  return nms(all).filter((d) => d.x < width && d.y < height);
}
