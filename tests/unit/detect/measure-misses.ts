/**
 * Reproduces the misses tables of docs/detection.md (not a test: it prints measurements).
 *   npx tsx tests/unit/detect/measure-misses.ts stills   region plans vs face size, on stills
 *   npx tsx tests/unit/detect/measure-misses.ts motion   the old and the default pipeline on a clip
 * The faces are the five-portrait row of @vladmandic/human's screenshot-facedetect.jpg (MIT),
 * read from node_modules; the clip goes to a temporary folder and is removed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { detectInput, type ProposedTrack } from '../../../electron/core/redact/detect';
import { analyseFrame, FRAME_DEFAULTS } from '../../../electron/core/redact/detect/detector';
import { planTiles } from '../../../electron/core/redact/detect/tiles';
import { FaceModel } from '../../../electron/core/redact/detect/worker';

const ROW = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets', 'screenshot-facedetect.jpg');
const load = (): string => execFileSync('cat', ['/proc/loadavg']).toString().split(' ')[0]!;

function still(rowW: number, x: number, y: number): Uint8Array {
  const graph = `[1:v]crop=800:170:0:335,scale=${rowW}:-2[r];[0:v][r]overlay=${x}:${y}`;
  return new Uint8Array(execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=gray:size=1920x1080', '-i', ROW, '-filter_complex', graph, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 64 << 20 }));
}

async function stills(): Promise<void> {
  const m = await FaceModel.open();
  // BlazeFace's mean box width for the row at 800 px (whole frame: the faces it finds there), to size the row by
  const base = await analyseFrame(m, still(800, 0, 0), 1920, 1080, planTiles(1920, 1080, 0, 0), FRAME_DEFAULTS, false);
  const face0 = base.faces.reduce((a, d) => a + d.w, 0) / base.faces.length;
  for (const [tile, overlap] of [[540, 96], [640, 96], [720, 96], [0, 0]] as const) {
    const regions = planTiles(1920, 1080, tile, overlap);
    const cells: string[] = [];
    for (const s of [16, 20, 24, 32, 48]) {
      let found = 0;
      for (const [x, y] of [[60, 100], [500, 480], [1100, 850]] as const) {
        const r = await analyseFrame(m, still(Math.round((800 * s) / face0 / 2) * 2, x, y), 1920, 1080, regions, FRAME_DEFAULTS, false);
        found += r.faces.filter((d) => d.w > s * 0.5 && d.w < s * 2).length;
      }
      cells.push(`${s}px ${found}/15`);
    }
    console.log(`tile ${tile}/${overlap}, ${regions.length} regions: ${cells.join(', ')}`);
  }
  await m.close();
}

function boxAt(t: ProposedTrack, time: number): { x: number; y: number; w: number; h: number } | null {
  const k = t.keyframes;
  for (let i = 0; i < k.length - 1; i++) {
    const a = k[i]!;
    const b = k[i + 1]!;
    if (time < a.t || time > b.t) continue;
    const f = b.t > a.t ? (time - a.t) / (b.t - a.t) : 0;
    const l = (p: number, q: number): number => p + (q - p) * f;
    return { x: l(a.x, b.x), y: l(a.y, b.y), w: l(a.w, b.w), h: l(a.h, b.h) };
  }
  return null;
}

async function motion(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kluis-misses-'));
  const clip = join(dir, 'small.mp4');
  // the row scaled to 150 px (faces ~24 px): one copy moving right at 30 px/s, one standing still
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=gray:size=1920x1080:rate=30:duration=8', '-loop', '1', '-i', ROW,
    '-filter_complex', "[1:v]crop=800:170:0:335,scale=150:-2,split[r1][r2];[0:v][r1]overlay=x='200+30*t':y=150:shortest=1[a];[a][r2]overlay=x=1000:y=700",
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-t', '8', clip]);
  try {
    const variants = { before: { workers: 1, tilePhases: 1, everyNth: 10, persons: false }, now: { persons: false } };
    for (const [name, o] of Object.entries(variants)) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const tracks = await detectInput(clip, o);
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      // share of frames in which a box covers the face's estimated centre (faces 30 px apart in the row)
      const cover = (cx: (t: number) => number, cy: number): number => {
        let hit = 0;
        for (let f = 0; f < 240; f++) {
          const t = f / 30;
          const x = cx(t);
          if (tracks.some((tr) => { const b = boxAt(tr, t); return b !== null && x >= b.x && x <= b.x + b.w && cy >= b.y && cy <= b.y + b.h; })) hit++;
        }
        return Math.round((100 * hit) / 240);
      };
      const moving = [0, 1, 2, 3, 4].map((i) => cover((t) => 200 + 30 * t + (i + 0.5) * 30, 166));
      const fixed = [0, 1, 2, 3, 4].map((i) => cover(() => 1000 + (i + 0.5) * 30, 716));
      console.log(`${name}: wall ${wall.toFixed(1)} s, CPU ${((c.user + c.system) / 1e6).toFixed(1)} s, load ${load()}, ${tracks.length} tracks; moving ${moving.join('/')} %, still ${fixed.join('/')} %`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void (process.argv[2] === 'motion' ? motion() : stills());
