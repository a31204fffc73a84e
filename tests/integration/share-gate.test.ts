/**
 * The share gate (issue 7) on a real encrypted vault with imported recordings and a fixed clock:
 * every refusal reason, listed per recording and per person (policies/README.md codes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAppearance, addConsent, addPerson, setRecordingPurpose, withdrawConsent } from '../../electron/core/consent';
import { checkGate, describeRefusal, GateRefusal, assertGate, type RedactionFacts } from '../../electron/core/share';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { vaultWithRecordings } from '../unit/consent/fixtures';

let vault: Vault;
let dir: string;
let recs: string[];
const NOW = new Date(Date.UTC(2026, 3, 1, 12));

beforeAll(async () => {
  ({ vault, dir, recordings: recs } = await vaultWithRecordings(8));
});
afterAll(async () => {
  if (vault?.isOpen) await vault.lock();
  await removeDir(dir);
});

function purpose(rec: string, o: { special?: boolean; basis?: 'consent' | 'legal-task'; preset?: string } = {}): void {
  setRecordingPurpose(vault, { recordingId: rec, purpose: 'reflection', lawfulBasis: o.basis ?? 'consent', situation: 'outside-school', specialCategory: o.special ?? false, owner: 'student A', retentionPreset: o.preset ?? 'assessment-evidence', consentArchive: 'own archive' }, NOW);
}

async function consentingPupil(rec: string, pseudonym: string, o: { birthYear?: number; audiences?: ('supervisor' | 'class')[] } = {}): Promise<{ person: string; consent: string }> {
  const p = addPerson(vault, { pseudonym, role: 'pupil', birthYear: o.birthYear ?? 2000, consentHolder: 'self' }, NOW);
  addAppearance(vault, { recordingId: rec, personId: p.id, presence: 'seen' }, NOW);
  const c = await addConsent(vault, { personId: p.id, purposes: ['reflection'], audiences: o.audiences ?? ['supervisor'], signedBy: 'person', signedAt: '2026-03-01' }, NOW);
  return { person: p.id, consent: c.id };
}

describe('share gate', () => {
  it('passes when everyone appearing is covered, naming each person\'s basis', async () => {
    const rec = recs[0]!;
    purpose(rec);
    const a = await consentingPupil(rec, 'A.A.');
    const g = checkGate(vault, [rec], 'reflection', 'supervisor', NOW);
    expect(g.ok).toBe(true);
    expect(g.recordings[0]!.persons).toEqual([{ personId: a.person, pseudonym: 'A.A.', verdict: 'covered', basis: 'consent', consentId: a.consent, reasons: [] }]);
    expect(() => assertGate(g)).not.toThrow();
  });

  it('H1, R1: refuses per person — one without consent, one whose consent was withdrawn — and names them', async () => {
    const rec = recs[1]!;
    purpose(rec);
    const ok = await consentingPupil(rec, 'OK.');
    const gone = await consentingPupil(rec, 'W.D.');
    withdrawConsent(vault, gone.consent, 'e-mail', NOW);
    const none = addPerson(vault, { pseudonym: 'N.C.', role: 'pupil', consentHolder: 'self' }, NOW);
    addAppearance(vault, { recordingId: rec, personId: none.id, presence: 'both' }, NOW);
    const g = checkGate(vault, [rec], 'reflection', 'supervisor', NOW);
    expect(g.ok).toBe(false);
    const byName = Object.fromEntries(g.recordings[0]!.persons.map((p) => [p.pseudonym, p]));
    expect(byName['OK.']).toMatchObject({ personId: ok.person, verdict: 'covered' });
    expect(byName['W.D.']).toMatchObject({ verdict: 'refused', reasons: ['withdrawn'] });
    expect(byName['N.C.']).toMatchObject({ verdict: 'refused', reasons: ['no-consent'] });
    const text = describeRefusal(g).join('\n');
    expect(text).toContain('W.D. is not covered for reflection to supervisor (consent withdrawn)');
    expect(text).toContain('N.C. is not covered');
    expect(text).not.toContain('OK.');
    const err = (() => {
      try {
        assertGate(g);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(GateRefusal);
    expect((err as GateRefusal).code).toBe('GATE_REFUSED');
  });

  it('A3: consent for the supervisor does not reach the class; R2: a 15-year-old needs a guardian', async () => {
    const rec = recs[2]!;
    purpose(rec);
    await consentingPupil(rec, 'S.V.', { audiences: ['supervisor'] });
    await consentingPupil(rec, 'Y.15', { birthYear: 2011 });
    expect(checkGate(vault, [rec], 'reflection', 'class', NOW).recordings[0]!.persons.find((p) => p.pseudonym === 'S.V.')).toMatchObject({ verdict: 'refused', reasons: ['audience-not-covered'] });
    expect(checkGate(vault, [rec], 'reflection', 'supervisor', NOW).recordings[0]!.persons.find((p) => p.pseudonym === 'Y.15')).toMatchObject({ verdict: 'refused', reasons: ['guardian-required'] });
  });

  it('U2: a special-category recording is refused even with everyone consenting', async () => {
    const rec = recs[3]!;
    purpose(rec, { special: true });
    await consentingPupil(rec, 'P.T.');
    const g = checkGate(vault, [rec], 'reflection', 'supervisor', NOW);
    expect(g.ok).toBe(false);
    expect(g.recordings[0]!.refusals).toEqual(['special-category']);
    expect(g.recordings[0]!.persons[0]!.verdict).toBe('covered');
    expect(describeRefusal(g)[0]).toContain('never shared (U2)');
  });

  it('R7, H7: a recording past its retention date is refused (fake clock: the day after a 4-week reflection term)', async () => {
    const rec = recs[4]!;
    purpose(rec, { preset: 'reflection' });
    await consentingPupil(rec, 'R.T.');
    expect(checkGate(vault, [rec], 'reflection', 'supervisor', NOW).ok).toBe(true);
    const later = new Date(NOW.getTime() + 60 * 86_400_000);
    const g = checkGate(vault, [rec], 'reflection', 'supervisor', later);
    expect(g.recordings[0]!.refusals).toContain('past-retention');
    expect(g.ok).toBe(false);
  });

  it('refuses a recording without a purpose and an id that is not in the vault', () => {
    const g = checkGate(vault, [recs[5]!, 'rec_00000000000000ff'], 'reflection', 'supervisor', NOW);
    expect(g.recordings.map((r) => r.refusals)).toEqual([['no-purpose'], ['not-found']]);
    expect(g.ok).toBe(false);
  });

  it('U1, U3: a person redacted in the chosen derivative no longer blocks; an undecided detection track does', async () => {
    const rec = recs[6]!;
    purpose(rec);
    const none = addPerson(vault, { pseudonym: 'B.L.', role: 'pupil', consentHolder: 'self' }, NOW);
    addAppearance(vault, { recordingId: rec, personId: none.id, presence: 'seen' }, NOW);
    expect(checkGate(vault, [rec], 'reflection', 'supervisor', NOW).ok).toBe(false);
    const redacted: RedactionFacts = { redactedPersons: (_v, id) => (id === rec ? [none.id] : []), undecidedTracks: () => [] };
    const g = checkGate(vault, [rec], 'reflection', 'supervisor', NOW, redacted);
    expect(g.ok).toBe(true);
    expect(g.recordings[0]!.persons[0]).toMatchObject({ verdict: 'redacted', basis: 'redacted' });
    const undecided: RedactionFacts = { ...redacted, undecidedTracks: () => [{ id: 'trk_1' }, { id: 'trk_2' }] };
    const u = checkGate(vault, [rec], 'reflection', 'supervisor', NOW, undecided);
    expect(u.ok).toBe(false);
    expect(u.recordings[0]).toMatchObject({ refusals: ['undecided-tracks'], undecidedTracks: 2 });
  });

  it('A1: a legal-task recording is covered inside the class without consent, but not for the public', () => {
    const rec = recs[7]!;
    purpose(rec, { basis: 'legal-task' });
    const p = addPerson(vault, { pseudonym: 'L.T.', role: 'student', consentHolder: 'self' }, NOW);
    addAppearance(vault, { recordingId: rec, personId: p.id, presence: 'seen' }, NOW);
    expect(checkGate(vault, [rec], 'reflection', 'assessor', NOW).recordings[0]!.persons[0]).toMatchObject({ verdict: 'covered', basis: 'legal-task' });
    expect(checkGate(vault, [rec], 'reflection', 'public', NOW).ok).toBe(false);
  });

  it('one refused recording refuses the whole package, and the others are still reported', () => {
    const g = checkGate(vault, [recs[0]!, recs[3]!], 'reflection', 'supervisor', NOW);
    expect(g.ok).toBe(false);
    expect(g.recordings.map((r) => r.ok)).toEqual([true, false]);
    expect(checkGate(vault, [], 'reflection', 'supervisor', NOW).ok).toBe(false);
  });
});
