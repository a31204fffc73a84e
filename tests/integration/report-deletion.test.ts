/**
 * The deletion confirmation for a person (R7, U4) and the breach report (R8) as JSON and as
 * PDF, on a real encrypted vault; the PDFs are rendered with pdftoppm and read with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/core/audit';
import {
  addAppearance, addConsent, addObjection, addPerson, breachInventory, breachReportPdf, deletionConfirmation, deletionConfirmationPdf, setRecordingPurpose, withdrawConsent,
} from '../../electron/core/consent';
import { deleteRecording } from '../../electron/core/ingest';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { RECORDED, vaultWithRecordings } from '../unit/consent/fixtures';

let dir: string | undefined;
let vault: Vault | undefined;
afterEach(async () => {
  if (vault?.isOpen) await vault.lock();
  await removeDir(dir);
  vault = undefined;
  dir = undefined;
});

/** Renders every page (proves the file is a valid PDF) and returns its text. */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir!, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '40', file, join(dir!, name)]);
  expect(existsSync(join(dir!, `${name}-1.png`))).toBe(true);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, ' ');
}

async function scene(): Promise<{ v: Vault; recs: string[]; person: string; other: string }> {
  const made = await vaultWithRecordings(3);
  dir = made.dir;
  vault = made.vault;
  const v = made.vault;
  const t = (h: number): Date => new Date(RECORDED.getTime() + h * 3_600_000);
  const person = addPerson(v, { pseudonym: 'Z.K.', role: 'pupil', consentHolder: 'school-protocol', birthYear: 2012 }, t(1)).id;
  const other = addPerson(v, { pseudonym: 'Teacher-B', role: 'teacher', consentHolder: 'self' }, t(1)).id;
  const [r0, r1, r2] = made.recordings as [string, string, string];
  for (const r of [r0, r1]) setRecordingPurpose(v, { recordingId: r, purpose: 'reflection', lawfulBasis: 'consent', situation: 'partner-school', specialCategory: false, owner: 'teacher-b', retentionPreset: 'reflection' }, t(2));
  setRecordingPurpose(v, { recordingId: r2, purpose: 'assessment', lawfulBasis: 'legal-task', situation: 'partner-school', specialCategory: true, owner: 'teacher-b', retentionPreset: 'assessment-evidence' }, t(2));
  for (const r of [r0, r1, r2]) addAppearance(v, { recordingId: r, personId: person, presence: 'seen' }, t(3));
  addAppearance(v, { recordingId: r0, personId: other, presence: 'heard' }, t(3));
  const c = await addConsent(v, { personId: person, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'both', signedAt: '2026-03-01' }, t(4));
  withdrawConsent(v, c.id, 'letter from the parents', t(48));
  return { v, recs: made.recordings, person, other };
}

describe('deletion confirmation (R7, U4)', () => {
  it('U4, R7: after a withdrawal and deleting the consent-based recordings, names what was deleted when and what remains and why; the PDF says the same', async () => {
    const { v, recs, person } = await scene();
    const [r0, r1, r2] = recs as [string, string, string];
    const when = new Date(RECORDED.getTime() + 50 * 3_600_000);
    await deleteRecording(v, r0, { why: 'withdrawal', rule: 'R7', personId: person }, when);
    await deleteRecording(v, r1, { why: 'withdrawal', rule: 'R7', personId: person }, when);

    const doc = deletionConfirmation(v, person, new Date(RECORDED.getTime() + 51 * 3_600_000));
    expect(doc.person).toEqual({ id: person, pseudonym: 'Z.K.', role: 'pupil' });
    expect(doc.withdrawals).toHaveLength(1);
    expect(doc.withdrawals[0]!.how).toBe('letter from the parents');
    expect(doc.deleted.map((d) => [d.recordingId, d.deletedAt, d.why, d.rule])).toEqual([
      [r0, when.toISOString(), 'withdrawal', 'R7'],
      [r1, when.toISOString(), 'withdrawal', 'R7'],
    ]);
    expect(doc.remaining).toHaveLength(1);
    expect(doc.remaining[0]!.recordingId).toBe(r2);
    expect(doc.remaining[0]!.why).toContain('legal-task (A1)');
    expect(doc.consentsKept[0]!.why).toContain('proof');
    expect(doc.statement).toContain('crypto-shredding');
    expect(doc.audit.ok).toBe(true);
    expect(JSON.stringify(doc)).not.toContain('Teacher-B');

    const text = pdfText(deletionConfirmationPdf(doc), 'deletion');
    for (const fact of ['Kluis deletion confirmation', 'Z.K.', r0, r1, when.toISOString(), 'withdrawal, rule R7', r2, 'legal-task (A1)', 'letter from the parents', 'crypto-shredding', 'chain intact']) expect(text).toContain(fact);
  });

  it('R7: while a consent-based recording still shows the person, the document says it is not yet a full confirmation', async () => {
    const { v, recs, person } = await scene();
    await deleteRecording(v, recs[0]!, { why: 'withdrawal', rule: 'R7', personId: person });
    const doc = deletionConfirmation(v, person);
    expect(doc.remaining.find((r) => r.recordingId === recs[1])!.why).toMatch(/^NOT covered/);
    expect(doc.statement).toContain('not yet a full confirmation');
    expect(pdfText(deletionConfirmationPdf(doc), 'partial')).toContain('not yet a full confirmation');
  });
});

describe('deletion confirmation after an objection (A2)', () => {
  it('A2: a streamed recording deleted for an objection is listed under rule A2 with the objection; one still showing the objector is NOT covered, not "kept on legitimate interest"', async () => {
    const made = await vaultWithRecordings(2);
    dir = made.dir;
    vault = made.vault;
    const v = made.vault;
    const [r0, r1] = made.recordings as [string, string];
    const t = (h: number): Date => new Date(RECORDED.getTime() + h * 3_600_000);
    const person = addPerson(v, { pseudonym: 'S.T.', role: 'student', consentHolder: 'school-protocol' }, t(1)).id;
    for (const r of [r0, r1]) {
      setRecordingPurpose(v, { recordingId: r, purpose: 'streaming', lawfulBasis: 'legitimate-interest', situation: 'partner-school', specialCategory: false, owner: 'teacher', retentionPreset: 'stream-school-year' }, t(2));
      addAppearance(v, { recordingId: r, personId: person, presence: 'both' }, t(3));
    }
    // Before the objection the stream is kept on its basis: the confirmation must say so.
    expect(deletionConfirmation(v, person, t(4)).remaining.map((r) => r.why)).toEqual([expect.stringContaining('legitimate-interest (A2)'), expect.stringContaining('legitimate-interest (A2)')]);
    const objection = addObjection(v, { personId: person, purposes: ['streaming'], how: 'told the teacher' }, t(5));
    expect(objection.affectedRecordings).toEqual([r0, r1].sort());
    await deleteRecording(v, r0, { why: 'objection', rule: 'A2', personId: person }, t(6));

    const doc = deletionConfirmation(v, person, t(7));
    expect(doc.withdrawals).toEqual([]);
    expect(doc.objections).toEqual([{ objectionId: objection.objection.id, purposes: ['streaming'], madeAt: t(5).toISOString(), liftedAt: null }]);
    expect(doc.deleted.map((d) => [d.recordingId, d.why, d.rule])).toEqual([[r0, 'objection', 'A2']]);
    expect(doc.remaining).toEqual([{ recordingId: r1, label: expect.any(String) as unknown, why: 'NOT covered any more: they object to streaming (A2); still to be cut, redacted or deleted' }]);
    expect(doc.statement).toContain('not yet a full confirmation');
    const text = pdfText(deletionConfirmationPdf(doc), 'objection');
    for (const fact of ['Objections (A2)', objection.objection.id, 'to streaming', 'standing', `${r0} deleted`, 'objection, rule A2', 'they object to streaming', 'not yet a full confirmation']) expect(text).toContain(fact);

    await deleteRecording(v, r1, { why: 'objection', rule: 'A2', personId: person }, t(8));
    const all = deletionConfirmation(v, person, t(9));
    expect(all.remaining).toEqual([]);
    expect(all.statement).toContain('All 2 recording(s) of S.T.');
    expect(verifyAudit(v).ok).toBe(true);
  });
});

describe('breach report PDF (R8)', () => {
  it('R8: which recordings, which people, the basis, encrypted yes, and the 72-hour duty', async () => {
    const { v, recs } = await scene();
    const inv = breachInventory(v, new Date(RECORDED.getTime() + 60 * 3_600_000));
    const text = pdfText(breachReportPdf(inv), 'breach');
    for (const fact of ['Kluis breach inventory (R8)', 'Encrypted at rest: yes', '72 hours', ...recs, 'Z.K. (pupil, under 16)', 'Teacher-B (teacher)', 'basis consent', 'basis legal-task', 'special category yes', 'Totals: 3 recording(s), 2 person(s), 1 possibly under 16, 1 with special-category']) {
      expect(text).toContain(fact);
    }
    expect(verifyAudit(v).ok).toBe(true);
  });
});
