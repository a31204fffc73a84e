import { listAudit, verifyAudit } from '../audit';
import { textPdf, type PdfLine } from '../pdf';
import { listRecordings } from '../ingest';
import type { Vault } from '../vault';
import type { Purpose } from './types';
import type { BreachInventory } from './breach';
import { listConsents, recordingsWith } from './consents';
import { listObjections, objectsTo } from './objections';
import { getPerson } from './persons';
import { getRecordingInfo } from './recordings';
import { ready } from './ready';

export interface DeletionConfirmation {
  format: 'kluis-deletion-confirmation-v1';
  generatedAt: string;
  /** pseudonym only: the document goes to the person or their guardian, and may travel (R10) */
  person: { id: string; pseudonym: string; role: string };
  withdrawals: { consentId: string; withdrawnAt: string; how: string | null }[];
  /** objections (A2), standing or lifted: a deletion under A2 follows from one of these */
  objections: { objectionId: string; purposes: Purpose[]; madeAt: string; liftedAt: string | null }[];
  /** recordings the person appeared in that were crypto-shredded, from the audit log */
  deleted: { recordingId: string; deletedAt: string; why: string; rule: string; auditSeq: number }[];
  /** recordings the person still appears in, and why each is still there */
  remaining: { recordingId: string; label: string; why: string }[];
  /** consent records that stay, and why */
  consentsKept: { consentId: string; status: string; why: string }[];
  audit: { ok: boolean; entries: number; headHash: string | null };
  statement: string;
}

const BASIS_RULE: Record<string, string> = { 'legal-task': 'A1', 'legitimate-interest': 'A2' };

/**
 * The deletion confirmation for a person after a withdrawal (R7, U4): which of their recordings
 * were deleted when (read from the audit log, which outlives the rows), what remains and why.
 */
export function deletionConfirmation(vault: Vault, personId: string, now: Date = new Date()): DeletionConfirmation {
  ready(vault);
  const person = getPerson(vault, personId);
  const consents = listConsents(vault, personId);
  const entries = listAudit(vault, { limit: Number.MAX_SAFE_INTEGER });
  const deleted = entries
    .filter((e) => e.action === 'recording.deleted' && e.subject && (e.detail.person === personId || String(e.detail.persons ?? '').split(',').includes(personId)))
    .map((e) => ({ recordingId: e.subject!, deletedAt: e.at, why: String(e.detail.why ?? e.detail.reason ?? 'unknown'), rule: String(e.detail.rule ?? '-'), auditSeq: e.seq }));
  const labels = new Map(listRecordings(vault).map((r) => [r.id, r.label]));
  const active = consents.filter((c) => c.status === 'active');
  const remaining = recordingsWith(vault, personId).map((id) => {
    const info = getRecordingInfo(vault, id);
    let why: string;
    if (!info) why = 'no purpose or basis recorded yet; it must be deleted or redacted (R7)';
    // A standing objection takes away what legitimate interest allowed (A2): not covered any more.
    else if (info.lawfulBasis !== 'consent' && objectsTo(vault, personId, info.purpose)) why = `NOT covered any more: they object to ${info.purpose} (A2); still to be cut, redacted or deleted`;
    else if (info.lawfulBasis !== 'consent') why = `kept on the basis ${info.lawfulBasis} (${BASIS_RULE[info.lawfulBasis] ?? '-'}) for ${info.purpose}, to be deleted by ${info.retentionDeadline.slice(0, 10)}`;
    else if (active.some((c) => c.purposes.includes(info.purpose))) why = `covered by a consent that is still active for ${info.purpose}; to be deleted by ${info.retentionDeadline.slice(0, 10)}`;
    else why = 'NOT covered any more: still to be deleted or redacted (R7)';
    return { recordingId: id, label: labels.get(id) ?? id, why };
  });
  const consentsKept = consents.map((c) => ({
    consentId: c.id,
    status: c.status,
    why: c.status === 'withdrawn' ? 'the withdrawn consent (and its signed form) is kept as proof of what was agreed and when it was withdrawn (R1, R3)' : `still active for ${c.purposes.join(', ')}`,
  }));
  const verdict = verifyAudit(vault);
  const head = entries.at(-1);
  const open = remaining.filter((r) => r.why.startsWith('NOT') || r.why.startsWith('no purpose'));
  return {
    format: 'kluis-deletion-confirmation-v1',
    generatedAt: now.toISOString(),
    person: { id: person.id, pseudonym: person.pseudonym, role: person.role },
    withdrawals: consents.filter((c) => c.status === 'withdrawn').map((c) => ({ consentId: c.id, withdrawnAt: c.withdrawnAt!, how: c.withdrawnHow })),
    objections: listObjections(vault, personId).map((o) => ({ objectionId: o.id, purposes: o.purposes, madeAt: o.madeAt, liftedAt: o.liftedAt })),
    deleted,
    remaining,
    consentsKept,
    audit: { ok: verdict.ok, entries: verdict.entries, headHash: head?.hash ?? null },
    statement:
      open.length === 0
        ? `All ${deleted.length} recording(s) of ${person.pseudonym} that needed it were deleted by destroying their encryption keys (crypto-shredding); the deleted footage cannot be recovered from this vault or its backups.`
        : `${open.length} recording(s) of ${person.pseudonym} still have to be deleted or redacted; this is not yet a full confirmation.`,
  };
}

export function deletionConfirmationPdf(d: DeletionConfirmation): Buffer {
  const lines: PdfLine[] = [
    { text: 'Kluis deletion confirmation', heading: true },
    { text: `For: ${d.person.pseudonym} (${d.person.role}, ${d.person.id})` },
    { text: `Generated: ${d.generatedAt}` },
    { text: 'Withdrawals', heading: true, gap: 8 },
    ...(d.withdrawals.length ? d.withdrawals.map((w) => ({ text: `Consent ${w.consentId} withdrawn ${w.withdrawnAt}${w.how ? ` (${w.how})` : ''}` })) : [{ text: 'No consent was withdrawn.' }]),
    ...(d.objections.length
      ? [{ text: 'Objections (A2)', heading: true, gap: 8 }, ...d.objections.map((o) => ({ text: `Objection ${o.objectionId} to ${o.purposes.join(', ')} since ${o.madeAt}${o.liftedAt ? `, lifted ${o.liftedAt}` : ', standing'}` }))]
      : []),
    { text: 'Recordings deleted', heading: true, gap: 8 },
    ...(d.deleted.length ? d.deleted.map((r) => ({ text: `${r.recordingId} deleted ${r.deletedAt} (${r.why}, rule ${r.rule}; audit entry ${r.auditSeq})` })) : [{ text: 'None.' }]),
    { text: 'What remains, and why', heading: true, gap: 8 },
    ...(d.remaining.length ? d.remaining.map((r) => ({ text: `${r.recordingId} "${r.label}": ${r.why}` })) : [{ text: 'No recording in this vault shows or contains this person any more.' }]),
    ...d.consentsKept.map((c) => ({ text: `Consent ${c.consentId} (${c.status}): ${c.why}` })),
    { text: 'Statement', heading: true, gap: 8 },
    { text: d.statement },
    { text: `Audit log: ${d.audit.entries} entries, chain ${d.audit.ok ? 'intact' : 'BROKEN'}; newest hash ${d.audit.headHash ?? '-'}`, gap: 6 },
  ];
  return textPdf(lines, `Kluis deletion confirmation ${d.person.pseudonym}`);
}

/** The breach inventory (R8) as a PDF for the privacy officer: recordings, people, basis, encryption, the 72 h duty. */
export function breachReportPdf(b: BreachInventory): Buffer {
  const lines: PdfLine[] = [
    { text: 'Kluis breach inventory (R8)', heading: true },
    { text: `Generated: ${b.generatedAt}` },
    { text: `Encrypted at rest: ${b.encrypted ? 'yes' : 'no'}` },
    { text: `Report to the Dutch DPA (Autoriteit Persoonsgegevens) within 72 hours of discovering the loss, unless the officer decides it is unlikely to pose a risk.` },
    { text: `Totals: ${b.totals.recordings} recording(s), ${b.totals.persons} person(s), ${b.totals.under16} possibly under 16, ${b.totals.specialCategory} with special-category (health) data.`, gap: 4 },
    { text: 'Recordings', heading: true, gap: 8 },
  ];
  for (const r of b.recordings) {
    lines.push({ text: `${r.id} "${r.label}"${r.capturedAt ? `, recorded ${r.capturedAt}` : ''}`, bold: true, gap: 4 });
    lines.push({ text: `   purpose ${r.purpose ?? 'not recorded'}, basis ${r.lawfulBasis ?? 'not recorded'}, special category ${r.specialCategory ? 'yes' : 'no'}, owner ${r.owner ?? '-'}` });
    lines.push({ text: `   people: ${r.persons.length ? r.persons.map((p) => `${p.pseudonym} (${p.role}${p.under16 ? ', under 16' : ''})`).join('; ') : 'none recorded'}` });
  }
  if (b.recordings.length === 0) lines.push({ text: 'The vault holds no recordings.' });
  lines.push({ text: 'Notes', heading: true, gap: 8 }, ...b.notes.map((n) => ({ text: n })));
  return textPdf(lines, 'Kluis breach inventory');
}
