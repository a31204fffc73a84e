import type { PlaylistItem } from './types';

/** The list with one item taken out at `from` and put back at `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [it] = out.splice(from, 1);
  if (it !== undefined) out.splice(to, 0, it);
  return out;
}

/** The first clip whose in/out points cannot be exported, numbered from 1; null when all can. */
export function playlistProblem(items: readonly PlaylistItem[]): { code: 'not-a-number' | 'negative' | 'out-before-in' | 'too-long'; n: number } | null {
  for (const [i, it] of items.entries()) {
    const n = i + 1;
    const points = [it.inSec, it.outSec].filter((v): v is number => v !== undefined);
    if (points.some((v) => !Number.isFinite(v))) return { code: 'not-a-number', n };
    if (points.some((v) => v < 0)) return { code: 'negative', n };
    // the contract's limit for a point in a recording: a week
    if (points.some((v) => v > 7 * 24 * 3600)) return { code: 'too-long', n };
    if (it.outSec !== undefined && it.outSec <= (it.inSec ?? 0)) return { code: 'out-before-in', n };
  }
  return null;
}
