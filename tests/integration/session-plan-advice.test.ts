/** Session plans before recording (R4) and the H3 camera advice, on a real vault with a fixed clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../electron/core/audit';
import { addConsent, addPerson, adviseSession, attachPlan, cameraAdvice, createSessionPlan, listAppearances, listSessionPlans, withdrawConsent } from '../../electron/core/consent';
import { deleteRecording } from '../../electron/core/ingest';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { RECORDED, vaultWithRecordings } from '../unit/consent/fixtures';

const NOW = new Date(RECORDED.getTime() - 86_400_000);
let dir: string;
let v: Vault;
let recs: string[];
let people: string[];
let consents: string[];

beforeAll(async () => {
  const made = await vaultWithRecordings(2);
  ({ dir, vault: v, recordings: recs } = made);
  people = [];
  consents = [];
  // five pupils: four consented to reflection with the supervisor, one did not
  for (const [i, name] of ['A', 'B', 'C', 'D', 'E'].entries()) {
    const p = addPerson(v, { pseudonym: name, role: 'pupil', consentHolder: 'school-protocol' }, NOW).id;
    people.push(p);
    if (i < 4) consents.push((await addConsent(v, { personId: p, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'both', signedAt: '2026-01-05' }, NOW)).id);
  }
});
afterAll(async () => {
  if (v?.isOpen) await v.lock();
  await removeDir(dir);
});

describe('H3 camera advice', () => {
  it('H3: all = free; most (more than half) = others out of view; half or fewer = film only yourself', () => {
    expect(cameraAdvice(5, 5)).toBe('free');
    expect(cameraAdvice(0, 0)).toBe('free');
    expect(cameraAdvice(4, 5)).toBe('others-out-of-view');
    expect(cameraAdvice(2, 4)).toBe('only-yourself');
    expect(cameraAdvice(1, 5)).toBe('only-yourself');
  });

  it('H3, R4: advice from live consents for the intended purpose and audience; 360° only when everyone consented', () => {
    const four = { purpose: 'reflection', audience: 'supervisor', personIds: people.slice(0, 4), threeSixty: true } as const;
    expect(adviseSession(v, four, NOW)).toMatchObject({ advice: 'free', threeSixtyAllowed: true, threeSixtyRefused: false, consented: 4, total: 4 });
    const all = adviseSession(v, { ...four, personIds: people }, NOW);
    expect(all).toMatchObject({ advice: 'others-out-of-view', threeSixtyAllowed: false, threeSixtyRefused: true, consented: 4, total: 5 });
    expect(all.persons.find((p) => !p.consented)?.pseudonym).toBe('E');
    // a wider audience than consented to (A3) or another purpose (H1): nobody is covered
    expect(adviseSession(v, { ...four, audience: 'public' }, NOW)).toMatchObject({ advice: 'only-yourself', consented: 0 });
    expect(adviseSession(v, { ...four, purpose: 'teaching' }, NOW)).toMatchObject({ advice: 'only-yourself', consented: 0 });
  });

  it('R4: a stored plan is audited, re-judged when consent changes, and attached to a recording made from it (the planned people appear)', async () => {
    const plan = createSessionPlan(v, { title: 'Maths lesson 3B', purpose: 'reflection', audience: 'supervisor', personIds: people.slice(0, 3) }, NOW);
    expect(plan).toMatchObject({ id: expect.stringMatching(/^pln_[0-9a-f]{16}$/) as unknown, advice: 'free', recordings: [] });
    expect(listAudit(v).at(-1)).toMatchObject({ action: 'sessionPlan.created', subject: plan.id, detail: { persons: 3, consented: 3, advice: 'free' } });
    expect(JSON.stringify(listAudit(v).at(-1))).not.toContain('Maths');

    // R1: one of three withdraws: two of three is still most, so others go out of view
    withdrawConsent(v, consents[0]!, 'in person', NOW);
    expect(listSessionPlans(v, NOW).find((p) => p.id === plan.id)).toMatchObject({ advice: 'others-out-of-view', consented: 2, total: 3 });

    const attached = attachPlan(v, plan.id, recs[0]!, NOW);
    expect(attached.recordings).toEqual([recs[0]]);
    expect(listAppearances(v, recs[0]!).map((a) => a.personId).sort()).toEqual(people.slice(0, 3).sort());
    const entries = listAudit(v).map((e) => e.action);
    expect(entries.at(-1)).toBe('sessionPlan.attached');
    expect(entries.filter((a) => a === 'appearance.set')).toHaveLength(3);
    // attaching again changes nothing
    attachPlan(v, plan.id, recs[0]!, NOW);
    expect(listAudit(v).map((e) => e.action)).toEqual(entries);

    // a deleted recording leaves the plan, not a dangling link
    await deleteRecording(v, recs[0]!, { why: 'user', rule: 'R7' }, NOW);
    expect(listSessionPlans(v, NOW).find((p) => p.id === plan.id)?.recordings).toEqual([]);
    expect(verifyAudit(v).ok).toBe(true);
  });

  it('B2: a care worker plans a session with a client: without the client\'s consent the plan says not to film them; once consent is recorded before the session, it may go ahead', async () => {
    const client = addPerson(v, { pseudonym: 'Cl.', role: 'client', consentHolder: 'self' }, NOW).id;
    const session = { purpose: 'coaching' as const, audience: 'supervisor' as const, personIds: [client] };
    expect(adviseSession(v, session, NOW)).toMatchObject({ advice: 'only-yourself', consented: 0, persons: [{ personId: client, consented: false }] });
    await addConsent(v, { personId: client, purposes: ['coaching'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-01-06' }, NOW);
    expect(adviseSession(v, session, NOW)).toMatchObject({ advice: 'free', consented: 1, total: 1 });
  });

  it('names a missing plan and what to do', () => {
    expect(() => attachPlan(v, 'pln_0000000000000000', recs[1]!, NOW)).toThrow(/no session plan pln_0000000000000000.*plan one under People/);
  });
});
