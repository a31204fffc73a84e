import { describe, expect, it } from 'vitest';
import { mayBeUnder16, findPreset, retentionDeadline, retentionPresets, type Person } from '../../../electron/core/consent';

const person = (over: Partial<Person>): Person => ({
  id: 'per_0000000000000000',
  pseudonym: 'J.',
  fullName: null,
  contact: null,
  role: 'pupil',
  birthYear: null,
  minor: false,
  consentHolder: 'self',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('age at signing (R2, H1)', () => {
  it('R2: someone born in 2011 is at most 15 in 2026 and needs a guardian', () => {
    expect(mayBeUnder16(person({ birthYear: 2011 }), new Date('2026-12-31'))).toBe(true);
  });
  it('R2: someone born in 2010 may still be 15 in 2026 (birth year only), so a guardian is asked', () => {
    expect(mayBeUnder16(person({ birthYear: 2010 }), new Date('2026-12-31'))).toBe(true);
  });
  it('R2: someone born in 2009 is at least 16 in 2026 and signs alone', () => {
    expect(mayBeUnder16(person({ birthYear: 2009 }), new Date('2026-01-01'))).toBe(false);
  });
  it('R2, B4: the minor flag demands a guardian whatever the birth year', () => {
    expect(mayBeUnder16(person({ birthYear: 1990, minor: true }), new Date('2026-01-01'))).toBe(true);
  });
});

describe('retention presets are data (H7, A1, A2, A4, R7)', () => {
  const at = new Date(Date.UTC(2026, 2, 10));
  it('every preset the policies name is there, each with its rule', () => {
    const ids = retentionPresets().map((p) => `${p.id}:${p.rule}`);
    expect(ids).toEqual([
      'reflection:H7',
      'assessment-evidence:H7',
      'final-level-evidence:H7',
      'assessment-material:A1',
      'exam-content:A4',
      'psychology-teaching:NVO',
      'stream-school-year:A2',
      'until-assessed:R7',
      'custom:U5',
    ]);
  });
  it('H7: reflection 4 weeks, assessment evidence 1 year, final level 7 years', () => {
    expect(retentionDeadline(findPreset('reflection'), at).toISOString()).toBe('2026-04-07T00:00:00.000Z');
    expect(retentionDeadline(findPreset('assessment-evidence'), at).toISOString()).toBe('2027-03-10T00:00:00.000Z');
    expect(retentionDeadline(findPreset('final-level-evidence'), at).toISOString()).toBe('2033-03-10T00:00:00.000Z');
  });
  it('A1: assessment material counts 2 years from graduation, and asks for that date', () => {
    expect(retentionDeadline(findPreset('assessment-material'), at, { anchorDate: new Date('2028-07-01T00:00:00Z') }).toISOString()).toBe('2030-07-01T00:00:00.000Z');
    expect(() => retentionDeadline(findPreset('assessment-material'), at)).toThrow(/graduation date/);
  });
  it('A2: a stream goes at the end of the school year it was recorded in', () => {
    expect(retentionDeadline(findPreset('stream-school-year'), at).toISOString()).toBe('2026-08-01T00:00:00.000Z');
    expect(retentionDeadline(findPreset('stream-school-year'), new Date(Date.UTC(2026, 8, 1))).toISOString()).toBe('2027-08-01T00:00:00.000Z');
  });
  it('an unknown preset is named with the ones that exist', () => {
    expect(() => findPreset('forever')).toThrow(/no retention preset "forever".*reflection/);
  });
});
