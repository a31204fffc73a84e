/** The redact figures of `npm run bench` (see docs/benchmarks.md). Each figure carries its own baseline. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { compilePlan, ENCODE_ARGS, OUTPUT_ARGS, parsePlan } from '../../electron/core/redact';
import { runFfmpeg } from '../../electron/core/media';
import { log, round } from './util';

export type Figures = Record<string, { pass: boolean } & Record<string, unknown>>;

const SECONDS = 20;
const FPS = 30;
const FRAMES = SECONDS * FPS;
const ROUNDS = Number(process.env['REDACT_BENCH_ROUNDS'] ?? 2);

/** 1080p30 with five textured "faces" moving right, made once per run (ultrafast: the bench times the renders, not this). */
function makeClip(path: string): void {
  const inputs = ['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=${FPS}:duration=${SECONDS}`];
  const chain: string[] = [];
  let last = '0:v';
  for (let i = 0; i < 5; i++) {
    inputs.push('-f', 'lavfi', '-i', `testsrc=size=160x160:rate=${FPS}:duration=${SECONDS}`);
    chain.push(`[${last}][${i + 1}:v]overlay=x='100+40*t':y=${80 + i * 190}[o${i}]`);
    last = `o${i}`;
  }
  inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`);
  execFileSync(process.env['FFMPEG_BIN'] ?? 'ffmpeg', ['-v', 'error', '-y', ...inputs, '-filter_complex', chain.join(';'), '-map', `[${last}]`, '-map', '6:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path]);
}

function planWith(boxes: number) {
  const tracks = Array.from({ length: boxes }, (_, i) => ({
    id: `f${i}`,
    decision: 'redact',
    // a keyframe every half second, as detection proposes them
    keyframes: Array.from({ length: SECONDS * 2 + 1 }, (_, k) => ({ t: k / 2, x: 100 + 20 * k, y: 80 + i * 190, w: 160, h: 160 })),
  }));
  return parsePlan({ format: 'kluis-redaction-plan', version: 1, tracks });
}

const discard = (): Writable => new Writable({ write: (_c, _e, done) => done() });

/** Seconds for one encode of the clip, same settings and same stdout pipe either way. */
async function timed(clip: string, graph: string | null, maps: string[]): Promise<number> {
  const t0 = performance.now();
  await runFfmpeg({
    args: ['-v', 'error', '-i', clip, ...(graph ? ['-filter_complex_script', 'pipe:0', ...maps] : ['-map', '0:v:0', '-map', '0:a:0']), ...ENCODE_ARGS, ...OUTPUT_ARGS],
    ...(graph ? { stdin: Readable.from([Buffer.from(graph)]) } : {}),
    stdout: discard(),
  });
  return (performance.now() - t0) / 1000;
}

export async function benchRedact(root: string): Promise<Figures> {
  const clip = join(root, 'redact-1080p30.mp4');
  log(`redact: generating ${SECONDS} s of 1080p30`);
  makeClip(clip);
  const shape = { width: 1920, height: 1080, hasVideo: true, hasAudio: true, sampleRate: 48000 };
  const one = compilePlan(planWith(1), shape);
  const five = compilePlan(planWith(5), shape);
  const t = { plain: [] as number[], one: [] as number[], five: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    log(`redact: round ${r + 1}/${ROUNDS} plain re-encode, 1 box, 5 boxes`);
    t.plain.push(await timed(clip, null, []));
    t.one.push(await timed(clip, one.graph, one.maps));
    t.five.push(await timed(clip, five.graph, five.maps));
    log(`redact: plain ${round(t.plain[r]!, 1)} s, 1 box ${round(t.one[r]!, 1)} s, 5 boxes ${round(t.five[r]!, 1)} s`);
  }
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const fps = (xs: number[]): number => (FRAMES * xs.length) / sum(xs);
  const base = fps(t.plain);
  const figure = (xs: number[], goal: number) => ({ fps: round(fps(xs), 1), baselineFps: round(base, 1), ratio: round(fps(xs) / base, 3), goal, pass: fps(xs) / base >= goal, seconds: xs.map((x) => round(x, 2)), baselineSeconds: t.plain.map((x) => round(x, 2)) });
  return {
    redactRender1080p1Box: { ...figure(t.one, 0.85), clip: `${SECONDS} s 1080p30, ${ROUNDS} rounds interleaved`, settings: ENCODE_ARGS.join(' ') },
    redactRender1080p5Boxes: figure(t.five, 0.8),
  };
}
