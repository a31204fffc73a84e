import type { Output } from '../../../electron/core/api/contract';

type Person = Output<'persons.list'>[number];
type Consent = Output<'consents.list'>[number];

/** A person as the decision needs them: linked to this recording or not, and consenting or not. */
export interface PersonChoice {
  id: string;
  pseudonym: string;
  /** appears in this recording (appearances) */
  linked: boolean;
  /** an active, unexpired consent covering the recording's purpose: stays visible */
  consented: boolean;
}

/** Consent for this purpose, active and not past its end. Without a known purpose nobody counts as consenting (redact is the safe side). */
function consents(c: Consent, purpose: string | null, now: number): boolean {
  if (c.status !== 'active' || purpose === null) return false;
  if (c.validUntil && Date.parse(c.validUntil) < now) return false;
  return (c.purposes as string[]).includes(purpose);
}

export function choicesOf(persons: Person[], linkedIds: Set<string>, all: Consent[], purpose: string | null, now = Date.now()): PersonChoice[] {
  return persons
    .map((p) => ({ id: p.id, pseudonym: p.pseudonym, linked: linkedIds.has(p.id), consented: all.some((c) => c.personId === p.id && consents(c, purpose, now)) }))
    .sort((a, b) => Number(b.linked) - Number(a.linked) || a.pseudonym.localeCompare(b.pseudonym));
}

