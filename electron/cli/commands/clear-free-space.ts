import { stat } from 'node:fs/promises';
import { overwriteFreeSpace } from '../../core/api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { formatSize, write } from '../output';

export const clearFreeSpace: Command = {
  name: 'clear-free-space',
  summary: "fill a card's free space with zeros and delete the filler (after a full import)",
  help: `Usage: kluis clear-free-space CARD [--json]

After "kluis import --wipe" has moved everything off a card, this fills the card's free
space with zeros and deletes the filler again, so that blocks of deleted files are
overwritten where the file system can reach them. Flash cards and USB sticks may still
keep copies in blocks the computer cannot reach: this is a NIST SP 800-88 "clear", not
a purge and not a secure erase. It can take long on a big card. Needs no vault.
  --json   prints {"bytesWritten": N}
`,
  options: { json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [card, ...extra] = positionals;
    if (!card || extra.length) throw new UsageError('clear-free-space takes exactly one CARD folder.');
    if (!(await stat(card).catch(() => null))?.isDirectory()) throw new UsageError(`${card} is not a folder.`);
    const tty = process.stderr.isTTY === true;
    const { bytesWritten } = await overwriteFreeSpace(card, {
      signal: session.signal,
      onProgress: (p) => {
        if (tty) process.stderr.write(`\roverwriting free space: ${formatSize(p.bytesWritten)} of ${formatSize(p.bytesTotal)}   `);
      },
    });
    if (tty) process.stderr.write('\n');
    await write(process.stdout, values.json ? `${JSON.stringify({ bytesWritten })}\n` : `Overwrote ${formatSize(bytesWritten)} of free space on ${card} with zeros and removed the filler. Flash media may still keep old copies elsewhere: this is a clear, not a purge.\n`);
    return EXIT.OK;
  },
};
