import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

const full = { kind: 'full' };
const bad = { kind: 'unsatisfiable' };
const part = (start: number, end: number) => ({ kind: 'partial', start, end });

describe('parseRange', () => {
  it('no header is the whole file', () => {
    expect(parseRange(null, 100)).toEqual(full);
    expect(parseRange(undefined, 100)).toEqual(full);
  });

  it('closed ranges, end exclusive, clamped to the size', () => {
    expect(parseRange('bytes=0-0', 100)).toEqual(part(0, 1));
    expect(parseRange('bytes=0-99', 100)).toEqual(part(0, 100));
    expect(parseRange('bytes=10-19', 100)).toEqual(part(10, 20));
    expect(parseRange('bytes=99-99', 100)).toEqual(part(99, 100));
    expect(parseRange('bytes=50-1000', 100)).toEqual(part(50, 100));
    expect(parseRange('bytes=0-99999999999999999999', 100)).toEqual(part(0, 100));
  });

  it('open-ended ranges run to the end', () => {
    expect(parseRange('bytes=0-', 100)).toEqual(part(0, 100));
    expect(parseRange('bytes=100-', 1000)).toEqual(part(100, 1000));
    expect(parseRange('bytes=99-', 100)).toEqual(part(99, 100));
  });

  it('suffix ranges are the last N bytes, the whole file when N exceeds it', () => {
    expect(parseRange('bytes=-1', 100)).toEqual(part(99, 100));
    expect(parseRange('bytes=-500', 1000)).toEqual(part(500, 1000));
    expect(parseRange('bytes=-100', 100)).toEqual(part(0, 100));
    expect(parseRange('bytes=-101', 100)).toEqual(part(0, 100));
    expect(parseRange('bytes=-99999999999999999999', 100)).toEqual(part(0, 100));
  });

  it('unsatisfiable: start at or past the end, or a zero suffix', () => {
    expect(parseRange('bytes=100-', 100)).toEqual(bad);
    expect(parseRange('bytes=100-200', 100)).toEqual(bad);
    expect(parseRange('bytes=5000-', 100)).toEqual(bad);
    expect(parseRange('bytes=-0', 100)).toEqual(bad);
    expect(parseRange('bytes=99999999999999999999-', 100)).toEqual(bad);
  });

  it('malformed headers are ignored (whole file)', () => {
    for (const h of ['', 'bytes', 'bytes=', 'bytes=-', 'bytes=a-b', 'bytes=1-a', 'bytes=5-4', 'bytes=1.5-2', 'bytes=--1', 'bytes=1-2-3', 'bytes= - ', 'items=0-1', '0-1', 'bytes=+1-2', 'bytes=0-1,x']) {
      expect(parseRange(h, 100), h).toEqual(full);
    }
  });

  it('unit and spaces are read leniently, as RFC 9110 allows', () => {
    expect(parseRange('BYTES=0-1', 100)).toEqual(part(0, 2));
    expect(parseRange('bytes= 0-1 ', 100)).toEqual(part(0, 2));
  });

  it('a set is answered with its first satisfiable range only', () => {
    expect(parseRange('bytes=0-1, 5-6', 100)).toEqual(part(0, 2));
    expect(parseRange('bytes=-10,0-1', 100)).toEqual(part(90, 100));
    expect(parseRange('bytes=200-300, 5-6', 100)).toEqual(part(5, 7));
    expect(parseRange('bytes=200-300, -0', 100)).toEqual(bad);
    expect(parseRange('bytes=0-1,,2-3', 100)).toEqual(part(0, 2));
  });

  it('size 0: nothing is satisfiable except a suffix, which is the empty whole', () => {
    expect(parseRange(null, 0)).toEqual(full);
    expect(parseRange('bytes=0-', 0)).toEqual(bad);
    expect(parseRange('bytes=0-0', 0)).toEqual(bad);
    expect(parseRange('bytes=-0', 0)).toEqual(bad);
    expect(parseRange('bytes=-5', 0)).toEqual(full);
    expect(parseRange('bytes=x', 0)).toEqual(full);
  });

  it('size 1', () => {
    expect(parseRange('bytes=0-0', 1)).toEqual(part(0, 1));
    expect(parseRange('bytes=1-', 1)).toEqual(bad);
    expect(parseRange('bytes=-1', 1)).toEqual(part(0, 1));
    expect(parseRange('bytes=-2', 1)).toEqual(part(0, 1));
  });
});
