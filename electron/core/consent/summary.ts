import type { Vault } from '../vault';
import { listAppearances } from './appearances';
import { listConsents } from './consents';
import { consentProblems } from './coverage';
import { objectsTo } from './objections';
import { getPerson } from './persons';
import { getRecordingInfo } from './recordings';
import { ready } from './ready';
import { WITHIN_CLASS, type Audience, type Person, type Purpose, type RecordingConsentInfo } from './types';

export type CoverageStatus = 'covered' | 'attention' | 'blocked';

export interface CoverageSummary {
  recordingId: string;
  /** blocked: special category (U2) or past retention (R7, H7); attention: no purpose, or someone not covered */
  status: CoverageStatus;
  blockers: ('special-category' | 'past-retention')[];
  noPurpose: boolean;
  /** pseudonyms of the people no consent or basis covers for the recording's own purpose */
  uncovered: string[];
  persons: number;
}

/**
 * Whether a person may be in a recording used for `purpose` (for `audience` when given; any
 * audience otherwise): by the recording's non-consent basis inside the class (A1, A2), or by one
 * live consent naming the purpose, with a guardian where needed (R1, R2, H1).
 */
export function coveredForPurpose(vault: Vault, person: Person, purpose: Purpose, audience: Audience | null, info: RecordingConsentInfo | null, now: Date): boolean {
  if (objectsTo(vault, person.id, purpose)) return false;
  if (info && info.lawfulBasis !== 'consent' && info.purpose === purpose && (audience === null || WITHIN_CLASS.has(audience))) return true;
  return listConsents(vault, person.id).some((c) => consentProblems(person, c, purpose, audience ?? 'self', now).every((p) => audience === null && p === 'audience-not-covered'));
}

/**
 * One glance per recording for the library's badge, judged against the recording's own purpose
 * (the use it was made for). Unknown ids are left out rather than failing the whole page: a row
 * may have been deleted between the list and this call.
 */
export function coverageSummaries(vault: Vault, recordingIds: readonly string[], now: Date = new Date()): CoverageSummary[] {
  const db = ready(vault).catalog;
  const exists = db.prepare('SELECT 1 FROM recordings WHERE id = ?');
  const out: CoverageSummary[] = [];
  for (const recordingId of new Set(recordingIds)) {
    if (!exists.get(recordingId)) continue;
    const info = getRecordingInfo(vault, recordingId);
    const blockers: CoverageSummary['blockers'] = [];
    if (info?.specialCategory) blockers.push('special-category');
    if (info && new Date(info.retentionDeadline).getTime() <= now.getTime()) blockers.push('past-retention');
    const appearing = listAppearances(vault, recordingId).map((a) => getPerson(vault, a.personId));
    const uncovered = info ? appearing.filter((p) => !coveredForPurpose(vault, p, info.purpose, null, info, now)).map((p) => p.pseudonym) : [];
    const status: CoverageStatus = blockers.length ? 'blocked' : !info || uncovered.length ? 'attention' : 'covered';
    out.push({ recordingId, status, blockers, noPurpose: !info, uncovered, persons: appearing.length });
  }
  return out;
}
