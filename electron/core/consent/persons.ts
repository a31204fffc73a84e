import { randomBytes } from 'node:crypto';
import { VaultError, type Vault } from '../vault';
import { audit, newId, ready } from './ready';
import type { ConsentHolder, Person, Role } from './types';

export interface NewPerson {
  pseudonym: string;
  fullName?: string | null;
  contact?: string | null;
  role: Role;
  birthYear?: number | null;
  minor?: boolean;
  consentHolder: ConsentHolder;
}

interface PersonRow {
  id: string;
  pseudonym: string;
  full_name: string | null;
  contact: string | null;
  role: Role;
  birth_year: number | null;
  minor: number;
  consent_holder: ConsentHolder;
  created_at: string;
}

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  pseudonym: r.pseudonym,
  fullName: r.full_name,
  contact: r.contact,
  role: r.role,
  birthYear: r.birth_year,
  minor: r.minor === 1,
  consentHolder: r.consent_holder,
  createdAt: r.created_at,
});

export function addPerson(vault: Vault, p: NewPerson, now: Date = new Date()): Person {
  const db = ready(vault).catalog;
  const person: Person = {
    id: newId('per', randomBytes(8)),
    pseudonym: p.pseudonym,
    fullName: p.fullName ?? null,
    contact: p.contact ?? null,
    role: p.role,
    birthYear: p.birthYear ?? null,
    minor: p.minor ?? false,
    consentHolder: p.consentHolder,
    createdAt: now.toISOString(),
  };
  db.transaction(() => {
    insertPersonRow(vault, person);
    // The log names the person by id only: names stay in the persons table (R10).
    audit(vault, { action: 'person.added', subject: person.id, detail: { role: person.role } }, now);
  })();
  return person;
}

/** The row itself, in the caller's transaction (adding a person, a handover's persons). */
export function insertPersonRow(vault: Vault, p: Person): void {
  vault.catalog
    .prepare('INSERT INTO persons (id, pseudonym, full_name, contact, role, birth_year, minor, consent_holder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(p.id, p.pseudonym, p.fullName, p.contact, p.role, p.birthYear, p.minor ? 1 : 0, p.consentHolder, p.createdAt);
}

export function listPersons(vault: Vault): Person[] {
  return (ready(vault).catalog.prepare('SELECT * FROM persons ORDER BY pseudonym, id').all() as PersonRow[]).map(toPerson);
}

export function getPerson(vault: Vault, id: string): Person {
  const r = ready(vault).catalog.prepare('SELECT * FROM persons WHERE id = ?').get(id) as PersonRow | undefined;
  if (!r) throw new VaultError('NOT_FOUND', `There is no person ${id} in this vault; list them with "kluis person ls".`);
  return toPerson(r);
}
