import type { Input } from '../../core/api';
import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { call, COMMON_OPTIONS, openService, out } from './consent';

const REASON: Record<string, string> = {
  'no-consent': 'no consent recorded (H1)',
  withdrawn: 'consent withdrawn (R1)',
  expired: 'consent expired',
  'purpose-not-covered': 'consent does not cover this purpose (A3, H8)',
  'audience-not-covered': 'consent does not cover this audience (A3)',
  objected: 'objected to being recorded for this purpose (A2): cut or redact them',
  'guardian-required': 'under 16 when signing, and no guardian signed (R2)',
};
const BLOCKER: Record<string, string> = {
  'no-purpose': 'no purpose set: run "kluis recording set-purpose" first',
  'special-category': 'health data or a patient present: never shared (U2)',
  'past-retention': 'past its retention deadline: delete it (R7, H7)',
};

export const coverage: Command = {
  name: 'coverage',
  summary: 'check that everyone in a recording is covered for a purpose and audience',
  help: `Usage: kluis coverage --vault DIR RECORDING_ID --purpose P --audience A [--json]

Lists every person who appears in the recording and whether their consent (or the
recording's lawful basis) covers this purpose and audience, with the reasons when not.
Exit status 0 when the recording may be shared, 1 when someone is not covered or the
recording is blocked.
  --json   {recordingId, purpose, audience, blockers, persons: [{personId, pseudonym,
           covered, coveredBy, reasons}], shareable} (see docs/cli.md)
`,
  options: { ...COMMON_OPTIONS, purpose: { type: 'string' }, audience: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    if (positionals.length !== 1) throw new UsageError('Name exactly one recording id ("kluis recordings" lists them).');
    if (!str(values, 'purpose') || !str(values, 'audience')) throw new UsageError('--purpose and --audience are required.');
    const service = await openService(values, session);
    const c = await call(service, 'coverage.check', {
      recordingId: positionals[0]!,
      purpose: str(values, 'purpose') as Input<'coverage.check'>['purpose'],
      audience: str(values, 'audience') as Input<'coverage.check'>['audience'],
    });
    const human = [
      `${c.recordingId} for ${c.purpose} to ${c.audience}: ${c.shareable ? 'may be shared' : 'NOT shareable'}`,
      ...c.blockers.map((b) => `  blocked: ${BLOCKER[b] ?? b}`),
      ...c.persons.map((p) =>
        p.covered
          ? `  covered      ${p.personId}  ${p.pseudonym}  by ${p.coveredBy && 'consentId' in p.coveredBy ? p.coveredBy.consentId : (p.coveredBy?.basis ?? '?')}`
          : `  NOT covered  ${p.personId}  ${p.pseudonym}  ${p.reasons.map((r) => REASON[r] ?? r).join('; ')}`,
      ),
    ];
    if (c.persons.length === 0) human.push('  nobody recorded as appearing yet ("kluis appear add")');
    await out(values, c, human.join('\n'));
    return c.shareable ? EXIT.OK : EXIT.INCOMPLETE;
  },
};
