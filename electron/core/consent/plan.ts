import { randomBytes } from 'node:crypto';
import { VaultError, type Vault } from '../vault';
import { addAppearance } from './appearances';
import { getPerson } from './persons';
import { audit, newId, ready } from './ready';
import { recordedAt } from './recordings';
import { coveredForPurpose } from './summary';
import type { Audience, Purpose } from './types';

/**
 * H3's camera advice: everyone consented = film freely; most = place the others out of view;
 * few = film only yourself (the student); 360° only when everyone consented.
 */
export type CameraAdvice = 'free' | 'others-out-of-view' | 'only-yourself';

export interface SessionPlanInput {
  title: string;
  purpose: Purpose;
  audience: Audience;
  personIds: string[];
  /** a 360° camera sees everyone in the room */
  threeSixty?: boolean;
}

export interface PlanAdvice {
  advice: CameraAdvice;
  /** H3: allowed only when everyone present consented */
  threeSixtyAllowed: boolean;
  /** the planned 360° camera is not allowed: choose a normal camera */
  threeSixtyRefused: boolean;
  persons: { personId: string; pseudonym: string; consented: boolean }[];
  consented: number;
  total: number;
}

export interface SessionPlan extends SessionPlanInput, PlanAdvice {
  id: string;
  threeSixty: boolean;
  createdAt: string;
  recordings: string[];
}

/** "Most" is more than half; at half or fewer only the student films themselves (H3). */
export function cameraAdvice(consented: number, total: number): CameraAdvice {
  if (consented === total) return 'free';
  return consented * 2 > total ? 'others-out-of-view' : 'only-yourself';
}

/**
 * The advice for a session before it is recorded (R4: record only after consent), judged from
 * each person's live consents for the intended purpose and audience. Nothing is stored.
 */
export function adviseSession(vault: Vault, p: Omit<SessionPlanInput, 'title'>, now: Date = new Date()): PlanAdvice {
  const persons = [...new Set(p.personIds)].map((id) => {
    const person = getPerson(vault, id);
    return { personId: id, pseudonym: person.pseudonym, consented: coveredForPurpose(vault, person, p.purpose, p.audience, null, now) };
  });
  const consented = persons.filter((x) => x.consented).length;
  const all = consented === persons.length;
  return { advice: cameraAdvice(consented, persons.length), threeSixtyAllowed: all, threeSixtyRefused: !!p.threeSixty && !all, persons, consented, total: persons.length };
}

interface PlanRow {
  id: string;
  title: string;
  purpose: Purpose;
  audience: Audience;
  person_ids: string;
  three_sixty: number;
  created_at: string;
}

/** Stores a plan so recordings made from it can point back to it; the advice is returned, never stored (consent changes). */
export function createSessionPlan(vault: Vault, p: SessionPlanInput, now: Date = new Date()): SessionPlan {
  const db = ready(vault).catalog;
  const advice = adviseSession(vault, p, now);
  const id = newId('pln', randomBytes(8));
  const personIds = advice.persons.map((x) => x.personId);
  db.transaction(() => {
    db.prepare('INSERT INTO session_plans (id, title, purpose, audience, person_ids, three_sixty, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id, p.title, p.purpose, p.audience, JSON.stringify(personIds), p.threeSixty ? 1 : 0, now.toISOString(),
    );
    audit(vault, { action: 'sessionPlan.created', subject: id, detail: { purpose: p.purpose, audience: p.audience, persons: personIds.length, consented: advice.consented, advice: advice.advice } }, now);
  })();
  return { id, title: p.title, purpose: p.purpose, audience: p.audience, personIds, threeSixty: !!p.threeSixty, createdAt: now.toISOString(), recordings: [], ...advice };
}

function toPlan(vault: Vault, r: PlanRow, now: Date): SessionPlan {
  const input = { title: r.title, purpose: r.purpose, audience: r.audience, personIds: JSON.parse(r.person_ids) as string[], threeSixty: r.three_sixty === 1 };
  const recordings = (vault.catalog.prepare('SELECT recording_id FROM session_plan_recordings WHERE plan_id = ? ORDER BY recording_id').all(r.id) as { recording_id: string }[]).map((x) => x.recording_id);
  return { id: r.id, ...input, createdAt: r.created_at, recordings, ...adviseSession(vault, input, now) };
}

/** Plans, newest first, with today's advice (a consent withdrawn since changes it). */
export function listSessionPlans(vault: Vault, now: Date = new Date()): SessionPlan[] {
  const rows = ready(vault).catalog.prepare('SELECT * FROM session_plans ORDER BY created_at DESC, id').all() as PlanRow[];
  return rows.map((r) => toPlan(vault, r, now));
}

export function getSessionPlan(vault: Vault, id: string, now: Date = new Date()): SessionPlan {
  const r = ready(vault).catalog.prepare('SELECT * FROM session_plans WHERE id = ?').get(id) as PlanRow | undefined;
  if (!r) throw new VaultError('NOT_FOUND', `There is no session plan ${id} in this vault; plan one under People first.`);
  return toPlan(vault, r, now);
}

/**
 * A recording made from a plan: it points back to the plan and the planned people are marked as
 * appearing (seen and heard; the user narrows it afterwards). Attaching twice changes nothing.
 */
export function attachPlan(vault: Vault, planId: string, recordingId: string, now: Date = new Date()): SessionPlan {
  const db = ready(vault).catalog;
  const plan = getSessionPlan(vault, planId, now);
  recordedAt(vault, recordingId);
  const known = new Set((db.prepare('SELECT person_id FROM appearances WHERE recording_id = ?').all(recordingId) as { person_id: string }[]).map((r) => r.person_id));
  db.transaction(() => {
    const added = db.prepare('INSERT OR IGNORE INTO session_plan_recordings (plan_id, recording_id) VALUES (?, ?)').run(planId, recordingId).changes;
    if (!added) return;
    for (const personId of plan.personIds) if (!known.has(personId)) addAppearance(vault, { recordingId, personId, presence: 'both' }, now);
    audit(vault, { action: 'sessionPlan.attached', subject: recordingId, detail: { plan: planId } }, now);
  })();
  return getSessionPlan(vault, planId, now);
}
