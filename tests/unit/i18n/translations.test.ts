import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../renderer/src/i18n/resources';

const DIR = join(__dirname, '../../../renderer/src/i18n');

function leafKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

function jsonFiles(): string[] {
  return readdirSync(DIR).filter((f) => f.endsWith('.json'));
}

describe('translations', () => {
  it('Dutch and English have exactly the same keys', () => {
    const en = new Set(leafKeys(resources.en.translation));
    const nl = new Set(leafKeys(resources.nl.translation));
    expect([...en].filter((k) => !nl.has(k)), 'keys missing in Dutch').toEqual([]);
    expect([...nl].filter((k) => !en.has(k)), 'keys missing in English').toEqual([]);
    expect(en.size).toBeGreaterThan(100);
  });

  it('every translation file is merged and no top-level key is defined in two files of one language', () => {
    for (const lang of ['en', 'nl'] as const) {
      const files = jsonFiles().filter((f) => f === `${lang}.json` || f.endsWith(`.${lang}.json`));
      const seen = new Map<string, string>();
      for (const f of files) {
        for (const key of Object.keys(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as object)) {
          expect(seen.get(key), `${key} is in both ${seen.get(key)} and ${f}`).toBeUndefined();
          seen.set(key, f);
          expect(resources[lang].translation).toHaveProperty(key);
        }
      }
    }
  });

  it('no translation is empty', () => {
    for (const lang of ['en', 'nl'] as const) {
      const empty = leafKeys(resources[lang].translation).filter((k) => {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], resources[lang].translation);
        return typeof v !== 'string' || v.trim() === '';
      });
      expect(empty, `${lang} empty strings`).toEqual([]);
    }
  });
});
