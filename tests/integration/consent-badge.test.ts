/** The library's coverage badge (coverage.summaries) and the withdrawal cascade's list, on a real vault with a fixed clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAppearance, addConsent, addPerson, coverageSummaries, registerWithdrawalCascade, setRecordingPurpose, withdrawConsent } from '../../electron/core/consent';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { RECORDED, vaultWithRecordings } from '../unit/consent/fixtures';

const DAY = 86_400_000;
const NOW = new Date(RECORDED.getTime() + 7 * DAY);
let dir: string;
let v: Vault;
let recs: string[];

beforeAll(async () => {
  const made = await vaultWithRecordings(5);
  ({ dir, vault: v, recordings: recs } = made);
});
afterAll(async () => {
  if (v?.isOpen) await v.lock();
  await removeDir(dir);
});

const base = { purpose: 'reflection', lawfulBasis: 'consent', situation: 'partner-school', specialCategory: false, owner: 'trainee', retentionPreset: 'reflection' } as const;

describe('coverage.summaries: one glance per recording against its own purpose', () => {
  it('R1, H1, R2, U2, H7, A1: covered / needs attention (who, or no purpose) / blocked (special category, past retention)', async () => {
    const [covered, uncovered, special, none, basis] = recs as [string, string, string, string, string];
    const ok = addPerson(v, { pseudonym: 'OK', role: 'pupil', consentHolder: 'school-protocol' }, NOW).id;
    const child = addPerson(v, { pseudonym: 'KID', role: 'pupil', birthYear: 2014, consentHolder: 'school-protocol' }, NOW).id;
    await addConsent(v, { personId: ok, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-01-01' }, NOW);
    // signed by the child alone: under 16 needs a guardian (R2), so not covered
    await addConsent(v, { personId: child, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-01-01' }, NOW);
    for (const r of [covered, uncovered, special]) setRecordingPurpose(v, { ...base, recordingId: r, specialCategory: r === special }, NOW);
    setRecordingPurpose(v, { ...base, recordingId: basis, purpose: 'assessment', lawfulBasis: 'legal-task', retentionPreset: 'assessment-evidence' }, NOW);
    addAppearance(v, { recordingId: covered, personId: ok, presence: 'both' }, NOW);
    addAppearance(v, { recordingId: uncovered, personId: ok, presence: 'seen' }, NOW);
    addAppearance(v, { recordingId: uncovered, personId: child, presence: 'seen' }, NOW);
    addAppearance(v, { recordingId: special, personId: ok, presence: 'both' }, NOW);
    addAppearance(v, { recordingId: basis, personId: child, presence: 'both' }, NOW);

    const byId = new Map(coverageSummaries(v, [...recs, 'rec_0000000000000000'], NOW).map((s) => [s.recordingId, s]));
    expect(byId.size).toBe(5); // an unknown (deleted) id is left out, not an error
    expect(byId.get(covered)).toEqual({ recordingId: covered, status: 'covered', blockers: [], noPurpose: false, uncovered: [], persons: 1 });
    expect(byId.get(uncovered)).toMatchObject({ status: 'attention', uncovered: ['KID'], persons: 2 });
    expect(byId.get(special)).toMatchObject({ status: 'blocked', blockers: ['special-category'] });
    expect(byId.get(none)).toMatchObject({ status: 'attention', noPurpose: true, uncovered: [] });
    // A1: assessment on a legal task covers the child without consent
    expect(byId.get(basis)).toMatchObject({ status: 'covered', uncovered: [] });

    // H7: five weeks on, the reflection recordings are past their 4-week deadline
    const later = new Map(coverageSummaries(v, [covered], new Date(RECORDED.getTime() + 35 * DAY)).map((s) => [s.recordingId, s]));
    expect(later.get(covered)).toMatchObject({ status: 'blocked', blockers: ['past-retention'] });

    // R1: a withdrawal turns a covered recording into one that needs attention
    const consentOfOk = v.catalog.prepare('SELECT id FROM consents WHERE person_id = ?').get(ok) as { id: string };
    const w = withdrawConsent(v, consentOfOk.id, 'e-mail', NOW);
    expect(coverageSummaries(v, [covered], NOW)[0]).toMatchObject({ status: 'attention', uncovered: ['OK'] });

    // R7, U4: the cascade lists the recordings; redact/share extend it with their own items
    expect(w.affectedRecordings).toEqual([covered, uncovered, special].sort());
    expect(w.affected.every((a) => a.kind === 'recording')).toBe(true);
    registerWithdrawalCascade((_vault, personId) => (personId === ok ? [{ kind: 'share-package', id: 'pkg_test', action: 'revoke' }] : []));
    const again = withdrawConsent(v, consentOfOk.id, 'e-mail', NOW);
    expect(again.affected.at(-1)).toEqual({ kind: 'share-package', id: 'pkg_test', action: 'revoke' });
    expect(again.affectedRecordings).toEqual(w.affectedRecordings);
  });
});
