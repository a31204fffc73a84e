import type { Command } from '../command';
import { EXIT } from '../errors';
import { write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';
import { MediaJobFailed, processNow, probeText, withMediaService, recordingIdArg } from './media-service';

export const probe: Command = {
  name: 'probe',
  summary: 'show what ffprobe found in a recording (probing it now if needed)',
  help: `Usage: kluis probe --vault DIR [--password-file F] ID [--again] [--json]

Shows a recording's duration, container, codecs, resolution, frame rate, rotation,
creation time, whether the app plays it as it is, and the metadata that identifies a
person, device or place. A recording not probed yet is probed first (ffprobe reads
it through a one-time loopback URL; nothing decrypted is written to disk).
  --again  probe it again even when it was probed before
  --json   the recording's detail as the app sees it (see docs/cli.md)
A file ffprobe cannot read is not an error of the command: it is reported as
"cannot be played: <reason>" and the exit code is 0.
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, json: { type: 'boolean' }, again: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const id = recordingIdArg(positionals);
    return withMediaService(values, session, async (service) => {
      let detail = await service.handlers['recordings.detail']({ id });
      if (values.again || detail.row.playability === 'pending') {
        try {
          detail = await processNow(service, id, session);
        } catch (e) {
          if (!(e instanceof MediaJobFailed)) throw e;
          await write(process.stderr, `kluis: ${e.message}\n`);
          return EXIT.FAILED;
        }
      }
      await write(process.stdout, values.json ? `${JSON.stringify(detail, null, 2)}\n` : probeText(detail));
      return EXIT.OK;
    });
  },
};
