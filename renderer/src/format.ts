/** Sizes, rates, durations and dates in the reader's language; decimal units, as cameras and file managers print them. */

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

export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
