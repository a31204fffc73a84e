import { describe, expect, it } from 'vitest';
import { compilePlan, keptRanges } from '../../../electron/core/redact';
import { parsePlan } from '../../../electron/core/redact';
import { piecewise, pieces } from '../../../electron/core/redact/expr';

const shape = { width: 320, height: 240, hasVideo: true, hasAudio: true, sampleRate: 48000 };
const plan = (p: Record<string, unknown>) => parsePlan({ format: 'kluis-redaction-plan', version: 1, ...p });

describe('compiler golden tests: plan -> filter graph (H4, U1, U3, B1)', () => {
  it('one pixelated moving box', () => {
    const c = compilePlan(plan({ tracks: [{ id: 'a', decision: 'redact', keyframes: [{ t: 0, x: 10, y: 20, w: 60, h: 60 }, { t: 2, x: 110, y: 20, w: 60, h: 60 }] }] }), shape);
    const x = "clip(if(lt(t,2),if(lt(t,0),10,10+50*(t-0)),110),0,260)";
    const y = 'clip(if(lt(t,2),if(lt(t,0),20,20),20),0,180)';
    expect(c.graph).toBe(
      [
        '[0:v:0]split=2[v0][c1]',
        `[c1]crop=w=60:h=60:x='${x}':y='${y}',scale=6:6:flags=area,scale=60:60:flags=neighbor[r1]`,
        `[v0][r1]overlay=x='${x}':y='${y}':eval=frame:enable='between(t,0,2)'[v1]`,
        '[v1]format=yuv420p[vout]',
        '[0:a:0]anull[aout]',
      ].join(';\n'),
    );
    expect(c.maps).toEqual(['-map', '[vout]', '-map', '[aout]']);
    expect(c.boxes).toEqual([{ trackId: 'a', w: 60, h: 60 }]);
  });

  it('undecided, kept and not-a-person tracks are not drawn', () => {
    const k = [{ t: 0, x: 0, y: 0, w: 20, h: 20 }];
    const c = compilePlan(plan({ tracks: ['undecided', 'keep', 'not-a-person'].map((decision, i) => ({ id: `t${i}`, decision, keyframes: k })) }), shape);
    expect(c.graph).toBe('[0:v:0]format=yuv420p[vout];\n[0:a:0]anull[aout]');
  });

  it('solid, blur, ellipse, the largest box, hold and hide', () => {
    const c = compilePlan(
      plan({
        tracks: [
          { id: 's', decision: 'redact', style: 'solid', keyframes: [{ t: 1, x: 300, y: 0, w: 30, h: 31 }, { t: 3, x: 300, y: 0, w: 41, h: 20 }], hide: [{ start: 1.5, end: 2 }] },
          { id: 'b', decision: 'redact', style: 'blur', shape: 'ellipse', keyframes: [{ t: 0, x: 100, y: 100, w: 40, h: 40 }], hold: [{ start: 0, end: 5 }] },
        ],
      }),
      shape,
    );
    const lines = c.graph.split(';\n');
    expect(lines[0]).toBe('[0:v:0]split=3[v0][c1][c2]');
    // largest box 42x32 (even), pushed inside the frame by clip(), drawn except while hidden
    expect(lines[1]).toBe("[c1]crop=w=42:h=32:x='clip(if(lt(t,3),if(lt(t,1),294,294+2.75*(t-1)),299.5),0,278)':y='clip(if(lt(t,3),if(lt(t,1),-0.5,-0.5+-2.75*(t-1)),-6),0,208)',lutyuv=y=16:u=128:v=128[r1]");
    expect(lines[2]).toMatch(/enable='between\(t,1,1\.5\)\+between\(t,2,3\)'\[v1\]$/);
    expect(lines[3]).toBe(
      "[c2]crop=w=40:h=40:x='clip(if(lt(t,5),if(lt(t,0),100,100),100),0,280)':y='clip(if(lt(t,5),if(lt(t,0),100,100),100),0,200)',boxblur=10:3:5:3,format=yuva420p,geq=lum='p(X,Y)':cb='p(X,Y)':cr='p(X,Y)':a='255*lte(pow((X-20)/20,2)+pow((Y-20)/20,2),1)'[r2]",
    );
    expect(lines[4]).toMatch(/enable='between\(t,0,5\)'\[v2\]$/);
  });

  it('whole-frame segments, mute, bleep and cuts (trim + concat keeps A/V in step)', () => {
    const c = compilePlan(
      plan({
        frames: [{ start: 1, end: 2, effect: 'black' }, { start: 3, end: 4, effect: 'blur' }],
        audio: [{ start: 0.5, end: 1, effect: 'mute' }, { start: 2, end: 2.5, effect: 'bleep' }],
        cuts: [{ start: 5, end: 6 }, { start: 5.5, end: 7 }, { start: 0, end: 0.25 }],
      }),
      shape,
    );
    expect(c.graph).toBe(
      [
        "[0:v:0]boxblur=20:3:10:3:enable='between(t,3,4)'[fb]",
        "[fb]drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(t,1,2)'[fk]",
        "[0:a:0]asetnsamples=n=256:p=0,volume=0:enable='between(t,0.5,1)+between(t,2,2.5)'[am]",
        "sine=f=1000:r=48000,volume='0.25*(between(t,2,2.5))':eval=frame[tone]",
        '[am][tone]amix=inputs=2:duration=first:normalize=0[ab]',
        '[fk]split=2[vs0][vs1]',
        '[vs0]trim=start=0.25:end=5,setpts=PTS-STARTPTS[vk0]',
        '[vs1]trim=start=7,setpts=PTS-STARTPTS[vk1]',
        '[ab]asplit=2[as0][as1]',
        '[as0]atrim=start=0.25:end=5,asetpts=PTS-STARTPTS[ak0]',
        '[as1]atrim=start=7,asetpts=PTS-STARTPTS[ak1]',
        '[vk0][ak0][vk1][ak1]concat=n=2:v=1:a=1[vc][ac]',
        '[vc]format=yuv420p[vout]',
        '[ac]anull[aout]',
      ].join(';\n'),
    );
    expect(keptRanges([{ start: 1, end: 2 }])).toEqual([{ start: 0, end: 1 }, { start: 2, end: null }]);
  });

  it('a long track is a balanced tree: depth grows with log2 of its keyframes', () => {
    const keys = Array.from({ length: 1024 }, (_, i) => ({ t: i, x: i % 2 ? 10 : 0, y: 0, w: 10, h: 10 }));
    const e = piecewise(pieces(keys, (k) => k.x, []));
    let depth = 0;
    let max = 0;
    for (const ch of e) {
      if (ch === '(') max = Math.max(max, ++depth);
      if (ch === ')') depth--;
    }
    expect(max).toBeLessThanOrEqual(15);
  });

  it('refuses a plan from a newer Kluis and says what is wrong with a bad one', () => {
    expect(() => parsePlan({ format: 'kluis-redaction-plan', version: 2 })).toThrow(/newer Kluis/);
    expect(() => plan({ tracks: [{ id: 'a', decision: 'redact', keyframes: [{ t: 2, x: 0, y: 0, w: 10, h: 10 }, { t: 1, x: 0, y: 0, w: 10, h: 10 }] }] })).toThrow(/keyframe times must increase/);
    expect(() => plan({ cuts: [{ start: 3, end: 1 }] })).toThrow(/end after it starts/);
  });
});
