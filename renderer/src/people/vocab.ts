import type { Input, Output } from '../../../electron/core/api/contract';
import { formatDate, formatDateTime } from '../format';

export type Person = Output<'persons.list'>[number];
export type Consent = Output<'consents.list'>[number];
export type Role = Input<'persons.add'>['role'];
export type ConsentHolder = Input<'persons.add'>['consentHolder'];
export type Purpose = Input<'consents.add'>['purposes'][number];
export type Audience = Input<'consents.add'>['audiences'][number];
export type Signer = Input<'consents.add'>['signedBy'];
export type Basis = Input<'recordings.setPurpose'>['lawfulBasis'];
export type Situation = Input<'recordings.setPurpose'>['situation'];
export type Presence = Input<'appearances.add'>['presence'];

// The contract's vocabularies as values: the renderer may import only its types, so the lists
// are repeated here and `satisfies` keeps them in step with the contract.
export const ROLES = ['pupil', 'client', 'patient', 'student', 'teacher', 'other'] as const satisfies readonly Role[];
export const HOLDERS = ['school-protocol', 'other-school', 'self'] as const satisfies readonly ConsentHolder[];
export const PURPOSES = ['reflection', 'assessment', 'videotoets', 'teaching', 'coaching', 'streaming', 'research'] as const satisfies readonly Purpose[];
export const AUDIENCES = ['self', 'supervisor', 'assessor', 'class', 'institution', 'public'] as const satisfies readonly Audience[];
export const SIGNERS = ['person', 'guardian', 'both'] as const satisfies readonly Signer[];
export const BASES = ['consent', 'legal-task', 'legitimate-interest'] as const satisfies readonly Basis[];
export const SITUATIONS = ['partner-school', 'other-school', 'outside-school'] as const satisfies readonly Situation[];
export const PRESENCES = ['seen', 'heard', 'both'] as const satisfies readonly Presence[];

/**
 * Under 16 needs a guardian (R2, H1); with only a birth year, the cautious reading (as core's).
 * Only for a person not yet added: an added one carries the core's answer as `under16`.
 */
export function mayBeUnder16(p: { minor: boolean; birthYear: number | null }, now = new Date()): boolean {
  if (p.minor) return true;
  if (p.birthYear === null) return false;
  return now.getFullYear() - p.birthYear <= 16;
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A date or time from the core, shown as the calendar date (or date and time) in the user's language. */
export function showDate(iso: string | null, lang: string, withTime = false): string {
  if (!iso) return '';
  return withTime ? formatDateTime(iso, lang) : formatDate(iso, lang);
}
