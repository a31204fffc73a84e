import { describe, expect, it } from 'vitest';
import { visibleRange } from '../../../renderer/src/library/useWindow';
import { clock } from '../../../renderer/src/player/time';

describe('library windowing', () => {
  it('renders only the rows in view plus the overscan, at the top, in the middle and at the end', () => {
    expect(visibleRange(0, 600, 72, 10_000, 6)).toEqual({ first: 0, last: 15 });
    const mid = visibleRange(72 * 5000, 600, 72, 10_000, 6);
    expect(mid).toEqual({ first: 4994, last: 5015 });
    expect(visibleRange(72 * 10_000 - 600, 600, 72, 10_000, 6)).toEqual({ first: 9985, last: 10_000 });
  });

  it('stays inside the list when it is short, empty, or scrolled past its end after a filter', () => {
    expect(visibleRange(0, 600, 72, 3, 6)).toEqual({ first: 0, last: 3 });
    expect(visibleRange(0, 600, 72, 0, 6)).toEqual({ first: 0, last: 0 });
    expect(visibleRange(72 * 9000, 600, 72, 10, 6)).toEqual({ first: 10, last: 10 });
  });
});

describe('player clock', () => {
  it('shows minutes and seconds, hours when needed, tenths for frame stepping', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(65.4)).toBe('1:05');
    expect(clock(3723)).toBe('1:02:03');
    expect(clock(2.35, true)).toBe('0:02.3');
    expect(clock(Number.NaN)).toBe('0:00');
  });
});
