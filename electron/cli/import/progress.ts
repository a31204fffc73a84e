import type { IngestProgress } from '../../core/api';

const MB = 1_000_000;

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One status line: phase, percent, rate, ETA and the file at hand. */
export function progressText(p: IngestProgress): string {
  const pct = p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 100;
  const eta = p.etaSeconds == null ? 'ETA --:--' : `ETA ${clock(p.etaSeconds)}`;
  const files = `${p.filesDone}/${p.filesTotal} files`;
  return `${p.phase} ${pct}%  ${(p.rate / MB).toFixed(1)} MB/s  ${eta}  ${files}${p.current ? `  ${p.current}` : ''}`;
}

/**
 * Redraws one terminal line on stderr. A pipe or log file gets nothing: progress is for
 * people watching, and scripts read the summary or --json.
 */
export function importProgressLine(): { update(p: IngestProgress): void; clear(): void } {
  if (!process.stderr.isTTY) return { update() {}, clear() {} };
  let shown = false;
  return {
    update(p) {
      // A line longer than the terminal would wrap, and \r would then redraw only its tail.
      const width = Math.max(20, (process.stderr.columns || 80) - 1);
      const text = progressText(p);
      process.stderr.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
