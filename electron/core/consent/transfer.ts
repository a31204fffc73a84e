import { randomBytes } from 'node:crypto';
import type { Vault } from '../vault';
import { listAppearances, writeAppearanceRow } from './appearances';
import { insertConsentRow, listConsents } from './consents';
import { getPerson, insertPersonRow } from './persons';
import { getRecordingInfo, writeInfoRow } from './recordings';
import { newId, ready } from './ready';
import type { Appearance, Consent, Person, RecordingConsentInfo } from './types';

/**
 * Ownership transfer (U5) as the consent model sees it: what a colleague needs to carry the duty
 * to delete, read out of one vault and written into another. The package format around it is
 * share's (docs/share-package.md, "Handover to a colleague").
 */
export interface ConsentSnapshot {
  recordings: Map<string, { info: RecordingConsentInfo | null; appearances: Appearance[] }>;
  /** everyone appearing in any of the recordings, with all their consents (withdrawn ones too) */
  persons: Array<{ person: Person; consents: Consent[] }>;
}

export function consentSnapshot(vault: Vault, recordingIds: string[]): ConsentSnapshot {
  ready(vault);
  const recordings = new Map(recordingIds.map((id) => [id, { info: getRecordingInfo(vault, id), appearances: listAppearances(vault, id) }]));
  const personIds = [...new Set([...recordings.values()].flatMap((r) => r.appearances.map((a) => a.personId)))].sort();
  return { recordings, persons: personIds.map((id) => ({ person: getPerson(vault, id), consents: listConsents(vault, id) })) };
}

export type AdoptedConsent = Omit<Consent, 'id' | 'personId'>;
export type AdoptedPerson = Omit<Person, 'id' | 'createdAt'> & { ref: string; consents: AdoptedConsent[] };
export interface AdoptedRecording {
  recordingId: string;
  info: Omit<RecordingConsentInfo, 'recordingId'> | null;
  appearances: Array<{ personRef: string; presence: Appearance['presence']; ranges: Appearance['ranges'] }>;
}

/**
 * Writes handed-over persons (as new persons of this vault), their consents, appearances and each
 * recording's basis and retention. Runs inside the caller's transaction, which also writes the
 * one audit entry for the whole handover. Returns the new person id of each ref.
 */
export function adoptConsentRows(vault: Vault, persons: AdoptedPerson[], recordings: AdoptedRecording[], now: Date): Map<string, string> {
  ready(vault);
  const ids = new Map<string, string>();
  for (const { ref, consents, ...p } of persons) {
    const id = newId('per', randomBytes(8));
    ids.set(ref, id);
    insertPersonRow(vault, { ...p, id, createdAt: now.toISOString() });
    for (const c of consents) insertConsentRow(vault, { ...c, id: newId('con', randomBytes(8)), personId: id });
  }
  for (const r of recordings) {
    if (r.info) writeInfoRow(vault, { ...r.info, recordingId: r.recordingId });
    for (const a of r.appearances) {
      const personId = ids.get(a.personRef);
      if (!personId) throw new Error(`The handover names ${a.personRef} in a recording but not among its persons.`);
      writeAppearanceRow(vault, { recordingId: r.recordingId, personId, presence: a.presence, ranges: a.ranges });
    }
  }
  return ids;
}
