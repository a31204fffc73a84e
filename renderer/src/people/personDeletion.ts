import { api } from '../api/client';
import type { Input, Output } from '../../../electron/core/api/contract';
import type { ExportRecord } from '../share/types';

export type DeletionReport = Output<'reports.deletion'>;

/**
 * Why a person's recordings are deleted: their withdrawal (R7) or their objection (A2). Both go
 * the same way and end in the same deletion confirmation; only the audit entry's reason differs.
 */
export interface PersonDeletionReason {
  why: Extract<Input<'recordings.delete'>['why'], 'withdrawal' | 'objection'>;
  rule: 'R7' | 'A2';
}
export const WITHDRAWAL: PersonDeletionReason = { why: 'withdrawal', rule: 'R7' };
export const OBJECTION: PersonDeletionReason = { why: 'objection', rule: 'A2' };

export interface DeletionResult {
  report: DeletionReport;
  /** titles of the recordings deleted now, kept from before the deletion took their rows */
  titles: Map<string, string>;
}

/**
 * Deletes the chosen recordings of the person for the given reason. A source takes its redacted
 * derivatives with it, so each round asks which of the chosen are still there.
 */
export async function deleteForPerson(personId: string, chosen: string[], name: (id: string) => string, reason: PersonDeletionReason): Promise<DeletionResult> {
  const titles = new Map(chosen.map((r) => [r, name(r)]));
  const tried = new Set<string>();
  for (;;) {
    const { recordings } = await api.call('persons.get', { id: personId });
    const next = chosen.find((r) => recordings.includes(r) && !tried.has(r));
    if (!next) break;
    tried.add(next);
    await api.call('recordings.delete', { recordingId: next, why: reason.why, rule: reason.rule, personId });
  }
  return { report: await api.call('reports.deletion', { personId }), titles };
}

/** The share packages that left with any of these recordings or their derivatives, each once. */
export async function packagesThatLeft(recordings: string[]): Promise<ExportRecord[] | null> {
  try {
    const lists = await Promise.all(recordings.map((recordingId) => api.call('share.exports', { recordingId, withDerivatives: true })));
    return [...new Map(lists.flat().map((e) => [e.id, e])).values()];
  } catch {
    return null;
  }
}

/** The PDF comes from the core (the same document the CLI writes), as base64 over the contract. */
export async function deletionPdf(personId: string): Promise<string> {
  const { pdfBase64 } = await api.call('reports.deletionPdf', { personId });
  return pdfBase64;
}
