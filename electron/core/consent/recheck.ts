import type { Vault } from '../vault';
import { listAppearances } from './appearances';
import { listConsents } from './consents';
import { getPerson } from './persons';
import { setRecordingPurpose, type SetPurpose } from './recordings';
import type { RecordingConsentInfo } from './types';

export interface NeedsConsent {
  personId: string;
  pseudonym: string;
  /** no live consent names the purpose, or every one that does ends before the recording's deadline */
  why: 'purpose-not-consented' | 'consent-ends-before-deadline';
}

/**
 * Sets the purpose and says who must be asked again (H8: a new purpose or a longer retention
 * needs new consent): on a consent basis, a person whose live consents do not name the
 * purpose, or all end before the (new) deadline, is listed.
 */
export function setPurposeAndRecheck(vault: Vault, s: SetPurpose, now: Date = new Date()): { info: RecordingConsentInfo; needsConsent: NeedsConsent[] } {
  const info = setRecordingPurpose(vault, s, now);
  if (info.lawfulBasis !== 'consent') return { info, needsConsent: [] };
  const deadline = new Date(info.retentionDeadline).getTime();
  const needsConsent: NeedsConsent[] = [];
  for (const a of listAppearances(vault, s.recordingId)) {
    const live = listConsents(vault, a.personId).filter((c) => c.status === 'active' && (!c.validUntil || new Date(c.validUntil).getTime() >= now.getTime()));
    const forPurpose = live.filter((c) => c.purposes.includes(info.purpose));
    const lastsLongEnough = forPurpose.some((c) => !c.validUntil || new Date(c.validUntil).getTime() >= deadline);
    if (!lastsLongEnough) {
      const why = forPurpose.length === 0 ? 'purpose-not-consented' : 'consent-ends-before-deadline';
      needsConsent.push({ personId: a.personId, pseudonym: getPerson(vault, a.personId).pseudonym, why });
    }
  }
  return { info, needsConsent };
}
