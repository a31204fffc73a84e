import { randomBytes } from 'node:crypto';
import { VaultError, type Vault } from '../vault';
import { withdrawalCascade, type AffectedItem } from './cascade';
import { getPerson } from './persons';
import { audit, newId, ready } from './ready';
import type { Audience, Consent, Purpose, Signer } from './types';

export interface NewConsent {
  personId: string;
  purposes: Purpose[];
  audiences: Audience[];
  signedBy: Signer;
  signedAt: string;
  validUntil?: string | null;
  /** a scan, photo or PDF of the signed form; stored encrypted in the vault (R3) */
  formPath?: string;
}

interface ConsentRow {
  id: string;
  person_id: string;
  purposes: string;
  audiences: string;
  signed_by: Signer;
  signed_at: string;
  valid_until: string | null;
  form_blob_id: string | null;
  status: 'active' | 'withdrawn';
  withdrawn_at: string | null;
  withdrawn_how: string | null;
}

const toConsent = (r: ConsentRow): Consent => ({
  id: r.id,
  personId: r.person_id,
  purposes: JSON.parse(r.purposes) as Purpose[],
  audiences: JSON.parse(r.audiences) as Audience[],
  signedBy: r.signed_by,
  signedAt: r.signed_at,
  validUntil: r.valid_until,
  formBlobId: r.form_blob_id,
  status: r.status,
  withdrawnAt: r.withdrawn_at,
  withdrawnHow: r.withdrawn_how,
});

export async function addConsent(vault: Vault, c: NewConsent, now: Date = new Date()): Promise<Consent> {
  const db = ready(vault).catalog;
  getPerson(vault, c.personId);
  const consent: Consent = {
    id: newId('con', randomBytes(8)),
    personId: c.personId,
    purposes: [...new Set(c.purposes)],
    audiences: [...new Set(c.audiences)],
    signedBy: c.signedBy,
    signedAt: c.signedAt,
    validUntil: c.validUntil ?? null,
    formBlobId: null,
    status: 'active',
    withdrawnAt: null,
    withdrawnHow: null,
  };
  const insert = (formBlobId: string | null): Consent => {
    const row = { ...consent, formBlobId };
    insertConsentRow(vault, row);
    audit(vault, { action: 'consent.added', subject: row.personId, detail: { consent: row.id, purposes: row.purposes.join(','), audiences: row.audiences.join(','), signedBy: row.signedBy, form: formBlobId !== null } }, now);
    return row;
  };
  // With a form, the blob and the record commit in one transaction: no consent without its proof.
  if (c.formPath) return vault.storeFile(c.formPath, { name: `consent form ${consent.id}` }, (blob) => insert(blob.id));
  return db.transaction(() => insert(null))();
}

/** The row itself, in the caller's transaction (consent intake, a handover's consents). */
export function insertConsentRow(vault: Vault, c: Consent): void {
  vault.catalog
    .prepare('INSERT INTO consents (id, person_id, purposes, audiences, signed_by, signed_at, valid_until, form_blob_id, status, withdrawn_at, withdrawn_how) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(c.id, c.personId, JSON.stringify(c.purposes), JSON.stringify(c.audiences), c.signedBy, c.signedAt, c.validUntil, c.formBlobId, c.status, c.withdrawnAt, c.withdrawnHow);
}

export function listConsents(vault: Vault, personId?: string): Consent[] {
  const db = ready(vault).catalog;
  const rows = personId
    ? db.prepare('SELECT * FROM consents WHERE person_id = ? ORDER BY signed_at, id').all(personId)
    : db.prepare('SELECT * FROM consents ORDER BY signed_at, id').all();
  return (rows as ConsentRow[]).map(toConsent);
}

export function getConsent(vault: Vault, id: string): Consent {
  const r = ready(vault).catalog.prepare('SELECT * FROM consents WHERE id = ?').get(id) as ConsentRow | undefined;
  if (!r) throw new VaultError('NOT_FOUND', `There is no consent ${id} in this vault; list them with "kluis consent ls".`);
  return toConsent(r);
}

export interface Withdrawal {
  consent: Consent;
  /** every recording the person appears in: each needs deleting or redacting (R7, U4) */
  affectedRecordings: string[];
  /** the whole cascade: those recordings plus what redact and share registered (derived recordings, packages) */
  affected: AffectedItem[];
}

/**
 * Withdrawal in one action, with no reason asked (R1). Withdrawing twice is not an error: the
 * first withdrawal's time stands, and the cascade is listed again.
 */
export function withdrawConsent(vault: Vault, id: string, how: string, now: Date = new Date()): Withdrawal {
  const db = ready(vault).catalog;
  const before = getConsent(vault, id);
  if (before.status === 'active') {
    db.transaction(() => {
      db.prepare("UPDATE consents SET status = 'withdrawn', withdrawn_at = ?, withdrawn_how = ? WHERE id = ?").run(now.toISOString(), how, id);
      audit(vault, { action: 'consent.withdrawn', subject: before.personId, detail: { consent: id, how } }, now);
    })();
  }
  const affected = withdrawalCascade(vault, before.personId);
  return { consent: getConsent(vault, id), affectedRecordings: affected.filter((a) => a.kind === 'recording').map((a) => a.id), affected };
}

export function recordingsWith(vault: Vault, personId: string): string[] {
  const rows = ready(vault).catalog.prepare('SELECT recording_id FROM appearances WHERE person_id = ? ORDER BY recording_id').all(personId) as { recording_id: string }[];
  return rows.map((r) => r.recording_id);
}
