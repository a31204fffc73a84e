import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AddProgress } from '../../core/api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { formatSize, write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';

/** A terminal line that redraws at most ten times a second; a pipe or log file gets nothing. */
function progressLine(name: string): { update(p: AddProgress): void; clear(): void } {
  if (!process.stderr.isTTY) return { update() {}, clear() {} };
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.bytesDone < p.bytesTotal) return;
      last = now;
      const pct = p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 100;
      process.stderr.write(`\r\x1b[K${name}: ${pct}% (${formatSize(p.bytesDone)} of ${formatSize(p.bytesTotal)})`);
    },
    clear() {
      process.stderr.write('\r\x1b[K');
    },
  };
}

export const add: Command = {
  name: 'add',
  summary: 'encrypt files into the vault; prints one item id per line',
  help: `Usage: kluis add --vault DIR [--password-file F] FILE...

Encrypts each FILE into the vault and prints its new item id, one per line, as each
one is done. The files themselves are left alone. If one fails, the files before it
stay added (their ids were printed) and the rest are not tried. Ctrl-C cancels the
file being added; nothing of it stays in the vault.
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION },
  positionals: true,
  async run({ values, positionals }, session) {
    if (positionals.length === 0) throw new UsageError('Name at least one FILE to add.');
    // Checked before the slow unlock, so a typo costs no key derivation.
    for (const f of positionals) {
      const info = await stat(f).catch(() => null);
      if (!info) throw new UsageError(`${f} does not exist; nothing was added.`);
      if (!info.isFile()) throw new UsageError(`${f} is not a regular file; nothing was added.`);
    }
    const vault = await session.unlock(values);
    for (const file of positionals) {
      session.checkpoint();
      const progress = progressLine(basename(file));
      try {
        const item = await vault.addFile(file, { signal: session.signal, onProgress: (p) => progress.update(p) });
        progress.clear();
        await write(process.stdout, `${item.id}\n`);
      } catch (e) {
        progress.clear();
        throw e;
      }
    }
    return EXIT.OK;
  },
};
