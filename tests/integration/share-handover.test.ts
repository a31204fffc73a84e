/**
 * U5: ownership and the duty to delete move to a colleague. A handover package carries the
 * recordings as stored, their redacted versions, purpose and retention, who appears, and those
 * persons' consents and forms; the sender's copies go only after the package read back; the
 * colleague's vault owns what arrives, all or nothing.
 */
import { writeFileSync } from 'node:fs';
import { readFile, truncate, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit';
import { addConsent, coverage, getRecordingInfo, listAppearances, listConsents, listPersons, readConsentForm, setRecordingPurpose } from '../../electron/core/consent';
import { deleteRecording, derivativesOf, listRecordings, sourceOf } from '../../electron/core/ingest';
import { renderPlan, savePlan } from '../../electron/core/redact';
import { ensureShareKey, exportsForWithdrawal, handOver, isShareError, listExports, openPackage } from '../../electron/core/share';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { filesContaining, makeReceiver, makeSender, newDir, NOW, type Sender } from './share-fixtures';

const DAY = 86_400_000;
let dir: string;
let sender: Sender;
let colleague: Vault;
let derived: string;
const FORM = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('signed consent form of J.K.\n'), Buffer.alloc(2000, 7)]);

const count = (v: Vault, sql: string): number => (v.catalog.prepare(sql).get() as { n: number }).n;
const fileShas = (v: Vault, id: string): string[] =>
  (v.catalog.prepare('SELECT sha256 FROM recording_files WHERE recording_id = ? ORDER BY position').all(id) as { sha256: string }[]).map((r) => r.sha256);

beforeAll(async () => {
  dir = await newDir();
  sender = await makeSender(dir);
  colleague = await makeReceiver(dir, 'colleague');
  writeFileSync(join(dir, 'form.pdf'), FORM);
  await addConsent(sender.vault, { personId: sender.person, purposes: ['assessment'], audiences: ['assessor'], signedBy: 'person', signedAt: '2026-03-02', formPath: join(dir, 'form.pdf') }, NOW);
  savePlan(sender.vault, sender.plain, { format: 'kluis-redaction-plan', version: 1, tracks: [{ id: 't1', label: 'face', personId: sender.person, origin: 'manual', decision: 'redact', keyframes: [{ t: 0, x: 10, y: 10, w: 60, h: 60 }] }] }, NOW);
  derived = (await renderPlan(sender.vault, sender.plain, { now: NOW })).recordingId;
}, 180_000);
afterAll(async () => {
  for (const v of [sender?.vault, colleague]) if (v?.isOpen) await v.lock();
  await removeDir(dir);
});

describe('handover to a colleague (U5)', () => {
  it('refuses what may not move, and deletes nothing then', async () => {
    const key = ensureShareKey(colleague).publicKey;
    const req = { to: { publicKey: key, name: 'B. Colleague' }, reason: 'graduated', senderName: 'Student A', now: NOW };
    const before = listRecordings(sender.vault).length;
    const own = await handOver(sender.vault, { ...req, recordingIds: [sender.plain], to: { publicKey: ensureShareKey(sender.vault).publicKey, name: 'me' }, outPath: join(dir, 'own.age') }).catch((e: unknown) => e);
    expect(isShareError(own, 'NOT_ALLOWED') && (own as Error).message).toContain('own share key');
    const version = await handOver(sender.vault, { ...req, recordingIds: [derived], outPath: join(dir, 'version.age') }).catch((e: unknown) => e);
    expect(isShareError(version, 'NOT_ALLOWED') && (version as Error).message).toContain(`hand over ${sender.plain} instead`);
    const late = await handOver(sender.vault, { ...req, recordingIds: [sender.plain], outPath: join(dir, 'late.age'), now: new Date(NOW.getTime() + 800 * DAY) }).catch((e: unknown) => e);
    expect(isShareError(late, 'EXPIRED') && (late as Error).message).toContain('delete it instead');
    sender.vault.catalog.prepare('DELETE FROM recording_consent_info WHERE recording_id = ?').run(sender.gps);
    const noPurpose = await handOver(sender.vault, { ...req, recordingIds: [sender.gps], outPath: join(dir, 'nopurpose.age') }).catch((e: unknown) => e);
    expect(isShareError(noPurpose, 'NOT_ALLOWED') && (noPurpose as Error).message).toContain('no purpose and retention yet');
    setRecordingPurpose(sender.vault, { recordingId: sender.gps, purpose: 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'student A', retentionPreset: 'custom', deadline: new Date(NOW.getTime() + 10 * DAY).toISOString() }, NOW);
    expect(listRecordings(sender.vault).length).toBe(before);
    expect(listExports(sender.vault).filter((e) => e.kind === 'handover')).toEqual([]);
  });

  let pkg: string;
  let moved: string[];
  const originalShas: Record<string, string[]> = {};

  it('packages the recordings with their redacted version and consents, reads it back, then deletes them here', async () => {
    originalShas.plain = fileShas(sender.vault, sender.plain);
    originalShas.gps = fileShas(sender.vault, sender.gps);
    originalShas.derived = fileShas(sender.vault, derived);
    pkg = join(dir, 'handover.age');
    const r = await handOver(sender.vault, { recordingIds: [sender.plain, sender.gps], to: { publicKey: ensureShareKey(colleague).publicKey, name: 'B. Colleague' }, reason: 'graduated', senderName: 'Student A', outPath: pkg, now: NOW });
    moved = r.recordingIds;
    expect(new Set(r.recordingIds)).toEqual(new Set([sender.plain, sender.gps, derived]));
    expect(new Set(r.deleted)).toEqual(new Set([sender.plain, sender.gps]));
    expect(r.persons).toBe(1);
    const left = listRecordings(sender.vault).map((x) => x.id);
    for (const id of moved) expect(left).not.toContain(id);
    // the person and their consents are about the person, not the recording: they stay
    expect(listPersons(sender.vault).map((p) => p.id)).toContain(sender.person);
    const reg = listExports(sender.vault, { personId: sender.person }).find((e) => e.kind === 'handover')!;
    expect(reg).toMatchObject({ packageId: r.packageId, packageSha256: r.sha256, recipients: [{ name: 'B. Colleague' }] });
    // a withdrawal at the sender later names the colleague who now answers it
    expect(exportsForWithdrawal(sender.vault, sender.person, NOW)).toContainEqual({ kind: 'share-package', id: r.packageId, action: `handed over to B. Colleague on ${NOW.toISOString().slice(0, 10)}: pass the withdrawal on to them (U5)` });
    const audit = listAudit(sender.vault, {}).map((e) => e.action);
    expect(audit).toContain('share.handedOver');
    const deletions = listAudit(sender.vault, {}).filter((e) => e.action === 'recording.deleted' && moved.includes(e.subject ?? ''));
    expect(deletions.map((e) => (e.detail as { why: string; rule: string }).why)).toEqual(['handover', 'handover', 'handover']);
    // only ciphertext left the vault: the marker planted in the clips is in no file
    expect(await filesContaining(dir, sender.marker)).toEqual([]);
  }, 120_000);

  it('the colleague owns what arrives: same bytes, purpose, retention, owner, persons, consents, forms, and the redacted version tied to its original', async () => {
    const r = await openPackage(colleague, { path: pkg, now: new Date(NOW.getTime() + DAY) });
    if (r.kind !== 'handover') throw new Error(`expected a handover, got ${r.kind}`);
    const h = r.handover;
    expect(h).toMatchObject({ sender: 'Student A', reason: 'graduated', owner: 'B. Colleague', persons: 1, expiredOnArrival: [], alreadyOpen: false });
    expect(h.recordingIds).toHaveLength(3);
    const listed = listRecordings(colleague);
    for (const id of h.recordingIds) expect(listed.map((x) => x.id)).toContain(id);
    const byShas = (shas: string[]) => h.recordingIds.find((id) => JSON.stringify(fileShas(colleague, id)) === JSON.stringify(shas))!;
    const plain = byShas(originalShas.plain!);
    const gps = byShas(originalShas.gps!);
    const version = byShas(originalShas.derived!);
    expect([plain, gps, version].every(Boolean)).toBe(true);
    expect(sourceOf(colleague, version)).toBe(plain);
    expect(derivativesOf(colleague, plain)).toEqual([version]);
    expect(getRecordingInfo(colleague, plain)).toMatchObject({ purpose: 'reflection', lawfulBasis: 'consent', owner: 'B. Colleague', retentionPreset: 'assessment-evidence', consentArchive: 'own archive' });
    expect(getRecordingInfo(colleague, gps)).toMatchObject({ owner: 'B. Colleague', retentionPreset: 'custom', retentionDeadline: new Date(NOW.getTime() + 10 * DAY).toISOString() });
    const [person] = listPersons(colleague);
    expect(person).toMatchObject({ pseudonym: 'J.K.', role: 'pupil', birthYear: 2000 });
    expect(listAppearances(colleague, plain)).toEqual([expect.objectContaining({ personId: person!.id, presence: 'both' })]);
    const consents = listConsents(colleague, person!.id);
    expect(consents.map((c) => c.purposes)).toEqual([['reflection', 'videotoets'], ['assessment']]);
    const withForm = consents.find((c) => c.formBlobId)!;
    expect((await readConsentForm(colleague, withForm.id)).bytes.equals(FORM)).toBe(true);
    // the consent model works on what arrived: J.K.'s consent covers reflection for a supervisor
    expect(coverage(colleague, plain, 'reflection', 'supervisor', NOW).persons[0]).toMatchObject({ covered: true });
    expect(listAudit(colleague, {}).map((e) => e.action)).toContain('share.handoverReceived');
    // opened twice, imported once
    const again = await openPackage(colleague, { path: pkg, now: new Date(NOW.getTime() + DAY) });
    expect(again.kind === 'handover' && again.handover).toMatchObject({ alreadyOpen: true, recordingIds: h.recordingIds });
    expect(listRecordings(colleague)).toHaveLength(listed.length);
    // the deletion duty came along: deleting the original takes its redacted version
    await deleteRecording(colleague, plain, { why: 'user', rule: 'U5' }, NOW);
    expect(listRecordings(colleague).map((x) => x.id)).not.toContain(version);
  }, 120_000);
});

describe('handover on the way in', () => {
  it('keeps nothing of a truncated package; a recording whose retention ended before opening is not kept', async () => {
    const d = await newDir();
    try {
      const s = await makeSender(d);
      const other = await makeReceiver(d, 'other');
      setRecordingPurpose(s.vault, { recordingId: s.gps, purpose: 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'A', retentionPreset: 'custom', deadline: new Date(NOW.getTime() + 10 * DAY).toISOString() }, NOW);
      const path = join(d, 'h.age');
      await handOver(s.vault, { recordingIds: [s.plain, s.gps], to: { publicKey: ensureShareKey(other).publicKey, name: 'C' }, reason: 'new job', senderName: 'A', outPath: path, now: NOW });
      const cut = join(d, 'cut.age');
      await copyFile(path, cut);
      const size = (await readFile(cut)).length;
      await truncate(cut, size - 5000);
      const blobs = count(other, 'SELECT count(*) AS n FROM blobs');
      const failed = await openPackage(other, { path: cut, now: NOW }).catch((e: unknown) => e);
      // cut inside the last STREAM chunk: its tag fails (DAMAGED); cut on a chunk boundary it is TRUNCATED
      expect(['DAMAGED', 'TRUNCATED']).toContain((failed as { code?: string }).code);
      expect(count(other, 'SELECT count(*) AS n FROM blobs')).toBe(blobs);
      expect(count(other, 'SELECT count(*) AS n FROM recordings')).toBe(0);
      expect(count(other, 'SELECT count(*) AS n FROM handover_received')).toBe(0);
      expect(listPersons(other)).toEqual([]);

      const r = await openPackage(other, { path, now: new Date(NOW.getTime() + 20 * DAY) });
      if (r.kind !== 'handover') throw new Error('expected a handover');
      expect(r.handover.recordingIds).toHaveLength(1);
      expect(r.handover.expiredOnArrival).toHaveLength(1);
      expect(count(other, "SELECT count(*) AS n FROM recordings WHERE state = 'verified'")).toBe(1);
      expect(count(other, 'SELECT count(*) AS n FROM recording_files')).toBe(fileShas(other, r.handover.recordingIds[0]!).length);
      for (const v of [s.vault, other]) await v.lock();
    } finally {
      await removeDir(d);
    }
  }, 180_000);
});
