import type { VerifyReport } from '../../core/api';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';

/** A damaged backup is damage too: it is what a damaged catalog would be restored from. */
export function isIntact(r: VerifyReport): boolean {
  return r.ok && r.backups.every((b) => b.ok);
}

function humanReport(r: VerifyReport): { out: string[]; err: string[] } {
  const err: string[] = [];
  if (!r.header.ok) err.push(`header: ${r.header.problem ?? 'damaged'}`);
  for (const p of r.catalog.problems) err.push(`catalog: ${p}`);
  for (const i of r.items.filter((x) => !x.ok)) err.push(`DAMAGED ${i.id} "${i.name}": ${i.problem ?? 'damaged'}`);
  for (const b of r.backups.filter((x) => !x.ok)) err.push(`backup ${b.file}: ${b.problem ?? 'damaged'}`);
  const damagedItems = r.items.filter((x) => !x.ok).length;
  const summary = isIntact(r)
    ? `The vault is intact: header, catalog, ${r.items.length} item(s) and ${r.backups.length} catalog backup(s) verified.`
    : `The vault is damaged: ${damagedItems} of ${r.items.length} item(s) damaged${r.header.ok ? '' : ', header damaged'}${r.catalog.ok ? '' : ', catalog damaged'}.`;
  return { out: [summary], err };
}

export const verify: Command = {
  name: 'verify',
  summary: 'check the header, the catalog and every item; exit 1 if anything is damaged',
  help: `Usage: kluis verify --vault DIR [--password-file F] [--json]

Checks the header's MAC, every page of the catalog, every catalog backup, and
decrypts every item and compares its SHA-256 with the one recorded when it was
added. Damaged items are listed by id and name. Exit status 1 if anything is damaged.
  --json   print the report as JSON (see docs/cli.md)
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, json: { type: 'boolean' } },
  positionals: false,
  async run({ values, positionals }, session) {
    if (positionals.length) throw new UsageError(`verify takes no arguments besides options (got "${positionals[0]}").`);
    const vault = await session.unlock(values);
    const report = await vault.verify(() => session.checkpoint());
    if (values.json) {
      await write(process.stdout, `${JSON.stringify(report, null, 2)}\n`);
    } else {
      const { out, err } = humanReport(report);
      if (err.length) process.stderr.write(`${err.join('\n')}\n`);
      await write(process.stdout, `${out.join('\n')}\n`);
    }
    return isIntact(report) ? EXIT.OK : EXIT.DAMAGED;
  },
};
