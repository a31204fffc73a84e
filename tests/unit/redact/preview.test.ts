import { describe, expect, it } from 'vitest';
import { compilePlan, parsePlan, shiftPlan } from '../../../electron/core/redact';

describe('shiftPlan: a preview range on its own time line', () => {
  const plan = parsePlan({
    format: 'kluis-redaction-plan',
    version: 1,
    tracks: [{ id: 'a', decision: 'redact', keyframes: [{ t: 1, x: 0, y: 0, w: 20, h: 20 }, { t: 5, x: 40, y: 0, w: 20, h: 20 }], hold: [{ start: 5, end: 6 }], hide: [{ start: 2, end: 2.5 }] }],
    frames: [{ start: 3, end: 4, effect: 'black' }],
    audio: [{ start: 3.5, end: 4, effect: 'mute' }],
    cuts: [{ start: 7, end: 8 }],
  });

  it('moves every time by the start, keeping keyframes before it for the interpolation', () => {
    const s = shiftPlan(plan, 3);
    expect(s.tracks[0]!.keyframes.map((k) => k.t)).toEqual([-2, 2]);
    expect(s.tracks[0]!.hold).toEqual([{ start: 2, end: 3 }]);
    expect(s.tracks[0]!.hide).toEqual([{ start: -1, end: -0.5 }]);
    expect(s.frames).toEqual([{ start: 0, end: 1, effect: 'black' }]);
    expect(s.audio).toEqual([{ start: 0.5, end: 1, effect: 'mute' }]);
    expect(s.cuts).toEqual([{ start: 4, end: 5 }]);
    expect(plan.tracks[0]!.keyframes[0]!.t).toBe(1); // the plan itself is untouched
  });

  it('compiles to a graph whose expressions read the shifted times', () => {
    const g = compilePlan(shiftPlan(plan, 3), { width: 320, height: 240, hasVideo: true, hasAudio: true, sampleRate: 48000 }).graph;
    // drawn from its first keyframe (2 s before the range) to the end of its hold, minus the hide
    expect(g).toContain("enable='between(t,-2,-1)+between(t,-0.5,3)'");
    expect(g).toContain('0+10*(t+2)');
    expect(g).not.toContain('--');
    expect(g).toContain("drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(t,0,1)'");
    expect(g).toContain("volume=0:enable='between(t,0.5,1)'");
    expect(g).toContain('trim=start=0:end=4');
  });
});
