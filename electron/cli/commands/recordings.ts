import { listRecordings, type RecordingSummary } from '../../core/api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { formatSize, write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';
import { formatDuration, withMediaService, type Detail } from './media-service';

interface RecordingLine extends RecordingSummary {
  durationSec: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  playability: Detail['row']['playability'];
}

/** The documented --json shape: exactly these keys, whatever the core adds later. */
function jsonRecording(r: RecordingSummary, d: Detail['row']): RecordingLine {
  return {
    id: r.id,
    label: r.label,
    layout: r.layout,
    sourceLabel: r.sourceLabel,
    capturedAt: r.capturedAt,
    importedAt: r.importedAt,
    files: r.files,
    bytes: r.bytes,
    durationSec: d.durationSec,
    videoCodec: d.videoCodec,
    audioCodec: d.audioCodec,
    playability: d.playability,
  };
}

const utc = (iso: string | null): string => (iso ? iso.slice(0, 19).replace('T', ' ') : '-'.padEnd(19));
const codecs = (r: RecordingLine): string => (r.playability === 'pending' ? 'not probed' : r.playability === 'unplayable' ? 'unplayable' : [r.videoCodec, r.audioCodec].filter(Boolean).join('/') || '-');

export const recordings: Command = {
  name: 'recordings',
  summary: 'list the recordings imported from cards (verified ones only)',
  help: `Usage: kluis recordings --vault DIR [--password-file F] [--json]

Lists the recordings that "kluis import" brought in and verified, by capture time:
id, capture time (UTC), layout, files, size, duration, codecs (video/audio), source
card and label. A clip whose import was interrupted is not listed until a later
import has verified it. Duration and codecs show once the recording was probed (the
app does that in the background; "kluis probe ID" does it now); until then the
codecs column says "not probed".
  --json   a JSON array of {id, label, layout, sourceLabel, capturedAt, importedAt,
           files, bytes, durationSec, videoCodec, audioCodec, playability}
           (see docs/cli.md)
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, json: { type: 'boolean' } },
  positionals: false,
  async run({ values, positionals }, session) {
    if (positionals.length) throw new UsageError(`recordings takes no arguments besides options (got "${positionals[0]}").`);
    return withMediaService(values, session, async (service) => {
      const list: RecordingLine[] = [];
      // recordings.detail rather than library.query: listing must not start background work that the lock would cut off.
      for (const r of listRecordings(service.openVault)) list.push(jsonRecording(r, (await service.handlers['recordings.detail']({ id: r.id })).row));
      if (values.json) {
        await write(process.stdout, `${JSON.stringify(list, null, 2)}\n`);
        return EXIT.OK;
      }
      const lines = list.map(
        (r) =>
          `${r.id}  ${utc(r.capturedAt)}  ${r.layout.padEnd(14)}  ${String(r.files).padStart(3)} file(s)  ${formatSize(r.bytes).padStart(10)}  ${formatDuration(r.durationSec).padStart(8)}  ${codecs(r).padEnd(10)}  ${r.sourceLabel}  ${r.label}`,
      );
      await write(process.stdout, lines.length ? `${lines.join('\n')}\n` : 'No recordings yet; import a card with: kluis import --vault DIR SOURCE\n');
      return EXIT.OK;
    });
  },
};
