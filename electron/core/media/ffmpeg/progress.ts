/** One block of ffmpeg's `-progress` output; ffmpeg writes "N/A" for values it does not know yet. */
export interface FfmpegProgress {
  frame?: number;
  fps?: number;
  /** Position in the output, microseconds. */
  outTimeUs?: number;
  /** Multiple of real time, e.g. 2.5 for "2.5x". */
  speed?: number;
  totalSize?: number;
  progress: 'continue' | 'end';
  /** Every key of the block as ffmpeg wrote it, for fields not typed above. */
  raw: Record<string, string>;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Feed it text as it arrives (any chunking); it calls `emit` once per completed block. */
export class ProgressParser {
  private pending = '';
  private block: Record<string, string> = {};

  constructor(private readonly emit: (p: FfmpegProgress) => void) {}

  push(text: string): void {
    this.pending += text;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl).trim();
      this.pending = this.pending.slice(nl + 1);
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      this.block[key] = value;
      if (key === 'progress') this.flush(value === 'end' ? 'end' : 'continue');
    }
  }

  private flush(progress: 'continue' | 'end'): void {
    const raw = this.block;
    this.block = {};
    // out_time_ms is also microseconds (a long-standing ffmpeg misnomer); prefer out_time_us.
    const outTimeUs = num(raw.out_time_us) ?? num(raw.out_time_ms);
    this.emit({
      frame: num(raw.frame),
      fps: num(raw.fps),
      outTimeUs,
      speed: num(raw.speed?.replace(/x$/, '')),
      totalSize: num(raw.total_size),
      progress,
      raw,
    });
  }
}
