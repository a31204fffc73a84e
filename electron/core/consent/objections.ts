import { randomBytes } from 'node:crypto';
import { VaultError, type Vault } from '../vault';
import { getPerson } from './persons';
import { audit, newId, ready } from './ready';
import type { Purpose } from './types';

/**
 * An objection (A2; GDPR art. 21): a person says no to being recorded for these purposes where
 * the recording rests on legitimate interest (streaming, internal coaching), where nobody asked
 * for consent. While it stands, coverage treats them as not covered for those purposes (reason
 * 'objected'): they are cut or redacted, and follow the lesson online instead.
 */
export interface Objection {
  id: string;
  personId: string;
  purposes: Purpose[];
  madeAt: string;
  how: string | null;
  liftedAt: string | null;
}

interface Row {
  id: string;
  person_id: string;
  purposes: string;
  made_at: string;
  how: string | null;
  lifted_at: string | null;
}

const toObjection = (r: Row): Objection => ({ id: r.id, personId: r.person_id, purposes: JSON.parse(r.purposes) as Purpose[], madeAt: r.made_at, how: r.how, liftedAt: r.lifted_at });

export interface ObjectionMade {
  objection: Objection;
  /** recordings the person appears in whose own purpose the objection names: each needs cutting, redacting or deleting */
  affectedRecordings: string[];
}

/** Recording an objection is one action and asks no reason, like a withdrawal (R1). */
export function addObjection(vault: Vault, o: { personId: string; purposes: Purpose[]; how?: string | null }, now: Date = new Date()): ObjectionMade {
  const db = ready(vault).catalog;
  getPerson(vault, o.personId);
  if (o.purposes.length === 0) throw new VaultError('NOT_FOUND', 'Name at least one purpose the person objects to (e.g. streaming).');
  const objection: Objection = { id: newId('obj', randomBytes(8)), personId: o.personId, purposes: [...new Set(o.purposes)], madeAt: now.toISOString(), how: o.how ?? null, liftedAt: null };
  db.transaction(() => {
    db.prepare('INSERT INTO objections (id, person_id, purposes, made_at, how) VALUES (?, ?, ?, ?, ?)').run(objection.id, objection.personId, JSON.stringify(objection.purposes), objection.madeAt, objection.how);
    audit(vault, { action: 'person.objected', subject: objection.personId, detail: { objection: objection.id, purposes: objection.purposes.join(','), how: objection.how } }, now);
  })();
  return { objection, affectedRecordings: objectedRecordings(vault, objection) };
}

export function liftObjection(vault: Vault, id: string, now: Date = new Date()): Objection {
  const db = ready(vault).catalog;
  const before = getObjection(vault, id);
  if (before.liftedAt === null) {
    db.transaction(() => {
      db.prepare('UPDATE objections SET lifted_at = ? WHERE id = ?').run(now.toISOString(), id);
      audit(vault, { action: 'person.objectionLifted', subject: before.personId, detail: { objection: id } }, now);
    })();
  }
  return getObjection(vault, id);
}

export function getObjection(vault: Vault, id: string): Objection {
  const r = ready(vault).catalog.prepare('SELECT * FROM objections WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new VaultError('NOT_FOUND', `There is no objection ${id} in this vault; list them with "kluis person show PERSON_ID".`);
  return toObjection(r);
}

export function listObjections(vault: Vault, personId?: string): Objection[] {
  const db = ready(vault).catalog;
  const rows = personId ? db.prepare('SELECT * FROM objections WHERE person_id = ? ORDER BY made_at, id').all(personId) : db.prepare('SELECT * FROM objections ORDER BY made_at, id').all();
  return (rows as Row[]).map(toObjection);
}

/** Whether a standing objection of this person names the purpose. */
export function objectsTo(vault: Vault, personId: string, purpose: Purpose): boolean {
  return listObjections(vault, personId).some((o) => o.liftedAt === null && o.purposes.includes(purpose));
}

function objectedRecordings(vault: Vault, o: Objection): string[] {
  const rows = vault.catalog
    .prepare('SELECT a.recording_id, i.purpose FROM appearances a JOIN recording_consent_info i ON i.recording_id = a.recording_id WHERE a.person_id = ? ORDER BY a.recording_id')
    .all(o.personId) as { recording_id: string; purpose: Purpose }[];
  return rows.filter((r) => o.purposes.includes(r.purpose)).map((r) => r.recording_id);
}
