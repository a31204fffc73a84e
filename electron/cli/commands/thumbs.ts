import type { Command } from '../command';
import { EXIT } from '../errors';
import { write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';
import { MediaJobFailed, processNow, withMediaService, recordingIdArg } from './media-service';

export const thumbs: Command = {
  name: 'thumbs',
  summary: 'make a recording\'s poster and scrubbing sprite (encrypted in the vault)',
  help: `Usage: kluis thumbs --vault DIR [--password-file F] ID [--json]

Probes the recording again and makes its poster (one frame at about 10% of its
duration) and its scrubbing sprite (up to 10x10 tiles, 160 px wide), replacing any
made before. ffmpeg reads the recording through a one-time loopback URL and writes
the JPEGs to a pipe; they are encrypted into the vault and never touch the disk.
  --json   {"id", "poster": true|false, "sprite": {columns, rows, tileWidth,
           tileHeight, intervalSec, count} | null}
Exit code 3 when no thumbnails could be made (no video, or it cannot be played).
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const id = recordingIdArg(positionals);
    return withMediaService(values, session, async (service) => {
      let d;
      try {
        d = await processNow(service, id, session);
      } catch (e) {
        if (!(e instanceof MediaJobFailed)) throw e;
        await write(process.stderr, `kluis: ${e.message}\n`);
        return EXIT.FAILED;
      }
      const made = d.row.hasPoster;
      if (values.json) {
        await write(process.stdout, `${JSON.stringify({ id, poster: made, sprite: d.sprite }, null, 2)}\n`);
      } else if (made) {
        const s = d.sprite;
        await write(process.stdout, `${id}: poster${s ? ` and sprite (${s.columns}x${s.rows} tiles of ${s.tileWidth}x${s.tileHeight}, one every ${s.intervalSec.toFixed(2)} s)` : ''} stored encrypted in the vault\n`);
      }
      if (made) return EXIT.OK;
      const why = d.row.problem ?? (d.probe && !d.probe.video ? 'it has no video' : 'no frame could be decoded');
      await write(process.stderr, `kluis: no thumbnails for ${id}: ${why}.\n`);
      return EXIT.FAILED;
    });
  },
};
