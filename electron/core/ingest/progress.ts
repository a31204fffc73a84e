import type { ImportProgress } from './report-types';

/**
 * Counts work in bytes: each file is read three times (copy, card re-read, vault read-back),
 * so the total is three times the card's bytes and the ETA covers verification too.
 */
export class ProgressMeter {
  private done = 0;
  private files = 0;
  private lastEmit = 0;
  private readonly started = performance.now();
  phase: ImportProgress['phase'] = 'scanning';
  current: string | undefined;

  constructor(
    private readonly total: number,
    private readonly filesTotal: number,
    private readonly emit?: (p: ImportProgress) => void,
  ) {}

  /** A new phase or file is shown at once, not at the next throttled tick. */
  enter(phase: ImportProgress['phase'], current?: string): void {
    this.phase = phase;
    this.current = current;
    this.tick(true);
  }

  add(bytes: number): void {
    this.done += bytes;
    this.tick(false);
  }

  fileDone(): void {
    this.files += 1;
    this.tick(true);
  }

  tick(force: boolean): void {
    const t = performance.now();
    if (!this.emit || (!force && t - this.lastEmit < 100)) return;
    this.lastEmit = t;
    const seconds = (t - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    this.emit({
      phase: this.phase,
      bytesDone: this.done,
      bytesTotal: this.total,
      filesDone: this.files,
      filesTotal: this.filesTotal,
      rate,
      etaSeconds: rate > 0 ? Math.max(0, (this.total - this.done) / rate) : null,
      ...(this.current ? { current: this.current } : {}),
    });
  }
}
