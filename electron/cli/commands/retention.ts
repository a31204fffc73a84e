import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { call, COMMON_OPTIONS, only, openService, out } from './consent';

export const retention: Command = {
  name: 'retention',
  summary: 'list (due) or delete (run) recordings past their retention deadline',
  help: `Usage: kluis retention due --vault DIR [--at DATE] [--json]
       kluis retention run --vault DIR [--yes] [--json]

due  lists the recordings whose retention deadline has passed (H7, R7); --at DATE looks
     ahead ("what is due by the end of the month").
run  deletes the recordings past their deadline now (crypto-shredding: their keys are
     destroyed, one audited transaction each). Without --yes it deletes nothing and asks
     nothing: it prints what would be deleted and exits 1 (0 when nothing is due).
`,
  options: { ...COMMON_OPTIONS, at: { type: 'string' }, yes: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub !== 'due' && sub !== 'run') throw new UsageError(sub ? `There is no "retention ${sub}"; use due or run.` : 'Say what to do: retention due or retention run.');
    if (rest.length) throw new UsageError(`retention ${sub} takes only options (got "${rest[0]}").`);
    if (sub === 'due') {
      only(values, sub, ['at']);
      const service = await openService(values, session);
      const at = str(values, 'at');
      const due = await call(service, 'retention.due', at ? { at } : {});
      const lines = due.map((d) => `${d.recordingId}  due ${d.retentionDeadline.slice(0, 10)}  ${d.retentionPreset.padEnd(20)}  owner ${d.owner}`);
      await out(values, due, lines.length ? lines.join('\n') : 'Nothing is past its retention deadline.');
      return EXIT.OK;
    }
    only(values, sub, ['yes']);
    const service = await openService(values, session);
    const run = await call(service, 'retention.run', { confirm: values.yes === true });
    if (run.due.length === 0) {
      await out(values, run, 'Nothing is past its retention deadline; nothing was deleted.');
      return EXIT.OK;
    }
    if (!run.confirmed) {
      const lines = run.due.map((d) => `would delete ${d.recordingId}  due ${d.retentionDeadline.slice(0, 10)}  ${d.retentionPreset} (${d.rule})  owner ${d.owner}`);
      await out(values, run, `${lines.join('\n')}\n${run.due.length} recording(s) are past their deadline; nothing was deleted. Run again with --yes to delete them.`);
      return EXIT.DAMAGED;
    }
    const lines = run.deleted.map((d) => `deleted ${d.recordingId}  ${d.deletedAt}  ${d.blobs} key(s) destroyed  (audit entry ${d.auditSeq})`);
    await out(values, run, `${lines.join('\n')}\n${run.deleted.length} recording(s) deleted.`);
    return EXIT.OK;
  },
};
