import type { Command } from '../command';
import { EXIT } from '../errors';
import { write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';
import { MediaJobFailed, processNow, withMediaService, type Detail, recordingIdArg } from './media-service';

const settled = (d: Detail): boolean => d.row.playability === 'unplayable' || (d.row.playability !== 'pending' && !['none', 'queued', 'running'].includes(d.row.proxy.status));

export const proxy: Command = {
  name: 'proxy',
  summary: 'make the playback copy of a recording the app cannot play as it is',
  help: `Usage: kluis proxy --vault DIR [--password-file F] ID [--json]

Probes the recording again and, when the app cannot play it as it is (HEVC, MPEG-TS
or AVCHD, DV, PCM audio in MOV, chapters to join), makes its playback proxy: H.264/AAC
fragmented MP4, encrypted in the vault. ffmpeg reads through a one-time loopback URL and
writes to a pipe; nothing decrypted touches the disk. Progress goes to stderr on a
terminal. A recording that plays as it is gets no proxy (exit 0, says so).
  --json   {"id", "playability", "proxy": {"status", "progress"}, "problem"}
Exit code 3 when the proxy could not be made (the reason is on stderr).
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const id = recordingIdArg(positionals);
    return withMediaService(values, session, async (service) => {
      const tty = process.stderr.isTTY;
      const off = service.onEvent((e) => {
        if (!tty || e.type !== 'media.updated' || e.id !== id) return;
        void service.handlers['recordings.detail']({ id }).then((d) => {
          if (d.row.proxy.status === 'running' && d.row.proxy.progress !== null) process.stderr.write(`\rproxy ${Math.round(d.row.proxy.progress * 100)}%`);
        });
      });
      let d: Detail;
      try {
        d = await processNow(service, id, session, settled);
      } catch (e) {
        if (!(e instanceof MediaJobFailed)) throw e;
        await write(process.stderr, `kluis: ${e.message}\n`);
        return EXIT.FAILED;
      } finally {
        off();
        if (tty) process.stderr.write('\r\x1b[K');
      }
      const r = d.row;
      if (values.json) await write(process.stdout, `${JSON.stringify({ id, playability: r.playability, proxy: r.proxy, problem: r.problem }, null, 2)}\n`);
      else if (r.playability === 'proxy') await write(process.stdout, `${id}: playback proxy stored encrypted in the vault\n`);
      else if (r.playability === 'original') await write(process.stdout, `${id}: plays as it is; no proxy needed\n`);
      if (r.playability === 'unplayable') {
        await write(process.stderr, `kluis: ${r.problem ?? 'cannot be played'}\n`);
        return EXIT.FAILED;
      }
      return EXIT.OK;
    });
  },
};
