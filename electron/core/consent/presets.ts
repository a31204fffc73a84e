import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface RetentionPreset {
  id: string;
  label: string;
  /** the policy rule the period comes from (H7, A1, A2, A4, R7, NVO, ...) */
  rule: string;
  duration: { weeks?: number; months?: number; years?: number };
  /** what the period counts from: the recording time, a date the user gives, the school year, or an explicit deadline */
  from: 'recorded' | 'anchor' | 'school-year-end' | 'explicit';
  /** what the anchor date means, for 'anchor' presets */
  anchor?: string;
}

const FILE = join('resources', 'retention-presets.json');

/**
 * The presets are data (DESIGN.md), read from resources/ beside the code: electron/core/consent
 * in tests, out/cli and out/main once built all sit a few folders below the repo or app root.
 * (A JSON import would be inlined by the bundlers, but the node tsconfig does not list resources/.)
 */
function locate(): string {
  // A packaged app keeps resources/ next to app.asar (electron-builder extraResources).
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  for (const base of packaged ? [packaged, join(packaged, '..')] : []) {
    if (existsSync(join(base, FILE))) return join(base, FILE);
  }
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, FILE))) return join(dir, FILE);
    dir = dirname(dir);
  }
  throw new Error(`Kluis cannot find ${FILE} above ${__dirname}; the installation is incomplete, reinstall Kluis.`);
}

let cached: readonly RetentionPreset[] | null = null;

export function retentionPresets(): readonly RetentionPreset[] {
  if (!cached) {
    const data = JSON.parse(readFileSync(locate(), 'utf8')) as { presets?: RetentionPreset[] };
    if (!Array.isArray(data.presets) || data.presets.length === 0) throw new Error(`${FILE} has no presets; reinstall Kluis.`);
    cached = data.presets;
  }
  return cached;
}

export function findPreset(id: string): RetentionPreset {
  const p = retentionPresets().find((x) => x.id === id);
  if (!p) throw new TypeError(`There is no retention preset "${id}"; pick one of: ${retentionPresets().map((x) => x.id).join(', ')}.`);
  return p;
}

function addDuration(from: Date, d: RetentionPreset['duration']): Date {
  const out = new Date(from.getTime());
  if (d.years) out.setUTCFullYear(out.getUTCFullYear() + d.years);
  if (d.months) out.setUTCMonth(out.getUTCMonth() + d.months);
  if (d.weeks) out.setUTCDate(out.getUTCDate() + 7 * d.weeks);
  return out;
}

/** The Dutch school year ends on 31 July: streams go at the first 1 August after recording (A2). */
function nextSchoolYearEnd(from: Date): Date {
  const y = from.getUTCMonth() >= 7 ? from.getUTCFullYear() + 1 : from.getUTCFullYear();
  return new Date(Date.UTC(y, 7, 1));
}

/** When a recording under this preset must be gone. */
export function retentionDeadline(preset: RetentionPreset, recordedAt: Date, opts: { anchorDate?: Date; deadline?: Date } = {}): Date {
  switch (preset.from) {
    case 'recorded':
      return addDuration(recordedAt, preset.duration);
    case 'school-year-end':
      return nextSchoolYearEnd(recordedAt);
    case 'anchor':
      if (!opts.anchorDate) throw new TypeError(`The retention preset "${preset.id}" counts from the ${preset.anchor ?? 'anchor date'}; give that date.`);
      return addDuration(opts.anchorDate, preset.duration);
    case 'explicit':
      if (!opts.deadline) throw new TypeError(`The retention preset "${preset.id}" needs an explicit deadline; give one.`);
      return opts.deadline;
  }
}
