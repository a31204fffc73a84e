import { num, pieces, piecewise } from './expr';
import { activeRanges, mergeRanges, PlanError, renderedTracks, subtractRanges, type Plan, type TimeRange, type Track } from './plan';

/** What the compiler needs to know about the source (from ffprobe). */
export interface SourceShape {
  width: number;
  height: number;
  hasVideo: boolean;
  hasAudio: boolean;
  /** Hz; the bleep tone is made at the source's rate so amix needs no resampling */
  sampleRate: number | null;
}

export interface CompiledPlan {
  /** the -filter_complex graph; it goes to ffmpeg on stdin (-filter_complex_script pipe:0) */
  graph: string;
  /** -map arguments for the graph's outputs */
  maps: string[];
  /** per rendered track: the crop size actually used (its largest box, even) */
  boxes: { trackId: string; w: number; h: number }[];
}

/** The encoder settings of every render (and of the benchmark's plain re-encode). */
export const ENCODE_ARGS = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '160k'] as const;
/** Fragmented, so the MP4 can go to a pipe; the source's metadata (GPS, device) is not carried over. */
export const OUTPUT_ARGS = ['-map_metadata', '-1', '-map_chapters', '-1', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', 'pipe:1'] as const;

const even = (x: number): number => Math.ceil(x / 2) * 2;

/** `between(t,a,b)+…` — true inside any of the ranges (timeline `enable` and volume gates). */
export function within(ranges: readonly TimeRange[]): string {
  return mergeRanges(ranges).map((r) => `between(t,${num(r.start)},${num(r.end)})`).join('+');
}

/** Block size of the pixelation: at least 10 px, and at most six blocks across the box's short side. */
export const blockSize = (w: number, h: number): number => Math.max(10, Math.ceil(Math.min(w, h) / 6));

function styleChain(style: Track['style'], w: number, h: number): string {
  switch (style) {
    case 'pixelate': {
      const b = blockSize(w, h);
      return `scale=${Math.ceil(w / b)}:${Math.ceil(h / b)}:flags=area,scale=${w}:${h}:flags=neighbor`;
    }
    case 'solid':
      return 'lutyuv=y=16:u=128:v=128';
    case 'blur': {
      // boxblur's radius may not exceed half the (chroma) plane's short side
      const lr = Math.max(1, Math.floor(Math.min(w, h) / 4));
      const cr = Math.max(1, Math.floor(Math.min(w, h) / 8));
      return `boxblur=${lr}:3:${cr}:3`;
    }
  }
}

/** Alpha 0 outside the ellipse inscribed in the w×h box, so only the ellipse is covered. */
function ellipseMask(w: number, h: number): string {
  const a = num(w / 2);
  const b = num(h / 2);
  return `format=yuva420p,geq=lum='p(X,Y)':cb='p(X,Y)':cr='p(X,Y)':a='255*lte(pow((X-${a})/${a},2)+pow((Y-${b})/${b},2),1)'`;
}

function trackGraph(track: Track, shape: SourceShape, input: string, base: string, out: string, n: number): { lines: string[]; w: number; h: number } {
  const maxW = Math.max(...track.keyframes.map((k) => k.w));
  const maxH = Math.max(...track.keyframes.map((k) => k.h));
  const w = Math.min(even(maxW), shape.width - (shape.width % 2));
  const h = Math.min(even(maxH), shape.height - (shape.height % 2));
  const holds = mergeRanges(track.hold);
  const x = `clip(${piecewise(pieces(track.keyframes, (k) => k.x + k.w / 2 - w / 2, holds))},0,${shape.width - w})`;
  const y = `clip(${piecewise(pieces(track.keyframes, (k) => k.y + k.h / 2 - h / 2, holds))},0,${shape.height - h})`;
  const effect = styleChain(track.style, w, h) + (track.shape === 'ellipse' ? `,${ellipseMask(w, h)}` : '');
  const patch = `r${n}`;
  return {
    w,
    h,
    lines: [
      `[${input}]crop=w=${w}:h=${h}:x='${x}':y='${y}',${effect}[${patch}]`,
      `[${base}][${patch}]overlay=x='${x}':y='${y}':eval=frame:enable='${within(activeRanges(track))}'[${out}]`,
    ],
  };
}

/** Kept ranges: everything outside the cuts (the last one open-ended). */
export function keptRanges(cuts: readonly TimeRange[]): { start: number; end: number | null }[] {
  const merged = mergeRanges(cuts);
  const out: { start: number; end: number | null }[] = [];
  let at = 0;
  for (const c of merged) {
    if (c.start > at) out.push({ start: at, end: c.start });
    at = Math.max(at, c.end);
  }
  out.push({ start: at, end: null });
  return out;
}

const trimArgs = (r: { start: number; end: number | null }): string => (r.end === null ? `start=${num(r.start)}` : `start=${num(r.start)}:end=${num(r.end)}`);

/**
 * The plan as one ffmpeg filter graph (docs/redaction-plan.md section 4): tracks, then
 * whole-frame segments, then audio, then the cuts (trim + concat keeps audio and video in step).
 */
export function compilePlan(plan: Plan, shape: SourceShape): CompiledPlan {
  const tracks = renderedTracks(plan);
  if (!shape.hasVideo && (tracks.length || plan.frames.length)) throw new PlanError('This recording has no video, so its plan can only mute, bleep and cut; remove its tracks and frame segments.');
  if (!shape.hasVideo && !shape.hasAudio) throw new PlanError('This recording has neither video nor audio; there is nothing to render.');
  const lines: string[] = [];
  const boxes: CompiledPlan['boxes'] = [];
  let v = '0:v:0';
  if (shape.hasVideo) {
    if (tracks.length) {
      const branches = tracks.map((_, i) => `c${i + 1}`);
      lines.push(`[${v}]split=${tracks.length + 1}[v0]${branches.map((b) => `[${b}]`).join('')}`);
      v = 'v0';
      tracks.forEach((t, i) => {
        const g = trackGraph(t, shape, branches[i]!, v, `v${i + 1}`, i + 1);
        lines.push(...g.lines);
        boxes.push({ trackId: t.id, w: g.w, h: g.h });
        v = `v${i + 1}`;
      });
    }
    const black = plan.frames.filter((f) => f.effect === 'black');
    const blur = plan.frames.filter((f) => f.effect === 'blur');
    if (blur.length) {
      const lr = Math.max(2, Math.floor(Math.min(shape.width, shape.height) / 12));
      const cr = Math.max(1, Math.floor(lr / 2));
      lines.push(`[${v}]boxblur=${lr}:3:${cr}:3:enable='${within(blur)}'[fb]`);
      v = 'fb';
    }
    if (black.length) {
      lines.push(`[${v}]drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='${within(black)}'[fk]`);
      v = 'fk';
    }
  }
  let a = '0:a:0';
  if (shape.hasAudio && plan.audio.length) {
    const silent = within(plan.audio);
    const bleep = plan.audio.filter((s) => s.effect === 'bleep');
    // Small audio frames, so the mute starts and ends within about 5 ms of the plan's times.
    lines.push(`[${a}]asetnsamples=n=256:p=0,volume=0:enable='${silent}'[am]`);
    a = 'am';
    if (bleep.length) {
      lines.push(`sine=f=1000:r=${shape.sampleRate ?? 48000},volume='0.25*(${within(bleep)})':eval=frame[tone]`);
      lines.push(`[${a}][tone]amix=inputs=2:duration=first:normalize=0[ab]`);
      a = 'ab';
    }
  }
  const cuts = mergeRanges(plan.cuts);
  if (cuts.length) {
    const kept = keptRanges(cuts);
    const k = kept.length;
    const segs: string[] = [];
    if (shape.hasVideo) {
      if (k > 1) lines.push(`[${v}]split=${k}${kept.map((_, i) => `[vs${i}]`).join('')}`);
      kept.forEach((r, i) => lines.push(`[${k > 1 ? `vs${i}` : v}]trim=${trimArgs(r)},setpts=PTS-STARTPTS[vk${i}]`));
    }
    if (shape.hasAudio) {
      if (k > 1) lines.push(`[${a}]asplit=${k}${kept.map((_, i) => `[as${i}]`).join('')}`);
      kept.forEach((r, i) => lines.push(`[${k > 1 ? `as${i}` : a}]atrim=${trimArgs(r)},asetpts=PTS-STARTPTS[ak${i}]`));
    }
    kept.forEach((_, i) => segs.push(`${shape.hasVideo ? `[vk${i}]` : ''}${shape.hasAudio ? `[ak${i}]` : ''}`));
    lines.push(`${segs.join('')}concat=n=${k}:v=${shape.hasVideo ? 1 : 0}:a=${shape.hasAudio ? 1 : 0}${shape.hasVideo ? '[vc]' : ''}${shape.hasAudio ? '[ac]' : ''}`);
    v = 'vc';
    a = 'ac';
  }
  const maps: string[] = [];
  if (shape.hasVideo) {
    lines.push(`[${v}]format=yuv420p[vout]`);
    maps.push('-map', '[vout]');
  }
  if (shape.hasAudio) {
    lines.push(`[${a}]anull[aout]`);
    maps.push('-map', '[aout]');
  }
  return { graph: lines.join(';\n'), maps, boxes };
}

/** The cuts clipped to the source, for the manifest and the checks (a cut past the end removes nothing). */
export function effectiveCuts(plan: Plan, durationSec: number): TimeRange[] {
  return subtractRanges(mergeRanges(plan.cuts), [{ start: durationSec, end: Number.MAX_SAFE_INTEGER }]);
}
