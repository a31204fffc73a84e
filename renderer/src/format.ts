/**
 * Every number, size, rate, duration and date the UI shows goes through here, formatted by Intl in
 * the reader's language (nl: "23 nov 2026, 14:05", "1,5 GB"; en: "Nov 23, 2026, 2:05 PM", "1.5 GB").
 * Sizes use decimal units, as cameras and file managers print them. tests/unit/renderer/format-guard
 * fails on date or size formatting by hand elsewhere in the renderer.
 */

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function formatSize(bytes: number, lang: string): string {
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < SIZE_UNITS.length - 1) {
    value /= 1000;
    i++;
  }
  return new Intl.NumberFormat(lang, { style: 'unit', unit: SIZE_UNITS[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(value);
}

export function formatRate(bytesPerSecond: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte-per-second', unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytesPerSecond / 1e6);
}

export function formatPercent(fraction: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** "2 min 5 s" style: precise enough for a wait, without pretending to the second on long ones. */
export function formatDuration(seconds: number, lang: string): string {
  const s = Math.max(0, Math.round(seconds));
  const unit = (value: number, u: 'hour' | 'minute' | 'second'): string => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (s < 60) return unit(s, 'second');
  if (s < 3600) return `${unit(Math.floor(s / 60), 'minute')} ${unit(s % 60, 'second')}`;
  return `${unit(Math.floor(s / 3600), 'hour')} ${unit(Math.round((s % 3600) / 60), 'minute')}`;
}

/** Counts and measurements: "10.000" in Dutch, "10,000" in English. */
export function formatNumber(value: number, lang: string, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits }).format(value);
}

/** Audio sample rates as people read them: "44,1 kHz". */
export function formatSampleRate(hertz: number, lang: string): string {
  return `${formatNumber(hertz / 1000, lang, 1)} kHz`;
}

/** A date from the core or a file; an unreadable one is shown as it came rather than as "Invalid Date". */
function formatWith(iso: string, lang: string, options: Intl.DateTimeFormatOptions): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang, options).format(d);
}

export function formatDateTime(iso: string, lang: string): string {
  return formatWith(iso, lang, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string, lang: string): string {
  return formatWith(iso, lang, { dateStyle: 'medium' });
}
