import { coverage, type Audience, type Blocker, type Purpose, type UncoveredReason } from '../consent';
import type { Vault } from '../vault';
import { ShareError } from './errors';

/**
 * The share gate (issue 7): may these recordings leave the vault for this purpose and audience?
 * It answers per recording and per person, so the refusal can say exactly who is in the way.
 */

/** What redaction tells the gate; injected so the gate works before and without a redaction module. */
export interface RedactionFacts {
  /** person ids made unrecognisable in this derived recording (blurred and muted where they appear) */
  redactedPersons(vault: Vault, recordingId: string): string[];
  /** proposed detection tracks nobody decided on yet (every one needs a human decision first) */
  undecidedTracks(vault: Vault, recordingId: string): unknown[];
}

export const NO_REDACTION: RedactionFacts = { redactedPersons: () => [], undecidedTracks: () => [] };

export type RecordingRefusal = Blocker | 'undecided-tracks' | 'not-found';

export interface GatePerson {
  personId: string;
  pseudonym: string;
  /** covered by consent or the recording's basis, redacted, or refused with reasons */
  verdict: 'covered' | 'redacted' | 'refused';
  basis: 'consent' | 'legal-task' | 'legitimate-interest' | 'redacted' | null;
  consentId: string | null;
  reasons: UncoveredReason[];
}

export interface GateRecording {
  recordingId: string;
  refusals: RecordingRefusal[];
  undecidedTracks: number;
  persons: GatePerson[];
  ok: boolean;
}

export interface GateResult {
  purpose: Purpose;
  audience: Audience;
  recordings: GateRecording[];
  ok: boolean;
}

export function checkGate(vault: Vault, recordingIds: string[], purpose: Purpose, audience: Audience, now: Date, facts: RedactionFacts = NO_REDACTION): GateResult {
  const recordings = [...new Set(recordingIds)].map((id): GateRecording => {
    let c: ReturnType<typeof coverage>;
    try {
      c = coverage(vault, id, purpose, audience, now);
    } catch {
      return { recordingId: id, refusals: ['not-found'], undecidedTracks: 0, persons: [], ok: false };
    }
    const redacted = new Set(facts.redactedPersons(vault, id));
    const undecided = facts.undecidedTracks(vault, id).length;
    const refusals: RecordingRefusal[] = [...c.blockers];
    if (undecided > 0) refusals.push('undecided-tracks');
    const persons = c.persons.map((p): GatePerson => {
      if (p.covered) {
        const consentId = p.coveredBy && 'consentId' in p.coveredBy ? p.coveredBy.consentId : null;
        const basis = p.coveredBy && 'basis' in p.coveredBy ? p.coveredBy.basis : 'consent';
        return { personId: p.personId, pseudonym: p.pseudonym, verdict: 'covered', basis, consentId, reasons: [] };
      }
      if (redacted.has(p.personId)) return { personId: p.personId, pseudonym: p.pseudonym, verdict: 'redacted', basis: 'redacted', consentId: null, reasons: [] };
      return { personId: p.personId, pseudonym: p.pseudonym, verdict: 'refused', basis: null, consentId: null, reasons: p.reasons };
    });
    return { recordingId: id, refusals, undecidedTracks: undecided, persons, ok: refusals.length === 0 && persons.every((p) => p.verdict !== 'refused') };
  });
  return { purpose, audience, recordings, ok: recordings.length > 0 && recordings.every((r) => r.ok) };
}

const REFUSAL_TEXT: Record<RecordingRefusal, string> = {
  'no-purpose': 'has no purpose yet (set one first)',
  'special-category': 'holds health data or a patient and is never shared (U2)',
  'past-retention': 'is past its retention date and must be deleted, not shared (R7, H7)',
  'undecided-tracks': 'has detected people nobody decided on yet (review them in redaction)',
  'not-found': 'is not in this vault',
};

const REASON_TEXT: Record<UncoveredReason, string> = {
  'no-consent': 'no consent',
  withdrawn: 'consent withdrawn',
  expired: 'consent expired',
  'purpose-not-covered': 'consent does not cover this purpose',
  'audience-not-covered': 'consent does not cover this audience',
  'guardian-required': 'a guardian must sign',
  objected: 'objected to being recorded for this purpose (A2)',
};

/** One sentence per problem, for the refusal's message (the structured result travels too). */
export function describeRefusal(g: GateResult): string[] {
  const lines: string[] = [];
  for (const r of g.recordings) {
    for (const x of r.refusals) lines.push(`${r.recordingId} ${REFUSAL_TEXT[x]}`);
    for (const p of r.persons) if (p.verdict === 'refused') lines.push(`${r.recordingId}: ${p.pseudonym} is not covered for ${g.purpose} to ${g.audience} (${p.reasons.map((x) => REASON_TEXT[x]).join(', ')}); add consent or redact them`);
  }
  return lines;
}

export class GateRefusal extends ShareError {
  constructor(readonly gate: GateResult) {
    super('GATE_REFUSED', `Kluis will not export this: ${describeRefusal(gate).join('; ') || 'nothing was chosen'}.`);
  }
}

export function assertGate(g: GateResult): void {
  if (!g.ok) throw new GateRefusal(g);
}
