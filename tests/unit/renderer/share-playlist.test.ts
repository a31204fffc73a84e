import { describe, expect, it } from 'vitest';
import { moveItem, playlistProblem } from '../../../renderer/src/share/playlist';

const item = (inSec?: number, outSec?: number) => ({ key: 'k', recordingId: 'rec_0123456789abcdef', label: 'MVI_0001', inSec, outSec });

describe('a videotoets playlist', () => {
  it('moves one item and keeps the rest in order', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
  });

  it('names the first clip whose in/out points cannot be exported', () => {
    expect(playlistProblem([item(), item(1, 3), item(undefined, 2), item(5)])).toBeNull();
    expect(playlistProblem([item(1, 3), item(2, 2)])).toEqual({ code: 'out-before-in', n: 2 });
    expect(playlistProblem([item(undefined, 0)])).toEqual({ code: 'out-before-in', n: 1 });
    expect(playlistProblem([item(-1)])).toEqual({ code: 'negative', n: 1 });
    expect(playlistProblem([item(Number.NaN)])).toEqual({ code: 'not-a-number', n: 1 });
    expect(playlistProblem([item(0, 8 * 24 * 3600)])).toEqual({ code: 'too-long', n: 1 });
  });
});
