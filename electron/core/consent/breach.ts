import { listRecordings } from '../ingest';
import type { Vault } from '../vault';
import { listAppearances } from './appearances';
import { mayBeUnder16 } from './coverage';
import { getPerson } from './persons';
import { getRecordingInfo } from './recordings';
import type { LawfulBasis, Purpose } from './types';

export interface BreachInventory {
  generatedAt: string;
  /** the vault folder's content is encrypted at rest; nothing of it is readable without the password or recovery key */
  encrypted: true;
  recordings: {
    id: string;
    label: string;
    capturedAt: string | null;
    purpose: Purpose | null;
    lawfulBasis: LawfulBasis | null;
    specialCategory: boolean;
    owner: string | null;
    persons: { personId: string; pseudonym: string; role: string; under16: boolean }[];
  }[];
  totals: { recordings: number; persons: number; under16: number; specialCategory: number };
  /** what the privacy officer weighs; Kluis states facts, the officer decides (R8) */
  notes: string[];
}

/**
 * What was in this vault, for a lost or stolen laptop (R8): which recordings, which people,
 * on what basis, and that it was encrypted. Pseudonyms only: the report may travel.
 */
export function breachInventory(vault: Vault, now: Date = new Date()): BreachInventory {
  const people = new Map<string, boolean>();
  const recordings = listRecordings(vault).map((r) => {
    const info = getRecordingInfo(vault, r.id);
    const persons = listAppearances(vault, r.id).map((a) => {
      const p = getPerson(vault, a.personId);
      const under16 = mayBeUnder16(p, now);
      people.set(p.id, under16);
      return { personId: p.id, pseudonym: p.pseudonym, role: p.role, under16 };
    });
    return {
      id: r.id,
      label: r.label,
      capturedAt: r.capturedAt,
      purpose: info?.purpose ?? null,
      lawfulBasis: info?.lawfulBasis ?? null,
      specialCategory: info?.specialCategory ?? false,
      owner: info?.owner ?? null,
      persons,
    };
  });
  return {
    generatedAt: now.toISOString(),
    encrypted: true,
    recordings,
    totals: {
      recordings: recordings.length,
      persons: people.size,
      under16: [...people.values()].filter(Boolean).length,
      specialCategory: recordings.filter((r) => r.specialCategory).length,
    },
    notes: [
      'The Dutch DPA (Autoriteit Persoonsgegevens) expects a breach report within 72 hours of discovery.',
      'Everything in this vault is encrypted (AES-256-GCM under a key derived from the password with Argon2id); the people affected need not be told when the data cannot be used.',
      'Footage still on a camera card or copied outside the vault is not covered by this encryption.',
    ],
  };
}
