import { nms } from './geometry';
import type { Box, Detection } from './types';

/** CenterNet's input side: the whole frame is stretched to this square. */
export const PERSON_INPUT = 512;
const ROW = 6; // x1, y1, x2, y2 in input pixels, score, COCO class index (0 = person)

/** People in CenterNet's raw rows, as boxes in the frame's pixels. */
export function decodePersons(rows: Float32Array, width: number, height: number, minScore: number): Detection[] {
  const sx = width / PERSON_INPUT;
  const sy = height / PERSON_INPUT;
  const out: Detection[] = [];
  for (let o = 0; o + ROW <= rows.length; o += ROW) {
    const score = rows[o + 4]!;
    if (rows[o + 5] !== 0 || !(score >= minScore)) continue;
    const x = Math.max(0, rows[o]! * sx);
    const y = Math.max(0, rows[o + 1]! * sy);
    const w = Math.min(width, rows[o + 2]! * sx) - x;
    const h = Math.min(height, rows[o + 3]! * sy) - y;
    if (w > 0 && h > 0) out.push({ x, y, w, h, score });
  }
  return nms(out, 0.5, 0.9);
}

/**
 * Where the head of a detected person is, for a box over it: the top of the person box, as
 * tall as the box is wide (a standing person: head and shoulders; someone seated behind a desk:
 * most of what shows). Generous on purpose, a head seen from behind has no face to size it by.
 */
export function headOf(p: Box): Box {
  return { x: p.x, y: p.y, w: p.w, h: Math.min(p.h, p.w) };
}

const inside = (x: number, y: number, b: Box): boolean => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;

/** Heads of the people with no face found in them: those need a box of their own. */
export function facelessHeads(persons: Detection[], faces: Box[]): Detection[] {
  return persons
    .map((p) => ({ ...headOf(p), score: p.score }))
    .filter((head) => !faces.some((f) => inside(f.x + f.w / 2, f.y + f.h / 2, head)));
}
