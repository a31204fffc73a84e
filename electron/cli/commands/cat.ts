import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { isBrokenPipe, write } from '../output';
import { parseRange } from '../range';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';

export const cat: Command = {
  name: 'cat',
  summary: 'write an item\'s plaintext to stdout',
  help: `Usage: kluis cat --vault DIR [--password-file F] ID [--range START-END]

Decrypts item ID and writes it to stdout; nothing is written to disk.
  --range START-END   only bytes START..END, END included (as in HTTP ranges);
                      START- runs to the end, -N is the last N bytes
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, range: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    if (positionals.length !== 1) throw new UsageError('Name exactly one item ID ("kluis ls" lists them).');
    const id = positionals[0]!;
    const spec = str(values, 'range');
    const vault = await session.unlock(values);
    const item = vault.getItem(id);
    const { start, end } = spec === undefined ? { start: 0, end: item.size } : parseRange(spec, item.size);
    try {
      for await (const batch of vault.readRange(id, start, end)) {
        session.checkpoint();
        await write(process.stdout, batch);
      }
    } catch (e) {
      if (isBrokenPipe(e)) return EXIT.OK;
      throw e;
    }
    return EXIT.OK;
  },
};
