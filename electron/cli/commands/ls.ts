import type { ItemInfo } from '../../core/api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { formatSize, write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';

/** The documented --json shape: exactly these keys, whatever the core adds later. */
function jsonItem(i: ItemInfo): ItemInfo {
  return { id: i.id, name: i.name, size: i.size, sha256: i.sha256, addedAt: i.addedAt };
}

export const ls: Command = {
  name: 'ls',
  summary: 'list the items in the vault',
  help: `Usage: kluis ls --vault DIR [--password-file F] [--json]

Lists the items, oldest first: id, size, time added (UTC) and name, one per line.
  --json   a JSON array of {id, name, size, sha256, addedAt} (see docs/cli.md)
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, json: { type: 'boolean' } },
  positionals: false,
  async run({ values, positionals }, session) {
    if (positionals.length) throw new UsageError(`ls takes no arguments besides options (got "${positionals[0]}").`);
    const vault = await session.unlock(values);
    const items = vault.listItems();
    if (values.json) {
      await write(process.stdout, `${JSON.stringify(items.map(jsonItem), null, 2)}\n`);
      return EXIT.OK;
    }
    const lines = items.map((i) => `${i.id}  ${formatSize(i.size).padStart(10)}  ${i.addedAt.slice(0, 19).replace('T', ' ')}  ${i.name}`);
    if (lines.length) await write(process.stdout, `${lines.join('\n')}\n`);
    return EXIT.OK;
  },
};
