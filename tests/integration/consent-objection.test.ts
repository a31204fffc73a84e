/**
 * A2 (Aeres): a streamed lesson rests on legitimate interest, so nobody is asked for consent;
 * a student who objects (GDPR art. 21) follows online instead, and must not be in the stream.
 * The objection is one action, reaches coverage, the library badge, the session plan and the
 * share gate, and can be lifted; every step is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../electron/core/audit';
import {
  addAppearance, addConsent, addObjection, addPerson, adviseSession, coverage, coverageSummaries, liftObjection, listObjections, setRecordingPurpose,
} from '../../electron/core/consent';
import { checkGate, NO_REDACTION } from '../../electron/core/share';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { vaultWithRecordings } from '../unit/consent/fixtures';

let vault: Vault;
let dir: string;
let recs: string[];
const NOW = new Date(Date.UTC(2026, 3, 1, 12));

beforeAll(async () => {
  ({ vault, dir, recordings: recs } = await vaultWithRecordings(2));
});
afterAll(async () => {
  if (vault?.isOpen) await vault.lock();
  await removeDir(dir);
});

describe('objection under legitimate interest (A2)', () => {
  it('A2: a stream covers the class without consent until someone objects; then they must be cut or redacted, and lifting it restores the basis', async () => {
    const [stream, reflection] = recs as [string, string];
    setRecordingPurpose(vault, { recordingId: stream, purpose: 'streaming', lawfulBasis: 'legitimate-interest', situation: 'partner-school', specialCategory: false, owner: 'teacher', retentionPreset: 'stream-school-year' }, NOW);
    setRecordingPurpose(vault, { recordingId: reflection, purpose: 'reflection', lawfulBasis: 'consent', situation: 'partner-school', specialCategory: false, owner: 'teacher', retentionPreset: 'reflection' }, NOW);
    const objector = addPerson(vault, { pseudonym: 'O.B.', role: 'student', birthYear: 2004, consentHolder: 'school-protocol' }, NOW);
    const other = addPerson(vault, { pseudonym: 'K.L.', role: 'student', birthYear: 2004, consentHolder: 'school-protocol' }, NOW);
    for (const p of [objector, other]) addAppearance(vault, { recordingId: stream, personId: p.id, presence: 'both' }, NOW);
    addAppearance(vault, { recordingId: reflection, personId: objector.id, presence: 'seen' }, NOW);
    await addConsent(vault, { personId: objector.id, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-03-01' }, NOW);

    expect(coverage(vault, stream, 'streaming', 'class', NOW).shareable).toBe(true);

    const made = addObjection(vault, { personId: objector.id, purposes: ['streaming'], how: 'told the teacher' }, NOW);
    // only the stream is named: the reflection recording rests on their consent, which stands
    expect(made.affectedRecordings).toEqual([stream]);
    const c = coverage(vault, stream, 'streaming', 'class', NOW);
    expect(c.persons.find((p) => p.personId === objector.id)).toMatchObject({ covered: false, coveredBy: null, reasons: ['objected'] });
    expect(c.persons.find((p) => p.personId === other.id)).toMatchObject({ covered: true, coveredBy: { basis: 'legitimate-interest' } });
    expect(c.shareable).toBe(false);
    expect(coverage(vault, reflection, 'reflection', 'supervisor', NOW).shareable).toBe(true);
    expect(coverageSummaries(vault, [stream], NOW)[0]).toMatchObject({ status: 'attention', uncovered: ['O.B.'] });
    const gate = checkGate(vault, [stream], 'streaming', 'class', NOW, NO_REDACTION);
    expect(gate.ok).toBe(false);
    expect(gate.recordings[0]!.persons.find((p) => p.pseudonym === 'O.B.')).toMatchObject({ verdict: 'refused', reasons: ['objected'] });
    // planning the next streamed lesson: the objector shows as not consenting
    const advice = adviseSession(vault, { purpose: 'streaming', audience: 'class', personIds: [objector.id, other.id] }, NOW);
    expect(advice.persons.find((p) => p.personId === objector.id)?.consented).toBe(false);

    const lifted = liftObjection(vault, made.objection.id, new Date(NOW.getTime() + 86_400_000));
    expect(lifted.liftedAt).not.toBeNull();
    expect(coverage(vault, stream, 'streaming', 'class', NOW).shareable).toBe(true);
    expect(listObjections(vault, objector.id)).toHaveLength(1);
    const actions = listAudit(vault, { subject: objector.id }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['person.objected', 'person.objectionLifted']));
    expect(verifyAudit(vault).ok).toBe(true);
  });

  it('A2: an objection must name a purpose, and a person who is not there is named in the error', () => {
    const p = addPerson(vault, { pseudonym: 'X.', role: 'student', consentHolder: 'self' }, NOW);
    expect(() => addObjection(vault, { personId: p.id, purposes: [] }, NOW)).toThrow(/at least one purpose/);
    expect(() => addObjection(vault, { personId: 'per_0000000000000000', purposes: ['streaming'] }, NOW)).toThrow(/no person per_0000000000000000/);
  });
});
