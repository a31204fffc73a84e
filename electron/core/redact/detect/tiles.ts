import type { Region } from './types';

/** Evenly spread starts of `count` windows of `size` over `length`, first at 0, last flush with the end. */
function starts(length: number, size: number, count: number): number[] {
  if (count <= 1) return [0];
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - size)) / (count - 1)));
}

/**
 * The square regions the detector looks at in one frame: the whole frame (letterboxed), for
 * faces close to the camera, plus a grid of overlapping tiles of side `tile`, so a face at the
 * back of a classroom is still several pixels wide at the detector's 256 px input. Neighbouring
 * tiles overlap by at least `overlap` pixels, so a face up to that size is whole in one of them.
 * A frame no larger than one tile gets the whole-frame region only.
 */
export function planTiles(width: number, height: number, tile: number, overlap: number): Region[] {
  const whole: Region = { x: 0, y: 0, size: Math.max(width, height) };
  if (tile <= 0 || (width <= tile && height <= tile)) return [whole];
  const side = Math.min(tile, Math.max(width, height));
  const step = Math.max(1, side - overlap);
  const cols = width <= side ? 1 : Math.ceil((width - overlap) / step);
  const rows = height <= side ? 1 : Math.ceil((height - overlap) / step);
  const xs = starts(Math.max(width, side), side, cols);
  const ys = starts(Math.max(height, side), side, rows);
  const grid = ys.flatMap((y) => xs.map((x) => ({ x, y, size: side })));
  return [whole, ...grid];
}

/**
 * The regions to analyse per frame when the tiles are spread over `phases` successive analysed
 * frames: every frame gets the whole frame (near faces, which move many pixels between frames),
 * and tile k of the grid comes round every `phases` frames. Small faces move few pixels per
 * second, so the tracker still links them; the cost per frame drops to 1 + tiles / phases.
 */
export function phasedRegions(width: number, height: number, tile: number, overlap: number, phases: number): Region[][] {
  const [whole, ...grid] = planTiles(width, height, tile, overlap);
  const n = Math.max(1, Math.min(Math.floor(phases), grid.length || 1));
  const cols = new Set(grid.map((r) => r.x)).size || 1;
  // checkerboard order for 2 phases: neighbours (which share the overlap band) alternate
  const phaseOf = (i: number): number => (Math.floor(i / cols) + (i % cols)) % n;
  return Array.from({ length: n }, (_, p) => [whole!, ...grid.filter((_, i) => phaseOf(i) === p)]);
}
