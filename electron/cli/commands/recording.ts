import type { Input } from '../../core/api';
import { str, type Values } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import type { Session } from '../session';
import { call, COMMON_OPTIONS, only, openService, out } from './consent';

type SetPurpose = Input<'recordings.setPurpose'>;
type Delete = Input<'recordings.delete'>;

const DEFAULT_RULE: Record<Delete['why'], string> = { withdrawal: 'R7', objection: 'A2', user: 'user' };

async function deleteRecording(values: Values, rest: string[], session: Session): Promise<number> {
  only(values, 'delete', ['why', 'person', 'rule', 'yes']);
  if (rest.length !== 1) throw new UsageError('Name exactly one recording id ("kluis recordings" lists them).');
  const why = str(values, 'why');
  if (why !== 'withdrawal' && why !== 'objection' && why !== 'user') throw new UsageError('--why must be withdrawal (a consent was withdrawn), objection (the person objects to its purpose, A2) or user (deleted by hand).');
  if (values.yes !== true) throw new UsageError(`Deleting ${rest[0]} cannot be undone: add --yes to go ahead.`);
  const person = str(values, 'person');
  const input: Delete = { recordingId: rest[0]!, why, rule: str(values, 'rule') ?? DEFAULT_RULE[why], ...(person ? { personId: person } : {}) };
  const service = await openService(values, session);
  const r = await call(service, 'recordings.delete', input);
  await out(values, r, `${r.recordingId}: deleted (${r.blobs} encrypted file(s) shredded, audit entry ${r.auditSeq})`);
  return EXIT.OK;
}

export const recording: Command = {
  name: 'recording',
  summary: "set a recording's purpose, lawful basis and retention (set-purpose); delete it after a withdrawal or objection (delete)",
  help: `Usage: kluis recording set-purpose --vault DIR RECORDING_ID --purpose P --basis B
                   --situation S --owner NAME --retention PRESET
                   [--anchor-date DATE] [--deadline DATE] [--special-category]
                   [--consent-archive WHERE] [--json]

--basis      consent, legal-task (assessment: A1) or legitimate-interest (coaching,
             streaming: A2).
--situation  partner-school, other-school or outside-school (H2).
--retention  reflection, assessment-evidence, final-level-evidence (H7),
             assessment-material (A1, needs --anchor-date = graduation), exam-content (A4),
             psychology-teaching (NVO), stream-school-year (A2),
             until-assessed (R7, needs --anchor-date = the assessment), custom (--deadline).
--special-category  health data or a patient present: the recording is never shared (U2).
--consent-archive   where the signed consents are kept (H7).
On a consent basis it lists whoever appears in the recording and has no consent for
the purpose, or one that ends before the deadline: ask them again (H8).

       kluis recording delete --vault DIR RECORDING_ID --why withdrawal|objection|user
                   [--person PERSON_ID] [--rule RULE] --yes [--json]

Deletes the recording for good (crypto-shredding), with its redacted copies, and logs
why in the audit log. --why withdrawal (with --person: whose withdrawal; --rule defaults
to R7) or objection (with --person: who objects; --rule defaults to A2) counts in that
person's deletion confirmation ("kluis report deletion").
--yes is required: there is no undo.
`,
  options: {
    ...COMMON_OPTIONS,
    purpose: { type: 'string' },
    basis: { type: 'string' },
    situation: { type: 'string' },
    owner: { type: 'string' },
    retention: { type: 'string' },
    'anchor-date': { type: 'string' },
    deadline: { type: 'string' },
    'special-category': { type: 'boolean' },
    'consent-archive': { type: 'string' },
    why: { type: 'string' },
    person: { type: 'string' },
    rule: { type: 'string' },
    yes: { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub === 'delete') return deleteRecording(values, rest, session);
    if (sub !== 'set-purpose') throw new UsageError(sub ? `There is no "recording ${sub}"; use set-purpose or delete.` : 'Say what to do: recording set-purpose or recording delete.');
    only(values, sub, ['purpose', 'basis', 'situation', 'owner', 'retention', 'anchor-date', 'deadline', 'special-category', 'consent-archive']);
    if (rest.length !== 1) throw new UsageError('Name exactly one recording id ("kluis recordings" lists them).');
    const service = await openService(values, session);
    const input: SetPurpose = {
      recordingId: rest[0]!,
      purpose: (str(values, 'purpose') ?? '') as SetPurpose['purpose'],
      lawfulBasis: (str(values, 'basis') ?? '') as SetPurpose['lawfulBasis'],
      situation: (str(values, 'situation') ?? '') as SetPurpose['situation'],
      specialCategory: values['special-category'] === true,
      owner: str(values, 'owner') ?? '',
      retentionPreset: str(values, 'retention') ?? '',
      ...(str(values, 'anchor-date') ? { anchorDate: str(values, 'anchor-date')! } : {}),
      ...(str(values, 'deadline') ? { deadline: str(values, 'deadline')! } : {}),
      ...(str(values, 'consent-archive') ? { consentArchive: str(values, 'consent-archive')! } : {}),
    };
    const r = await call(service, 'recordings.setPurpose', input);
    const { info } = r;
    const human = [`${info.recordingId}: ${info.purpose} on ${info.lawfulBasis}; delete by ${info.retentionDeadline.slice(0, 10)} (${info.retentionPreset})`];
    if (r.needsConsent.length) human.push('Ask these people for new consent before sharing (H8):');
    for (const n of r.needsConsent) human.push(`  ${n.personId}  ${n.pseudonym}  ${n.why === 'purpose-not-consented' ? `no consent for ${info.purpose}` : 'consent ends before the deadline'}`);
    await out(values, r, human.join('\n'));
    return EXIT.OK;
  },
};
