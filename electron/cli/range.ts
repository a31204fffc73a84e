import { UsageError } from './errors';

/** [start, end) in bytes */
export interface ByteRange {
  start: number;
  end: number;
}

function num(s: string, spec: string): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--range "${spec}" has a number too large.`);
  return n;
}

/**
 * HTTP Range semantics (RFC 9110 14.1.2) so that people and scripts need not learn a new
 * convention: START-END with END inclusive, START- to the end, -N for the last N bytes.
 * An END past the item is clipped; a range that selects nothing is refused.
 */
export function parseRange(spec: string, size: number): ByteRange {
  const full = /^(\d+)-(\d*)$/.exec(spec);
  const suffix = /^-(\d+)$/.exec(spec);
  if (suffix) {
    const n = num(suffix[1]!, spec);
    if (n === 0 || size === 0) throw new UsageError(`--range "${spec}" selects no bytes of this ${size}-byte item.`);
    return { start: Math.max(0, size - n), end: size };
  }
  if (!full) throw new UsageError(`--range takes START-END (END inclusive), START- or -N, not "${spec}".`);
  const start = num(full[1]!, spec);
  const last = full[2] === '' ? size - 1 : num(full[2]!, spec);
  if (last < start) throw new UsageError(`--range "${spec}" ends before it starts.`);
  if (start >= size) throw new UsageError(`--range "${spec}" starts at or past the end of this ${size}-byte item.`);
  return { start, end: Math.min(last, size - 1) + 1 };
}
