import { describe, expect, it } from 'vitest';
import { decodePersons, facelessHeads, headOf, PERSON_INPUT } from '../../../electron/core/redact/detect/persons';
import { proposeTracks, type Sample } from '../../../electron/core/redact/detect/proposals';
import { phasedRegions, planTiles } from '../../../electron/core/redact/detect/tiles';
import { splitBatch } from '../../../electron/core/redact/detect/worker';

describe('phasedRegions: the tile grid spread over successive analysed frames', () => {
  it('gives every phase the whole frame, and each tile to exactly one phase, neighbours to different ones', () => {
    const all = planTiles(1920, 1080, 540, 96);
    const phases = phasedRegions(1920, 1080, 540, 96, 2);
    expect(phases).toHaveLength(2);
    for (const p of phases) expect(p[0]).toEqual(all[0]);
    const tiles = phases.flatMap((p) => p.slice(1));
    expect(tiles).toHaveLength(all.length - 1);
    expect(new Set(tiles.map((t) => `${t.x},${t.y}`))).toEqual(new Set(all.slice(1).map((t) => `${t.x},${t.y}`)));
    expect(phases.map((p) => p.length - 1).sort()).toEqual([7, 8]);
    // horizontal neighbours of the first row fall in different phases (checkerboard)
    const phaseOf = (x: number, y: number): number => phases.findIndex((p) => p.slice(1).some((t) => t.x === x && t.y === y));
    const row0 = all.slice(1).filter((t) => t.y === 0);
    row0.slice(1).forEach((t, i) => expect(phaseOf(t.x, 0)).not.toBe(phaseOf(row0[i]!.x, 0)));
  });

  it('is the plain plan with one phase, and never has more phases than tiles', () => {
    expect(phasedRegions(1920, 1080, 540, 96, 1)).toEqual([planTiles(1920, 1080, 540, 96)]);
    expect(phasedRegions(400, 300, 540, 96, 2)).toEqual([[{ x: 0, y: 0, size: 400 }]]);
  });
});

describe('person boxes', () => {
  it('decodes CenterNet rows: people only (class 0), above the score, scaled from 512 to the frame', () => {
    const rows = new Float32Array([
      0, 0, 256, 512, 0.9, 0, // a person filling the left half
      100, 100, 200, 200, 0.9, 2, // a car
      300, 0, 400, 100, 0.1, 0, // a person below the score
    ]);
    expect(decodePersons(rows, 1920, 1080, 0.3)).toEqual([{ x: 0, y: 0, w: 960, h: 1080, score: expect.closeTo(0.9, 5) }]);
    expect(PERSON_INPUT).toBe(512);
  });

  it('boxes the head end of a person: as tall as the box is wide', () => {
    expect(headOf({ x: 10, y: 20, w: 100, h: 300 })).toEqual({ x: 10, y: 20, w: 100, h: 100 });
    expect(headOf({ x: 10, y: 20, w: 200, h: 120 })).toEqual({ x: 10, y: 20, w: 200, h: 120 });
  });

  it('keeps only heads without a face in them', () => {
    const withFace = { x: 0, y: 0, w: 100, h: 300, score: 0.6 };
    const without = { x: 500, y: 0, w: 100, h: 300, score: 0.6 };
    const face = { x: 30, y: 20, w: 40, h: 40 };
    expect(facelessHeads([withFace, without], [face])).toEqual([{ x: 500, y: 0, w: 100, h: 100, score: 0.6 }]);
  });
});

describe('proposeTracks', () => {
  const o = { step: 0.4, tilePhases: 2, personStep: 2, frameW: 1920, frameH: 1080, duration: 10 };
  const person = { x: 1000, y: 100, w: 200, h: 600, score: 0.6 };
  const samples = (faceAt: (t: number) => boolean): Sample[] =>
    Array.from({ length: 21 }, (_, i) => {
      const t = i * 0.4;
      return { t, faces: faceAt(t) ? [{ x: 1080, y: 140, w: 40, h: 40, score: 0.9 }] : [], persons: i % 5 === 0 ? [person] : null };
    });

  it('a person never seen with a face: one person track over the head, held one and a half person steps past its ends', () => {
    const tracks = proposeTracks(samples(() => false), o);
    expect(tracks.map((t) => [t.kind, t.origin, t.decision])).toEqual([['person', 'detected', 'undecided']]);
    const k = tracks[0]!.keyframes;
    expect(k[0]!.t).toBe(0);
    expect(k[k.length - 1]!.t).toBe(10);
    // head box padded 10 %: 200 wide, 200 tall from the top of the person
    expect(k[1]).toMatchObject({ x: 980, y: 80, w: 240, h: 240 });
  });

  it('a face found in a frame near the person pass (another tile phase) means no person track', () => {
    // the face is seen only on the odd frames (its tile's phase); person passes are on even ones
    const tracks = proposeTracks(samples((t) => Math.round(t / 0.4) % 2 === 1), o);
    expect(tracks.map((t) => t.kind)).toEqual(['face']);
    // a tile face is held 1.5 tile periods (1.2 s) before its first detection at 0.4 s
    expect(tracks[0]!.keyframes[0]!.t).toBe(0);
    expect(tracks[0]!.keyframes[1]!.t).toBeCloseTo(0.4);
  });
});

describe('splitBatch', () => {
  it('hands each region its own rows of the batched outputs', () => {
    const b = { scores384: new Float32Array(768).map((_, i) => i), scores512: new Float32Array(1024), boxes384: new Float32Array(2 * 384 * 16), boxes512: new Float32Array(2 * 512 * 16) };
    const [a, c] = splitBatch(b, 2);
    expect(a!.scores384.length).toBe(384);
    expect(c!.scores384[0]).toBe(384);
    expect(c!.boxes512.length).toBe(512 * 16);
    expect(splitBatch(null, 3)).toEqual([]);
  });
});
