import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/en.json';
import nl from '../../../renderer/src/i18n/nl.json';
import { fileProblemText, type FileErrorCode } from '../../../renderer/src/screens/import/fileErrors';

// The real translations through a real i18next, as the renderer sets it up: a missing key shows here.
const CODES: FileErrorCode[] = ['READ_ERROR', 'DISAPPEARED', 'NO_ACCESS', 'CHANGED', 'READBACK_FAILED', 'WRITE_PROTECTED'];
const rel = 'DCIM/100CANON/MVI 0001 "quote".MP4';
let tEn: TFunction;
let tNl: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, nl: { translation: nl } }, lng: 'en', interpolation: { escapeValue: false }, showSupportNotice: false });
  tEn = i18n.getFixedT('en');
  tNl = i18n.getFixedT('nl');
});

describe('per-file error codes in the import report', () => {
  it.each(CODES)('%s gets its own sentence in English and Dutch, with the file name, and keeps the English detail', (code) => {
    const file = { relPath: rel, error: `core says ${code}`, errorCode: code };
    const english = fileProblemText(tEn, file)!;
    const dutch = fileProblemText(tNl, file)!;
    for (const p of [english, dutch]) {
      expect(p.english).toBe(false);
      expect(p.text).toContain(rel);
      expect(p.detail).toBe(`core says ${code}`);
    }
    expect(english.text).not.toBe(dutch.text);
    expect(english.text).not.toContain('core says');
    expect(en.import.fileError[code as keyof typeof en.import.fileError]).toBeTruthy();
    expect(nl.import.fileError[code as keyof typeof nl.import.fileError]).toBeTruthy();
  });

  it('a CHANGED file reads as changed on the card in both languages', () => {
    const file = { relPath: 'A.MP4', error: 'A.MP4 changed on the card', errorCode: 'CHANGED' as const };
    expect(fileProblemText(tEn, file)!.text).toMatch(/^A\.MP4 changed on the card between the copy and the check/);
    expect(fileProblemText(tNl, file)!.text).toMatch(/^A\.MP4 is op de kaart veranderd/);
  });

  it('OTHER, and a report without codes, show the English sentence as it is', () => {
    expect(fileProblemText(tNl, { relPath: rel, error: 'Failed while importing: boom', errorCode: 'OTHER' })).toEqual({ text: 'Failed while importing: boom', english: true, detail: null });
    expect(fileProblemText(tNl, { relPath: rel, error: 'old report' })).toEqual({ text: 'old report', english: true, detail: null });
  });

  it('a file without a problem has nothing to show', () => {
    expect(fileProblemText(tEn, { relPath: rel })).toBeNull();
  });
});
