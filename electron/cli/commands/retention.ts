import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { call, COMMON_OPTIONS, only, openService, out } from './consent';

export const retention: Command = {
  name: 'retention',
  summary: 'list recordings past their retention deadline (due)',
  help: `Usage: kluis retention due --vault DIR [--at DATE] [--json]

Lists the recordings whose retention deadline has passed (H7, R7); --at DATE looks
ahead ("what is due by the end of the month"). Deleting them is not built yet.
`,
  options: { ...COMMON_OPTIONS, at: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub !== 'due') throw new UsageError(sub ? `There is no "retention ${sub}"; use due.` : 'Say what to do: retention due.');
    only(values, sub, ['at']);
    if (rest.length) throw new UsageError(`retention due takes only options (got "${rest[0]}").`);
    const service = await openService(values, session);
    const at = str(values, 'at');
    const due = await call(service, 'retention.due', at ? { at } : {});
    const lines = due.map((d) => `${d.recordingId}  due ${d.retentionDeadline.slice(0, 10)}  ${d.retentionPreset.padEnd(20)}  owner ${d.owner}`);
    await out(values, due, lines.length ? lines.join('\n') : 'Nothing is past its retention deadline.');
    return EXIT.OK;
  },
};
