import type { Box, Detection } from './types';

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/** Share of the smaller box covered by the other: a face cut at a tile edge is mostly inside the whole one. */
export function overlapOfSmaller(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const smaller = Math.min(a.w * a.h, b.w * b.h);
  return smaller > 0 ? (ix * iy) / smaller : 0;
}

/**
 * Greedy non-maximum suppression, best score first. Besides IoU, a box mostly inside a better
 * one is dropped too: tiles overlap, so the same face arrives whole from one tile and cut from
 * its neighbour, and those two have a low IoU.
 */
export function nms(dets: Detection[], iouLimit = 0.3, containLimit = 0.7): Detection[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const d of sorted) {
    if (kept.every((k) => iou(k, d) <= iouLimit && overlapOfSmaller(k, d) <= containLimit)) kept.push(d);
  }
  return kept;
}

/** Grows a box by `fraction` of its size on every side, clipped to the frame. */
export function pad(b: Box, fraction: number, frameW: number, frameH: number): Box {
  const x = Math.max(0, b.x - b.w * fraction);
  const y = Math.max(0, b.y - b.h * fraction);
  const x2 = Math.min(frameW, b.x + b.w * (1 + fraction));
  const y2 = Math.min(frameH, b.y + b.h * (1 + fraction));
  return { x, y, w: Math.max(0, x2 - x), h: Math.max(0, y2 - y) };
}

export function scaleBox<T extends Box>(b: T, s: number): T {
  return { ...b, x: b.x * s, y: b.y * s, w: b.w * s, h: b.h * s };
}
