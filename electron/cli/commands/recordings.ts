import { listRecordings, type RecordingSummary } from '../../core/api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { formatSize, write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';

/** The documented --json shape: exactly these keys, whatever the core adds later. */
function jsonRecording(r: RecordingSummary): RecordingSummary {
  return { id: r.id, label: r.label, layout: r.layout, sourceLabel: r.sourceLabel, capturedAt: r.capturedAt, importedAt: r.importedAt, files: r.files, bytes: r.bytes };
}

const utc = (iso: string | null): string => (iso ? iso.slice(0, 19).replace('T', ' ') : '-'.padEnd(19));

export const recordings: Command = {
  name: 'recordings',
  summary: 'list the recordings imported from cards (verified ones only)',
  help: `Usage: kluis recordings --vault DIR [--password-file F] [--json]

Lists the recordings that "kluis import" brought in and verified, by capture time:
id, capture time (UTC), layout, files, size, source card and label. A clip whose
import was interrupted is not listed until a later import has verified it.
  --json   a JSON array of {id, label, layout, sourceLabel, capturedAt, importedAt,
           files, bytes} (see docs/cli.md)
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, json: { type: 'boolean' } },
  positionals: false,
  async run({ values, positionals }, session) {
    if (positionals.length) throw new UsageError(`recordings takes no arguments besides options (got "${positionals[0]}").`);
    const vault = await session.unlock(values);
    const list = listRecordings(vault).map(jsonRecording);
    if (values.json) {
      await write(process.stdout, `${JSON.stringify(list, null, 2)}\n`);
      return EXIT.OK;
    }
    const lines = list.map((r) => `${r.id}  ${utc(r.capturedAt)}  ${r.layout.padEnd(14)}  ${String(r.files).padStart(3)} file(s)  ${formatSize(r.bytes).padStart(10)}  ${r.sourceLabel}  ${r.label}`);
    await write(process.stdout, lines.length ? `${lines.join('\n')}\n` : 'No recordings yet; import a card with: kluis import --vault DIR SOURCE\n');
    return EXIT.OK;
  },
};
