import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, formatNumber, formatPercent, formatRate, formatSampleRate, formatSize } from '../../../renderer/src/format';

// A local wall-clock moment, so the assertions hold in any time zone the machine is set to.
const afternoon = new Date(2026, 10, 23, 14, 5).toISOString();
const morning = new Date(2026, 0, 2, 9, 30).toISOString();
// Newer CLDR data writes Dutch month abbreviations with or without the dot ("nov." / "nov"); both are right.
const NL_NOV = /^23 nov\.? 2026$/;

describe('format: Dutch', () => {
  it('writes dates day-month-year with a Dutch month and 24-hour times', () => {
    expect(formatDate(afternoon, 'nl')).toMatch(NL_NOV);
    expect(formatDateTime(afternoon, 'nl')).toMatch(/^23 nov\.? 2026(,| om) 14:05$/);
    expect(formatDateTime(morning, 'nl')).toMatch(/^2 jan\.? 2026(,| om) 09:30$/);
  });
  it('uses a decimal comma and a dot for thousands', () => {
    expect(formatSize(1_500_000_000, 'nl')).toBe('1,5 GB');
    expect(formatSize(999, 'nl')).toBe('999 byte');
    expect(formatSize(12_345_678, 'nl')).toBe('12,3 MB');
    expect(formatRate(42_500_000, 'nl')).toBe('42,5 MB/sec');
    expect(formatNumber(10_000, 'nl')).toBe('10.000');
    expect(formatNumber(29.97, 'nl')).toBe('29,97');
    expect(formatSampleRate(44_100, 'nl')).toBe('44,1 kHz');
    expect(formatPercent(0.42, 'nl')).toBe('42%');
  });
  it('writes durations with Dutch units', () => {
    expect(formatDuration(125, 'nl')).toBe('2 min 5 sec');
    expect(formatDuration(3 * 3600 + 20 * 60, 'nl')).toBe('3 uur 20 min');
  });
});

describe('format: English', () => {
  it('writes dates month-day-year and 12-hour times', () => {
    expect(formatDate(afternoon, 'en')).toBe('Nov 23, 2026');
    expect(formatDateTime(afternoon, 'en')).toMatch(/^Nov 23, 2026(,| at) 2:05\s?PM$/u);
  });
  it('uses a decimal point and a comma for thousands', () => {
    expect(formatSize(1_500_000_000, 'en')).toBe('1.5 GB');
    expect(formatSize(2_000, 'en')).toBe('2 kB');
    expect(formatRate(42_500_000, 'en')).toBe('42.5 MB/s');
    expect(formatNumber(10_000, 'en')).toBe('10,000');
    expect(formatSampleRate(48_000, 'en')).toBe('48 kHz');
  });
  it('writes durations with English units', () => {
    expect(formatDuration(42, 'en')).toBe('42 sec');
    expect(formatDuration(125, 'en')).toBe('2 min 5 sec');
    expect(formatDuration(3 * 3600 + 20 * 60, 'en')).toBe('3 hr 20 min');
  });
});

describe('format: input it cannot read', () => {
  it('shows an unreadable date as it came instead of "Invalid Date" or a crash', () => {
    expect(formatDate('not a date', 'nl')).toBe('not a date');
    expect(formatDateTime('', 'en')).toBe('');
  });
});
