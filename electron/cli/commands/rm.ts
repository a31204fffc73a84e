import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';

export const rm: Command = {
  name: 'rm',
  summary: 'remove an item for good',
  help: `Usage: kluis rm --vault DIR [--password-file F] ID

Removes item ID. Its key is deleted from the catalog first, so the encrypted file
cannot be read any more even where the disk keeps a copy; then the file is deleted.
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION },
  positionals: true,
  async run({ values, positionals }, session) {
    if (positionals.length !== 1) throw new UsageError('Name exactly one item ID ("kluis ls" lists them).');
    const vault = await session.unlock(values);
    await vault.removeItem(positionals[0]!);
    return EXIT.OK;
  },
};
