import type { Vault } from '../vault';
import { listAppearances } from './appearances';
import { listConsents } from './consents';
import { objectsTo } from './objections';
import { getPerson } from './persons';
import { getRecordingInfo, recordedAt } from './recordings';
import { WITHIN_CLASS, type Audience, type Consent, type Person, type Purpose } from './types';

export type UncoveredReason = 'no-consent' | 'withdrawn' | 'expired' | 'purpose-not-covered' | 'audience-not-covered' | 'guardian-required' | 'objected';
export type Blocker = 'no-purpose' | 'special-category' | 'past-retention';

export interface PersonCoverage {
  personId: string;
  pseudonym: string;
  covered: boolean;
  /** how the person is covered: by a consent (its id) or by the recording's lawful basis */
  coveredBy: { consentId: string } | { basis: 'legal-task' | 'legitimate-interest' } | null;
  /** every reason no consent covers the person; empty when covered */
  reasons: UncoveredReason[];
}

export interface CoverageResult {
  recordingId: string;
  purpose: Purpose;
  audience: Audience;
  blockers: Blocker[];
  persons: PersonCoverage[];
  /** no blockers and every appearing person covered */
  shareable: boolean;
}

/**
 * Whether the person may have been under 16 when the consent was signed (R2, H1). With a birth
 * year only, someone born in 2010 may be 15 throughout 2026: the cautious reading asks a guardian.
 */
export function mayBeUnder16(person: Person, at: Date): boolean {
  if (person.minor) return true;
  if (person.birthYear === null) return false;
  return at.getUTCFullYear() - person.birthYear <= 16;
}

/** The reasons one consent does not cover this use; empty when it does. */
export function consentProblems(person: Person, c: Consent, purpose: Purpose, audience: Audience, now: Date): UncoveredReason[] {
  const out: UncoveredReason[] = [];
  if (c.status === 'withdrawn') out.push('withdrawn');
  if (c.validUntil && new Date(c.validUntil).getTime() < now.getTime()) out.push('expired');
  if (!c.purposes.includes(purpose)) out.push('purpose-not-covered');
  if (!c.audiences.includes(audience)) out.push('audience-not-covered');
  if (c.signedBy === 'person' && mayBeUnder16(person, new Date(c.signedAt))) out.push('guardian-required');
  return out;
}

/** The share gate's question: may this recording go to this audience for this purpose, and who is in the way? */
export function coverage(vault: Vault, recordingId: string, purpose: Purpose, audience: Audience, now: Date = new Date()): CoverageResult {
  recordedAt(vault, recordingId);
  const info = getRecordingInfo(vault, recordingId);
  const blockers: Blocker[] = [];
  if (!info) blockers.push('no-purpose');
  if (info?.specialCategory) blockers.push('special-category');
  if (info && new Date(info.retentionDeadline).getTime() <= now.getTime()) blockers.push('past-retention');
  // A non-consent basis covers only the recording's own purpose (H8) inside the class (A1, A2, A3).
  const basis = info && info.lawfulBasis !== 'consent' && info.purpose === purpose && WITHIN_CLASS.has(audience) ? info.lawfulBasis : null;
  const persons = listAppearances(vault, recordingId).map((a): PersonCoverage => {
    const person = getPerson(vault, a.personId);
    // A standing objection (A2) is a no for this purpose, whatever the basis or an older consent says.
    if (objectsTo(vault, person.id, purpose)) return { personId: person.id, pseudonym: person.pseudonym, covered: false, coveredBy: null, reasons: ['objected'] };
    if (basis) return { personId: person.id, pseudonym: person.pseudonym, covered: true, coveredBy: { basis }, reasons: [] };
    const consents = listConsents(vault, person.id);
    const checked = consents.map((c) => ({ c, problems: consentProblems(person, c, purpose, audience, now) }));
    const good = checked.find((x) => x.problems.length === 0);
    if (good) return { personId: person.id, pseudonym: person.pseudonym, covered: true, coveredBy: { consentId: good.c.id }, reasons: [] };
    const reasons = consents.length === 0 ? (['no-consent'] as UncoveredReason[]) : [...new Set(checked.flatMap((x) => x.problems))];
    return { personId: person.id, pseudonym: person.pseudonym, covered: false, coveredBy: null, reasons };
  });
  return { recordingId, purpose, audience, blockers, persons, shareable: blockers.length === 0 && persons.every((p) => p.covered) };
}
