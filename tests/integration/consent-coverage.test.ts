import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAppearance, addConsent, addPerson, coverage, getRecordingInfo, listAppearances, listConsents, retentionDue, setPurposeAndRecheck, setRecordingPurpose, withdrawConsent,
} from '../../electron/core/consent';
import { listAudit, verifyAudit } from '../../electron/core/audit';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { RECORDED, vaultWithRecordings } from '../unit/consent/fixtures';

// One vault for the file: the Argon2id floor still costs a second per vault.
let vault: Vault;
let dir: string;
let recs: string[];
const NOW = new Date(Date.UTC(2026, 3, 1, 12));

beforeAll(async () => {
  ({ vault, dir, recordings: recs } = await vaultWithRecordings(4));
});
afterAll(async () => {
  if (vault?.isOpen) await vault.lock();
  await removeDir(dir);
});

const pupil = (pseudonym: string, birthYear: number | null = 2000) => addPerson(vault, { pseudonym, role: 'pupil', birthYear, consentHolder: 'self' }, NOW);

function consentFor(rec: string, teaching = false): void {
  setRecordingPurpose(vault, { recordingId: rec, purpose: teaching ? 'teaching' : 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'student A', retentionPreset: 'assessment-evidence', consentArchive: 'my own archive' }, NOW);
}

describe('coverage (the share gate)', () => {
  it('H1: a person without any consent record is not covered and blocks the share', () => {
    const rec = recs[0]!;
    consentFor(rec);
    const p = pupil('N.C.');
    addAppearance(vault, { recordingId: rec, personId: p.id, presence: 'seen', ranges: [{ startSec: 3, endSec: 9.5 }] }, NOW);
    const c = coverage(vault, rec, 'reflection', 'supervisor', NOW);
    expect(c.blockers).toEqual([]);
    expect(c.persons).toEqual([{ personId: p.id, pseudonym: 'N.C.', covered: false, coveredBy: null, reasons: ['no-consent'] }]);
    expect(c.shareable).toBe(false);
    expect(listAppearances(vault, rec)[0]!.ranges).toEqual([{ startSec: 3, endSec: 9.5 }]);
  });

  it('A3: consent covers exactly its purposes and audiences; wider use needs its own consent', async () => {
    const rec = recs[1]!;
    consentFor(rec);
    const p = pupil('A.B.');
    addAppearance(vault, { recordingId: rec, personId: p.id, presence: 'both' }, NOW);
    const con = await addConsent(vault, { personId: p.id, purposes: ['reflection'], audiences: ['supervisor', 'class'], signedBy: 'person', signedAt: '2026-03-01' }, NOW);
    expect(coverage(vault, rec, 'reflection', 'supervisor', NOW).persons[0]).toMatchObject({ covered: true, coveredBy: { consentId: con.id } });
    expect(coverage(vault, rec, 'reflection', 'public', NOW).persons[0]).toMatchObject({ covered: false, reasons: ['audience-not-covered'] });
    expect(coverage(vault, rec, 'teaching', 'institution', NOW).persons[0]).toMatchObject({ covered: false, reasons: ['purpose-not-covered', 'audience-not-covered'] });
  });

  it('R2: a 15-year-old needs a guardian\'s signature; at 16 their own signature is enough', async () => {
    const rec = recs[2]!;
    consentFor(rec);
    const fifteen = pupil('F.', 2011);
    const sixteen = pupil('S.', 2009);
    for (const p of [fifteen, sixteen]) {
      addAppearance(vault, { recordingId: rec, personId: p.id, presence: 'seen' }, NOW);
      await addConsent(vault, { personId: p.id, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-03-01' }, NOW);
    }
    const byName = (c: ReturnType<typeof coverage>) => Object.fromEntries(c.persons.map((x) => [x.pseudonym, x]));
    let c = byName(coverage(vault, rec, 'reflection', 'supervisor', NOW));
    expect(c['F.']).toMatchObject({ covered: false, reasons: ['guardian-required'] });
    expect(c['S.']).toMatchObject({ covered: true });
    // R2: 12-16 may sign together with a parent; "both" counts as the guardian's signature.
    await addConsent(vault, { personId: fifteen.id, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'both', signedAt: '2026-03-02' }, NOW);
    c = byName(coverage(vault, rec, 'reflection', 'supervisor', NOW));
    expect(c['F.']).toMatchObject({ covered: true });
  });

  it('H6, H7: a consent past its valid-until date no longer covers (fake clock)', async () => {
    const rec = recs[3]!;
    consentFor(rec);
    const p = pupil('E.X.');
    addAppearance(vault, { recordingId: rec, personId: p.id, presence: 'heard' }, NOW);
    await addConsent(vault, { personId: p.id, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-03-01', validUntil: '2026-06-30T23:59:59Z' }, NOW);
    expect(coverage(vault, rec, 'reflection', 'supervisor', new Date('2026-06-30T12:00:00Z')).persons[0]!.covered).toBe(true);
    expect(coverage(vault, rec, 'reflection', 'supervisor', new Date('2026-07-01T00:00:00Z')).persons[0]).toMatchObject({ covered: false, reasons: ['expired'] });
  });

  it('A1, H8: a legal-task basis covers everyone inside the class for its own purpose only', () => {
    const rec = recs[0]!;
    setRecordingPurpose(vault, { recordingId: rec, purpose: 'assessment', lawfulBasis: 'legal-task', situation: 'partner-school', specialCategory: false, owner: 'student A', retentionPreset: 'assessment-material', anchorDate: '2028-07-01', consentArchive: 'school' }, NOW);
    expect(coverage(vault, rec, 'assessment', 'assessor', NOW)).toMatchObject({ shareable: true, persons: [{ covered: true, coveredBy: { basis: 'legal-task' } }] });
    // A3: beyond the class the basis does not reach; H8: nor for another purpose.
    expect(coverage(vault, rec, 'assessment', 'public', NOW).persons[0]!.covered).toBe(false);
    expect(coverage(vault, rec, 'teaching', 'class', NOW).persons[0]!.covered).toBe(false);
    expect(getRecordingInfo(vault, rec)!.retentionDeadline).toBe('2030-07-01T00:00:00.000Z');
  });

  it('U2: a recording with a patient present is blocked whoever consented', () => {
    const rec = recs[1]!;
    setRecordingPurpose(vault, { recordingId: rec, purpose: 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: true, owner: 'student A', retentionPreset: 'reflection' }, NOW);
    const c = coverage(vault, rec, 'reflection', 'supervisor', NOW);
    expect(c.persons[0]!.covered).toBe(true);
    expect(c.blockers).toEqual(['special-category']);
    expect(c.shareable).toBe(false);
  });

  it('a recording with no purpose set yet is blocked and says so', async () => {
    const { vault: v2, dir: d2, recordings } = await vaultWithRecordings(1);
    try {
      expect(coverage(v2, recordings[0]!, 'reflection', 'supervisor', NOW)).toMatchObject({ blockers: ['no-purpose'], persons: [], shareable: false });
    } finally {
      await v2.lock();
      await removeDir(d2);
    }
  });

  it('an unknown recording is named, with the command that lists them', () => {
    expect(() => coverage(vault, 'rec_ffffffffffffffff', 'reflection', 'supervisor', NOW)).toThrow(/no recording rec_ffffffffffffffff.*kluis recordings/);
  });
});

describe('withdrawal (R1, R7, U4)', () => {
  it('R1, R7, U4: withdrawal is one action, takes effect at once and lists every recording the person is in', async () => {
    const p = pupil('W.D.');
    for (const rec of recs.slice(0, 3)) addAppearance(vault, { recordingId: rec, personId: p.id, presence: 'seen' }, NOW);
    consentFor(recs[2]!);
    const con = await addConsent(vault, { personId: p.id, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-03-01' }, NOW);
    expect(coverage(vault, recs[2]!, 'reflection', 'supervisor', NOW).persons.find((x) => x.personId === p.id)!.covered).toBe(true);
    const later = new Date(NOW.getTime() + 3600_000);
    const w = withdrawConsent(vault, con.id, 'e-mail to the student', later);
    expect(w.consent).toMatchObject({ status: 'withdrawn', withdrawnAt: later.toISOString(), withdrawnHow: 'e-mail to the student' });
    expect(w.affectedRecordings).toEqual([...recs.slice(0, 3)].sort());
    expect(coverage(vault, recs[2]!, 'reflection', 'supervisor', later).persons.find((x) => x.personId === p.id)).toMatchObject({ covered: false, reasons: ['withdrawn'] });
    // Withdrawing again changes nothing and still lists the cascade.
    const again = withdrawConsent(vault, con.id, 'phone', new Date(later.getTime() + 1000));
    expect(again.consent.withdrawnAt).toBe(later.toISOString());
    expect(listConsents(vault, p.id)).toHaveLength(1);
    const log = listAudit(vault, { subject: p.id }).map((e) => e.action);
    expect(log).toEqual(['person.added', 'consent.added', 'consent.withdrawn']);
    expect(verifyAudit(vault).ok).toBe(true);
  });
});

describe('retention (H7, R7)', () => {
  it('H7: recordings past their deadline are listed by the clock given, not the wall clock', () => {
    const rec = recs[3]!;
    setRecordingPurpose(vault, { recordingId: rec, purpose: 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'student A', retentionPreset: 'reflection' }, NOW);
    const deadline = new Date(RECORDED.getTime() + 3 * 60_000 + 28 * 86400_000);
    expect(getRecordingInfo(vault, rec)!.retentionDeadline).toBe(deadline.toISOString());
    expect(retentionDue(vault, new Date(deadline.getTime() - 1)).map((d) => d.recordingId)).not.toContain(rec);
    expect(retentionDue(vault, deadline).map((d) => d.recordingId)).toContain(rec);
    expect(coverage(vault, rec, 'reflection', 'supervisor', deadline).blockers).toEqual(['past-retention']);
  });
});

describe('purpose changes (H8) and what the recording keeps (H2, H7, U5)', () => {
  it('H8: a new purpose or a deadline past the consent lists who must be asked again', async () => {
    const { vault: v, dir: d, recordings } = await vaultWithRecordings(1);
    try {
      const rec = recordings[0]!;
      const p = addPerson(v, { pseudonym: 'H.A.', role: 'student', birthYear: 1999, consentHolder: 'self' }, NOW);
      addAppearance(v, { recordingId: rec, personId: p.id, presence: 'both' }, NOW);
      await addConsent(v, { personId: p.id, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-03-01', validUntil: '2027-12-31' }, NOW);
      const base = { recordingId: rec, lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'student A' } as const;
      expect(setPurposeAndRecheck(v, { ...base, purpose: 'reflection', retentionPreset: 'reflection' }, NOW).needsConsent).toEqual([]);
      expect(setPurposeAndRecheck(v, { ...base, purpose: 'teaching', retentionPreset: 'reflection' }, NOW).needsConsent).toEqual([{ personId: p.id, pseudonym: 'H.A.', why: 'purpose-not-consented' }]);
      expect(setPurposeAndRecheck(v, { ...base, purpose: 'reflection', retentionPreset: 'final-level-evidence' }, NOW).needsConsent).toEqual([{ personId: p.id, pseudonym: 'H.A.', why: 'consent-ends-before-deadline' }]);
      // Every change is logged with what it was before.
      const changes = listAudit(v, { subject: rec }).filter((e) => e.action === 'recording.purposeSet').map((e) => [e.detail.previousPurpose, e.detail.purpose]);
      expect(changes).toEqual([[null, 'reflection'], ['reflection', 'teaching'], ['teaching', 'reflection']]);
    } finally {
      await v.lock();
      await removeDir(d);
    }
  });

  it('H2, H7, U5: the recording keeps its situation, where consent is archived, its owner and its deadline', () => {
    const rec = recs[2]!;
    setRecordingPurpose(vault, { recordingId: rec, purpose: 'reflection', lawfulBasis: 'consent', situation: 'partner-school', specialCategory: false, owner: 'student B', retentionPreset: 'custom', deadline: '2026-12-31T00:00:00Z', consentArchive: 'De Linde school office' }, NOW);
    expect(getRecordingInfo(vault, rec)).toEqual({
      recordingId: rec,
      purpose: 'reflection',
      lawfulBasis: 'consent',
      situation: 'partner-school',
      specialCategory: false,
      owner: 'student B',
      retentionPreset: 'custom',
      retentionDeadline: '2026-12-31T00:00:00.000Z',
      consentArchive: 'De Linde school office',
    });
  });
});
