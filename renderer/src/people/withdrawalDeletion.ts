import { api } from '../api/client';
import type { Output } from '../../../electron/core/api/contract';
import type { ExportRecord } from '../share/types';

export type DeletionReport = Output<'reports.deletion'>;

export interface DeletionResult {
  report: DeletionReport;
  /** titles of the recordings deleted now, kept from before the deletion took their rows */
  titles: Map<string, string>;
}

/**
 * Deletes the chosen recordings for the person's withdrawal (R7). A source takes its redacted
 * derivatives with it, so each round asks which of the chosen are still there.
 */
export async function deleteForWithdrawal(personId: string, chosen: string[], name: (id: string) => string): Promise<DeletionResult> {
  const titles = new Map(chosen.map((r) => [r, name(r)]));
  const tried = new Set<string>();
  for (;;) {
    const { recordings } = await api.call('persons.get', { id: personId });
    const next = chosen.find((r) => recordings.includes(r) && !tried.has(r));
    if (!next) break;
    tried.add(next);
    await api.call('recordings.delete', { recordingId: next, why: 'withdrawal', rule: 'R7', personId });
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
