import type { Input } from '../../core/api';
import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { call, COMMON_OPTIONS, only, openService, out } from './consent';

/** "12.5-30,45-60" in seconds */
function ranges(text: string | undefined): { startSec: number; endSec: number }[] | undefined {
  if (!text) return undefined;
  return text.split(',').map((part) => {
    const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(part.trim());
    if (!m) throw new UsageError(`--at takes START-END ranges in seconds, comma-separated, like 12.5-30,45-60 (got "${part}").`);
    return { startSec: Number(m[1]), endSec: Number(m[2]) };
  });
}

export const appear: Command = {
  name: 'appear',
  summary: 'record who appears in a recording (add)',
  help: `Usage: kluis appear add --vault DIR RECORDING_ID PERSON_ID --as seen|heard|both
                      [--at START-END[,START-END]] [--json]

Records that the person appears in the recording: seen, heard or both, and when
(seconds) if known. Coverage ("kluis coverage") checks everyone recorded here.
`,
  options: { ...COMMON_OPTIONS, as: { type: 'string' }, at: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub !== 'add') throw new UsageError(sub ? `There is no "appear ${sub}"; use add.` : 'Say what to do: appear add.');
    only(values, sub, ['as', 'at']);
    if (rest.length !== 2) throw new UsageError('Name a recording id and a person id ("kluis recordings" and "kluis person ls" list them).');
    const at = ranges(str(values, 'at'));
    const service = await openService(values, session);
    const a = await call(service, 'appearances.add', {
      recordingId: rest[0]!,
      personId: rest[1]!,
      presence: (str(values, 'as') ?? '') as Input<'appearances.add'>['presence'],
      ...(at ? { ranges: at } : {}),
    });
    await out(values, a, `${a.personId} ${a.presence === 'both' ? 'seen and heard' : a.presence} in ${a.recordingId}`);
    return EXIT.OK;
  },
};
