/** The consent model's vocabularies (docs/consent-model.md); the contract repeats them as zod enums. */
export const ROLES = ['pupil', 'client', 'patient', 'student', 'teacher', 'other'] as const;
export const CONSENT_HOLDERS = ['school-protocol', 'other-school', 'self'] as const;
export const PURPOSES = ['reflection', 'assessment', 'videotoets', 'teaching', 'coaching', 'streaming', 'research'] as const;
export const AUDIENCES = ['self', 'supervisor', 'assessor', 'class', 'institution', 'public'] as const;
export const SIGNERS = ['person', 'guardian', 'both'] as const;
export const BASES = ['consent', 'legal-task', 'legitimate-interest'] as const;
export const SITUATIONS = ['partner-school', 'other-school', 'outside-school'] as const;
export const PRESENCE = ['seen', 'heard', 'both'] as const;

export type Role = (typeof ROLES)[number];
export type ConsentHolder = (typeof CONSENT_HOLDERS)[number];
export type Purpose = (typeof PURPOSES)[number];
export type Audience = (typeof AUDIENCES)[number];
export type Signer = (typeof SIGNERS)[number];
export type LawfulBasis = (typeof BASES)[number];
export type Situation = (typeof SITUATIONS)[number];
export type Presence = (typeof PRESENCE)[number];

/** Audiences that stay inside the class or group: a non-consent basis reaches no further (A1, A3). */
export const WITHIN_CLASS: ReadonlySet<Audience> = new Set(['self', 'supervisor', 'assessor', 'class']);

export interface Person {
  id: string;
  pseudonym: string;
  fullName: string | null;
  contact: string | null;
  role: Role;
  birthYear: number | null;
  minor: boolean;
  consentHolder: ConsentHolder;
  createdAt: string;
}

export interface Consent {
  id: string;
  personId: string;
  purposes: Purpose[];
  audiences: Audience[];
  signedBy: Signer;
  signedAt: string;
  validUntil: string | null;
  formBlobId: string | null;
  status: 'active' | 'withdrawn';
  withdrawnAt: string | null;
  withdrawnHow: string | null;
}

export interface RecordingConsentInfo {
  recordingId: string;
  purpose: Purpose;
  lawfulBasis: LawfulBasis;
  situation: Situation;
  specialCategory: boolean;
  owner: string;
  retentionPreset: string;
  retentionDeadline: string;
  consentArchive: string | null;
}

export interface TimeRange {
  startSec: number;
  endSec: number;
}

export interface Appearance {
  recordingId: string;
  personId: string;
  presence: Presence;
  ranges: TimeRange[];
}
