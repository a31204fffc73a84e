import type { Detection, Region } from './types';

/** The BlazeFace "back camera" model (256 px input, 896 anchors) that @vladmandic/human ships. */
export const INPUT_SIZE = 256;
const COLUMNS = 16; // 4 box values, then 6 key points (x, y)

/**
 * MediaPipe's SSD anchors for this model: a 16x16 grid with 2 anchors per cell, then an 8x8
 * grid with 6, each anchor at its cell's centre in input pixels. The box outputs are offsets
 * from these, in the same order.
 */
export function anchors(inputSize = INPUT_SIZE): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [stride, perCell] of [[inputSize / 16, 2], [inputSize / 8, 6]] as const) {
    const cells = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++) {
        for (let n = 0; n < perCell; n++) out.push([stride * (gx + 0.5), stride * (gy + 0.5)]);
      }
    }
  }
  return out;
}

const ANCHORS = anchors();

/** The model's raw outputs for one region: scores and boxes of the 512 fine anchors, then of the 384 coarse ones. */
export interface RawOutput {
  scores512: Float32Array;
  boxes512: Float32Array;
  scores384: Float32Array;
  boxes384: Float32Array;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Turns one region's raw outputs into detections in the analysed frame's pixels. Boxes are the
 * model's own (eyebrows to chin); padding them to cover hair and ears is the tracker's job.
 */
export function decode(raw: RawOutput, region: Region, minScore: number): Detection[] {
  const scale = region.size / INPUT_SIZE;
  const out: Detection[] = [];
  const take = (scores: Float32Array, boxes: Float32Array, first: number): void => {
    for (let i = 0; i < scores.length; i++) {
      const score = sigmoid(scores[i]!);
      if (score < minScore) continue;
      const [ax, ay] = ANCHORS[first + i]!;
      const o = i * COLUMNS;
      const cx = ax + boxes[o]!;
      const cy = ay + boxes[o + 1]!;
      const w = boxes[o + 2]!;
      const h = boxes[o + 3]!;
      if (w <= 0 || h <= 0) continue;
      out.push({ x: region.x + (cx - w / 2) * scale, y: region.y + (cy - h / 2) * scale, w: w * scale, h: h * scale, score });
    }
  };
  take(raw.scores512, raw.boxes512, 0);
  take(raw.scores384, raw.boxes384, 512);
  return out;
}
