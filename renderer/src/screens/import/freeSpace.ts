import type { ImportReport } from './types';

/**
 * The free-space overwrite is offered only after a full import that wiped: then whatever the
 * card still holds besides the ignored files is deleted data, and filling the free space
 * cannot touch a recording that is not yet safe in the vault.
 */
export function canOfferFreeSpace(report: ImportReport | null, failed: boolean): boolean {
  if (!report || failed || !report.wipeRequested || report.totals.wipedFiles === 0) return false;
  return report.units.every((u) => u.outcome === 'verified' || u.outcome === 'already-in-vault');
}

export interface FreeSpaceFigures {
  /** 0..1, or null while the total is unknown */
  fraction: number | null;
  /** bytes per second since the start, or null before there is anything to divide */
  rate: number | null;
  etaSeconds: number | null;
}

/**
 * The core reports bytes only; rate and time left are averaged over the whole run here, which
 * is steadier than a per-event rate on a card whose write speed drops once its cache is full.
 */
export function freeSpaceFigures(written: number, total: number | null, elapsedMs: number): FreeSpaceFigures {
  // The free space is measured before the first write; file-system overhead can make the written total differ a little.
  const fraction = total && total > 0 ? Math.min(1, written / total) : null;
  const rate = elapsedMs > 0 && written > 0 ? (written * 1000) / elapsedMs : null;
  const etaSeconds = rate && total ? Math.max(0, (total - written) / rate) : null;
  return { fraction, rate, etaSeconds };
}
