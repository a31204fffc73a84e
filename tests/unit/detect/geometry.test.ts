import { describe, expect, it } from 'vitest';
import { anchors, decode, INPUT_SIZE } from '../../../electron/core/redact/detect/blazeface';
import { iou, nms } from '../../../electron/core/redact/detect/geometry';
import { planTiles } from '../../../electron/core/redact/detect/tiles';

describe('iou and nms', () => {
  it('computes IoU', () => {
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 0, w: 10, h: 10 })).toBeCloseTo(50 / 150);
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 0, w: 10, h: 10 })).toBe(0);
  });

  it('keeps the best of overlapping boxes and a face cut at a tile edge inside a whole one', () => {
    const whole = { x: 100, y: 100, w: 40, h: 40, score: 0.9 };
    const shifted = { x: 104, y: 102, w: 40, h: 40, score: 0.8 };
    const cut = { x: 100, y: 100, w: 18, h: 40, score: 0.85 };
    const other = { x: 300, y: 100, w: 40, h: 40, score: 0.6 };
    expect(nms([shifted, cut, other, whole])).toEqual([whole, other]);
  });
});

describe('planTiles', () => {
  it('covers 1080p with overlapping 540 px tiles plus the whole frame', () => {
    const r = planTiles(1920, 1080, 540, 96);
    expect(r[0]).toEqual({ x: 0, y: 0, size: 1920 });
    const grid = r.slice(1);
    expect(grid).toHaveLength(5 * 3);
    for (const t of grid) {
      expect(t.size).toBe(540);
      expect(t.x + t.size).toBeLessThanOrEqual(1920);
      expect(t.y + t.size).toBeLessThanOrEqual(1080);
    }
    // every pixel is inside a tile, and neighbours overlap by at least 96 px
    const xs = [...new Set(grid.map((t) => t.x))].sort((a, b) => a - b);
    expect(xs[0]).toBe(0);
    expect(xs[xs.length - 1]! + 540).toBe(1920);
    for (let i = 1; i < xs.length; i++) expect(xs[i - 1]! + 540 - xs[i]!).toBeGreaterThanOrEqual(96);
  });

  it('uses the whole frame only when it fits in one tile', () => {
    expect(planTiles(320, 240, 540, 96)).toEqual([{ x: 0, y: 0, size: 320 }]);
  });
});

describe('BlazeFace decoding', () => {
  it('has the 896 anchors of the model, fine grid first', () => {
    const a = anchors();
    expect(a).toHaveLength(896);
    expect(a[0]).toEqual([8, 8]);
    expect(a[512]).toEqual([16, 16]);
  });

  it('maps an anchor hit back into the frame through its region', () => {
    const raw = { scores512: new Float32Array(512).fill(-10), boxes512: new Float32Array(512 * 16), scores384: new Float32Array(384).fill(-10), boxes384: new Float32Array(384 * 16) };
    raw.scores512[0] = 5; // anchor at (8,8)
    raw.boxes512.set([2, -1, 20, 24], 0);
    const region = { x: 1000, y: 500, size: INPUT_SIZE * 2 };
    const d = decode(raw, region, 0.5);
    expect(d).toHaveLength(1);
    expect(d[0]!.x).toBeCloseTo(1000 + (10 - 10) * 2);
    expect(d[0]!.y).toBeCloseTo(500 + (7 - 12) * 2);
    expect(d[0]!.w).toBeCloseTo(40);
    expect(d[0]!.score).toBeGreaterThan(0.99);
  });
});
