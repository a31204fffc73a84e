import { describe, expect, it } from 'vitest';
import { choicesOf } from '../../../renderer/src/redact/people';

const person = (id: string, pseudonym: string) => ({ id, pseudonym, fullName: null, contact: null, role: 'pupil' as const, birthYear: null, minor: true, under16: true, consentHolder: 'self' as const, createdAt: '2026-01-01' });
const consent = (personId: string, o: { purposes?: string[]; status?: 'active' | 'withdrawn'; validUntil?: string | null } = {}) => ({
  id: `con_${personId}`,
  personId,
  purposes: (o.purposes ?? ['teaching']) as never[],
  audiences: ['class'] as never[],
  signedBy: 'person' as const,
  signedAt: '2026-01-01',
  validUntil: o.validUntil ?? null,
  formBlobId: null,
  status: o.status ?? 'active',
  withdrawnAt: null,
  withdrawnHow: null,
});

describe('who a proposed track can be: linked first, consent for the recording purpose', () => {
  const people = [person('p1', 'Zed'), person('p2', 'Amy'), person('p3', 'Bo'), person('p4', 'Cy')];
  const now = Date.parse('2026-06-01');

  it('counts only an active, unexpired consent that covers the purpose', () => {
    const all = [consent('p1'), consent('p2', { status: 'withdrawn' }), consent('p3', { validUntil: '2026-05-01' }), consent('p4', { purposes: ['research'] })];
    const c = choicesOf(people, new Set(['p1', 'p3']), all, 'teaching', now);
    expect(c.map((p) => [p.pseudonym, p.linked, p.consented])).toEqual([
      ['Bo', true, false],
      ['Zed', true, true],
      ['Amy', false, false],
      ['Cy', false, false],
    ]);
  });

  it('without a purpose on the recording nobody counts as consenting (redact is the safe side)', () => {
    expect(choicesOf(people, new Set(), [consent('p1')], null, now).every((p) => !p.consented)).toBe(true);
  });
});
