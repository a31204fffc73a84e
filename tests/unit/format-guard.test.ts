import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Dates, sizes and numbers shown to people go through renderer/src/format.ts (Intl, in the UI's
// language). This scan fails on formatting by hand anywhere else in the renderer.

const root = path.resolve(__dirname, '../../renderer/src');

const RULES: Record<string, RegExp> = {
  toLocale: /\.toLocale(?:Date|Time)?String\(/,
  isoShown: /\.toISOString\(/,
  intl: /\bIntl\.(?:DateTimeFormat|NumberFormat|RelativeTimeFormat)\b/,
  toFixed: /\.toFixed\(/,
  sizeUnit: /['"`][^'"`\n]*\d\s?(?:[kKMGT]i?B|bytes?)\b|\b(?:[KMGT]iB|[kKMG]B)['"`]/,
  bytesDivide: /\/\s*(?:1024|1e[369]|1_?000_?000)\b/,
  dateParts: /\.get(?:Full)?(?:Year|Month|Date|Hours|Minutes)\(\)/,
  clockDigits: /padStart\(2,\s*'0'\)/,
};

interface Allowed {
  file: string;
  rule: keyof typeof RULES;
  why: string;
  /**
   * A place another engineer owns and must still fix; not required to match, so fixing it does
   * not break this test. Remove the entry with the fix.
   */
  todo?: true;
}

const ALLOWED: Allowed[] = [
  { file: 'player/time.ts', rule: 'clockDigits', why: 'media timecode (1:02:03), the same in every language, as in every player' },
  { file: 'people/vocab.ts', rule: 'dateParts', why: "today's date as the value of <input type=date> and a birth-year age check; neither is shown as text" },
  { file: 'people/vocab.ts', rule: 'clockDigits', why: "today's date as the value of <input type=date> (YYYY-MM-DD), which the browser shows in its own format" },
  { file: 'share/ExportForm.tsx', rule: 'isoShown', why: 'the default value of <input type=date> (local day plus n days), which the browser shows in its own format' },
  { file: 'people/RecordingsConsent.tsx', rule: 'isoShown', why: 'a moment sent to the core (retention.due), not shown' },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [path.relative(root, p).split(path.sep).join('/')] : [];
  });
}

/** Each hit as "file rule line: text", without comments (they may describe what not to do). */
function hits(file: string): { file: string; rule: string; where: string }[] {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  return lines.flatMap((line, i) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '').replace(/\/\*.*?\*\//g, '');
    return Object.entries(RULES)
      .filter(([, re]) => re.test(code))
      .map(([rule]) => ({ file, rule, where: `${file}:${i + 1}: ${line.trim()}` }));
  });
}

const allowed = (h: { file: string; rule: string }): boolean => ALLOWED.some((a) => a.file === h.file && a.rule === h.rule);

describe('renderer formatting guard', () => {
  // format.ts is where formatting belongs.
  const all = sources(root)
    .filter((f) => f !== 'format.ts')
    .flatMap(hits);

  it('finds no date, size or number formatted by hand outside format.ts', () => {
    expect(all.filter((h) => !allowed(h)).map((h) => h.where)).toEqual([]);
  });

  it('keeps the allow-list honest: every entry that is not a TODO still matches something', () => {
    const stale = ALLOWED.filter((a) => !a.todo && !all.some((h) => h.file === a.file && h.rule === a.rule));
    expect(stale).toEqual([]);
  });

  it('catches each kind of hand formatting it is meant to catch', () => {
    const planted = [
      ['toLocale', 'd.toLocaleDateString()'],
      ['isoShown', '<td>{d.toISOString()}</td>'],
      ['intl', "new Intl.NumberFormat('nl')"],
      ['toFixed', '(n / 1e6).toFixed(1)'],
      ['sizeUnit', '`${mb} MB`'],
      ['sizeUnit', "size + ' GiB'"],
      ['bytesDivide', 'bytes / 1024'],
      ['dateParts', 'd.getHours()'],
      ['clockDigits', "String(s).padStart(2, '0')"],
    ] as const;
    for (const [rule, code] of planted) expect(RULES[rule]!.test(code), `${rule}: ${code}`).toBe(true);
    expect(RULES.sizeUnit!.test("t('import.preview.fileCount')")).toBe(false);
  });
});
