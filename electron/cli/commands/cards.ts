import { listRemovableVolumes, type Volume } from '../../core/api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { formatSize, write } from '../output';

/** The documented --json shape: exactly these keys. */
function jsonVolume(v: Volume): Volume {
  return { path: v.path, label: v.label, sizeBytes: v.sizeBytes, device: v.device };
}

export const cards: Command = {
  name: 'cards',
  summary: 'list the removable cards and USB drives Kluis can see',
  help: `Usage: kluis cards [--json]

Lists the mounted removable volumes (SD cards, USB sticks, camera drives): the path
to give "kluis import", the label and the size. Needs no vault and no password.
Any folder can be imported by path, also when it is not listed here.
  --json   a JSON array of {path, label, sizeBytes, device} (see docs/cli.md)
`,
  options: { json: { type: 'boolean' } },
  positionals: false,
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`cards takes no arguments besides options (got "${positionals[0]}").`);
    const volumes = (await listRemovableVolumes()).map(jsonVolume);
    if (values.json) {
      await write(process.stdout, `${JSON.stringify(volumes, null, 2)}\n`);
      return EXIT.OK;
    }
    if (volumes.length === 0) {
      await write(process.stdout, 'No removable cards found; you can import any folder by path: kluis import --vault DIR FOLDER\n');
      return EXIT.OK;
    }
    const lines = volumes.map((v) => `${v.path}  ${v.label}  ${v.sizeBytes == null ? 'size unknown' : formatSize(v.sizeBytes)}`);
    await write(process.stdout, `${lines.join('\n')}\n`);
    return EXIT.OK;
  },
};
