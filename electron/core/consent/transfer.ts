import { randomBytes } from 'node:crypto';
import type { Vault } from '../vault';
import { listAppearances } from './appearances';
import { listConsents } from './consents';
import { getPerson } from './persons';
import { getRecordingInfo } from './recordings';
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
  const db = ready(vault).catalog;
  const ids = new Map<string, string>();
  const person = db.prepare('INSERT INTO persons (id, pseudonym, full_name, contact, role, birth_year, minor, consent_holder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const consent = db.prepare(
    'INSERT INTO consents (id, person_id, purposes, audiences, signed_by, signed_at, valid_until, form_blob_id, status, withdrawn_at, withdrawn_how) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const p of persons) {
    const id = newId('per', randomBytes(8));
    ids.set(p.ref, id);
    person.run(id, p.pseudonym, p.fullName, p.contact, p.role, p.birthYear, p.minor ? 1 : 0, p.consentHolder, now.toISOString());
    for (const c of p.consents) {
      consent.run(newId('con', randomBytes(8)), id, JSON.stringify(c.purposes), JSON.stringify(c.audiences), c.signedBy, c.signedAt, c.validUntil, c.formBlobId, c.status, c.withdrawnAt, c.withdrawnHow);
    }
  }
  const info = db.prepare(
    'INSERT INTO recording_consent_info (recording_id, purpose, lawful_basis, situation, special_category, owner, retention_preset, retention_deadline, consent_archive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const appears = db.prepare('INSERT INTO appearances (recording_id, person_id, presence, ranges) VALUES (?, ?, ?, ?)');
  for (const r of recordings) {
    if (r.info) info.run(r.recordingId, r.info.purpose, r.info.lawfulBasis, r.info.situation, r.info.specialCategory ? 1 : 0, r.info.owner, r.info.retentionPreset, r.info.retentionDeadline, r.info.consentArchive);
    for (const a of r.appearances) {
      const pid = ids.get(a.personRef);
      if (!pid) throw new Error(`The handover names ${a.personRef} in a recording but not among its persons.`);
      appears.run(r.recordingId, pid, a.presence, JSON.stringify(a.ranges));
    }
  }
  return ids;
}
