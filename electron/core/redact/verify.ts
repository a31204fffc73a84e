import { Writable } from 'node:stream';
import { MediaError, runFfmpeg } from '../media';
import { blockSize, type CompiledPlan } from './compile';
import { activeRanges, mergeRanges, rangeToOutput, renderedTracks, type Plan, type TimeRange } from './plan';
import type { AudioCheck, KeyframeCheck, Verification } from './manifest';

/** At most this many keyframes are compared (spread over the whole recording), to bound the time taken. */
export const MAX_KEYFRAME_CHECKS = 24;
const SILENCE_DB = -60;
/** AAC frames overlap and a fragmented MP4 has no edit list to hide the encoder delay: the first ~75 ms after a mute starts still carry the tail of the sound. */
const AUDIO_EDGE_SEC = 0.1;
const EPS = 1e-6;

export interface FrameGeometry {
  width: number;
  height: number;
  fps: number;
}

class Collector extends Writable {
  readonly parts: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.parts.push(chunk);
    done();
  }
}

/**
 * Decodes every frame of `url` (or of ffmpeg input arguments: joined chapters) once, counting
 * them, and returns the grey frames at `indices` (raw video on a pipe: nothing written anywhere).
 */
export async function greyFrames(url: string | readonly string[], indices: number[], g: FrameGeometry, signal?: AbortSignal): Promise<{ total: number; frames: Map<number, Buffer> }> {
  const want = [...new Set(indices)].sort((a, b) => a - b);
  const out = new Collector();
  let total = 0;
  const select = want.length ? want.map((n) => `eq(n,${n})`).join('+') : '0';
  await runFfmpeg({
    args: ['-v', 'error', ...(typeof url === 'string' ? ['-i', url] : url), '-map', '0:v:0', '-f', 'null', '-', '-map', '0:v:0', '-vf', `select='${select}',format=gray`, '-fps_mode', 'passthrough', '-f', 'rawvideo', 'pipe:1'],
    stdout: out,
    signal,
    onProgress: (p) => {
      if (p.frame !== undefined) total = p.frame;
    },
  });
  const all = Buffer.concat(out.parts);
  const size = g.width * g.height;
  const frames = new Map<number, Buffer>();
  want.forEach((n, i) => {
    if ((i + 1) * size <= all.length) frames.set(n, all.subarray(i * size, (i + 1) * size));
  });
  return { total, frames };
}

/** The loudest sample of [start, end) of the output's audio, in dB (volumedetect). */
export async function maxVolume(url: string, start: number, end: number, signal?: AbortSignal): Promise<number> {
  const r = await runFfmpeg({ args: ['-v', 'info', '-i', url, '-map', '0:a:0', '-af', `atrim=start=${start}:end=${end},volumedetect`, '-f', 'null', '-'], signal });
  const m = /max_volume:\s*(-?[\d.]+|-inf) dB/.exec(r.stderrTail);
  if (!m) return -Infinity; // no samples in the range at all
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}

/** Frames the cuts keep: trim keeps start <= pts < end, so a frame at a cut's start goes. */
export function frameKept(n: number, fps: number, cuts: readonly TimeRange[]): boolean {
  const t = n / fps;
  return !cuts.some((c) => t >= c.start - EPS && t < c.end - EPS);
}

export function keptBefore(n: number, fps: number, cuts: readonly TimeRange[]): number {
  let k = 0;
  for (let m = 0; m < n; m++) if (frameKept(m, fps, cuts)) k++;
  return k;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function clampBox(x: number, y: number, w: number, h: number, g: FrameGeometry): Box {
  return { x0: Math.max(0, Math.floor(x)), y0: Math.max(0, Math.floor(y)), x1: Math.min(g.width, Math.ceil(x + w)), y1: Math.min(g.height, Math.ceil(y + h)) };
}

const inBox = (b: Box, x: number, y: number): boolean => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;

/** Mean absolute difference inside `box`, and outside every box of `covered`. */
export function diffs(a: Buffer, b: Buffer, box: Box, covered: Box[], width: number): { inside: number; outside: number } {
  let si = 0;
  let ni = 0;
  let so = 0;
  let no = 0;
  const height = a.length / width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.abs(a[y * width + x]! - b[y * width + x]!);
      if (inBox(box, x, y)) {
        si += d;
        ni++;
      } else if (!covered.some((c) => inBox(c, x, y))) {
        so += d;
        no++;
      }
    }
  }
  return { inside: ni ? si / ni : 0, outside: no ? so / no : 0 };
}

/** What pixelation at this block size would take away: the mean distance of each pixel from its block's mean. */
export function detail(frame: Buffer, box: Box, width: number, block: number): number {
  let sum = 0;
  let n = 0;
  for (let by = box.y0; by < box.y1; by += block) {
    for (let bx = box.x0; bx < box.x1; bx += block) {
      let s = 0;
      let c = 0;
      for (let y = by; y < Math.min(by + block, box.y1); y++) for (let x = bx; x < Math.min(bx + block, box.x1); x++, c++) s += frame[y * width + x]!;
      const mean = s / c;
      for (let y = by; y < Math.min(by + block, box.y1); y++) for (let x = bx; x < Math.min(bx + block, box.x1); x++) sum += Math.abs(frame[y * width + x]! - mean);
      n += c;
    }
  }
  return n ? sum / n : 0;
}

/** The patch the compiler draws for a track at time t: its largest box, centred on the interpolated centre, inside the frame. */
function patchAt(plan: Plan, compiled: CompiledPlan, trackId: string, t: number, g: FrameGeometry): Box | null {
  const track = plan.tracks.find((x) => x.id === trackId)!;
  const size = compiled.boxes.find((b) => b.trackId === trackId)!;
  const ks = track.keyframes;
  const hold = mergeRanges(track.hold).find((h) => h.start <= t && t <= h.end);
  const at = hold ? hold.start : t;
  let cx: number;
  let cy: number;
  const i = ks.findIndex((k) => k.t >= at);
  if (i <= 0) {
    const k = ks[i === 0 ? 0 : ks.length - 1]!;
    cx = k.x + k.w / 2;
    cy = k.y + k.h / 2;
  } else {
    const a = ks[i - 1]!;
    const b = ks[i]!;
    const f = (at - a.t) / (b.t - a.t);
    cx = a.x + a.w / 2 + f * (b.x + b.w / 2 - a.x - a.w / 2);
    cy = a.y + a.h / 2 + f * (b.y + b.h / 2 - a.y - a.h / 2);
  }
  const x = Math.min(Math.max(cx - size.w / 2, 0), g.width - size.w);
  const y = Math.min(Math.max(cy - size.h / 2, 0), g.height - size.h);
  return clampBox(x - 2, y - 2, size.w + 4, size.h + 4, g);
}

interface Sample {
  trackId: string;
  t: number;
  box: Box;
  block: number;
  n: number;
  nOut: number;
}

function samples(plan: Plan, cuts: TimeRange[], g: FrameGeometry, lastFrame: number): Sample[] {
  const all: Sample[] = [];
  for (const track of renderedTracks(plan)) {
    const active = activeRanges(track);
    for (const k of track.keyframes) {
      if (!active.some((r) => k.t >= r.start - EPS && k.t <= r.end + EPS)) continue;
      // A keyframe at the very end names a frame just past the last one.
      const n = Math.min(Math.round(k.t * g.fps), lastFrame);
      if (!frameKept(n, g.fps, cuts)) continue;
      all.push({ trackId: track.id, t: k.t, box: clampBox(k.x, k.y, k.w, k.h, g), block: blockSize(k.w, k.h), n, nOut: keptBefore(n, g.fps, cuts) });
    }
  }
  if (all.length <= MAX_KEYFRAME_CHECKS) return all;
  const step = all.length / MAX_KEYFRAME_CHECKS;
  return Array.from({ length: MAX_KEYFRAME_CHECKS }, (_, i) => all[Math.floor(i * step)]!);
}

/**
 * The checks after every render (docs/redaction-plan.md section 5): the frame count, each
 * rendered keyframe's box against the source, and silence where the plan mutes.
 */
export async function verifyRender(
  input: { sourceUrl: string | readonly string[]; outputUrl: string; plan: Plan; compiled: CompiledPlan; cuts: TimeRange[]; geometry: FrameGeometry; hasAudio: boolean; hasVideo?: boolean; durationSec?: number },
  signal?: AbortSignal,
): Promise<Verification> {
  const { plan, compiled, cuts, geometry: g } = input;
  const video = input.hasVideo !== false;
  const lastFrame = input.durationSec ? Math.max(0, Math.round(input.durationSec * g.fps) - 1) : Number.MAX_SAFE_INTEGER;
  const picks = video ? samples(plan, cuts, g, lastFrame) : [];
  const none = { total: 0, frames: new Map<number, Buffer>() };
  const src = video ? await greyFrames(input.sourceUrl, picks.map((p) => p.n), g, signal) : none;
  const out = video ? await greyFrames(input.outputUrl, picks.map((p) => p.nOut), g, signal) : none;
  let expected = 0;
  for (let m = 0; m < src.total; m++) if (frameKept(m, g.fps, cuts)) expected++;
  const frames = { source: src.total, expected, output: out.total, ok: Math.abs(out.total - expected) <= 1 };
  const keyframes: KeyframeCheck[] = [];
  for (const p of picks) {
    const a = src.frames.get(p.n);
    const b = out.frames.get(p.nOut);
    if (!a || !b) {
      keyframes.push({ trackId: p.trackId, t: p.t, inside: 0, outside: 0, flat: false, ok: false });
      continue;
    }
    const wholeFrame = plan.frames.some((f) => p.t >= f.start && p.t <= f.end);
    const covered = renderedTracks(plan).flatMap((t) => (activeRanges(t).some((r) => p.t >= r.start - EPS && p.t <= r.end + EPS) ? [patchAt(plan, compiled, t.id, p.t, g)!] : []));
    const d = diffs(a, b, p.box, covered, g.width);
    const flat = detail(a, p.box, g.width, p.block) < 4;
    const ok = flat || (d.inside >= 5 && (wholeFrame || d.inside >= 2 * d.outside + 1));
    keyframes.push({ trackId: p.trackId, t: p.t, inside: round(d.inside), outside: round(d.outside), flat, ok });
  }
  const audio: AudioCheck[] = [];
  if (input.hasAudio) {
    for (const seg of mergeRanges(plan.audio)) {
      for (const r of rangeToOutput(seg, cuts)) {
        const start = r.start + AUDIO_EDGE_SEC;
        const end = r.end - AUDIO_EDGE_SEC;
        if (end <= start) continue;
        // Bleeps are silence plus a tone: the tone is loud on purpose, so only mutes are measured.
        const bleep = plan.audio.some((s) => s.effect === 'bleep' && s.start < seg.end && s.end > seg.start);
        if (bleep) continue;
        const db = await maxVolume(input.outputUrl, start, end, signal);
        audio.push({ start: seg.start, end: seg.end, outputStart: round(start), outputEnd: round(end), maxVolumeDb: Number.isFinite(db) ? db : -999, ok: db < SILENCE_DB });
      }
    }
  }
  const problem = !frames.ok
    ? `the result has ${out.total} frames where ${expected} were expected (the source's ${src.total} minus the cuts)`
    : keyframes.find((k) => !k.ok)
      ? (() => {
          const k = keyframes.find((x) => !x.ok)!;
          return `track ${k.trackId} at ${k.t} s does not differ enough from the source inside its box (mean difference ${k.inside}, outside ${k.outside})`;
        })()
      : audio.find((x) => !x.ok)
        ? (() => {
            const x = audio.find((y) => !y.ok)!;
            return `the audio muted from ${x.start} s to ${x.end} s still peaks at ${x.maxVolumeDb} dB (it must stay below ${SILENCE_DB} dB)`;
          })()
        : null;
  if (src.total === 0 && picks.length) throw new MediaError('UNREADABLE', 'Kluis could not decode the source again to check the render.');
  return { ok: problem === null, frames, keyframes, audio, problem };
}

const round = (x: number): number => Math.round(x * 100) / 100;
