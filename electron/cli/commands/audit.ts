import { writeFile } from 'node:fs/promises';
import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { write } from '../output';
import { call, COMMON_OPTIONS, only, openService, out } from './consent';

export const audit: Command = {
  name: 'audit',
  summary: 'check and list the hash-chained audit log (verify|ls)',
  help: `Usage: kluis audit verify --vault DIR [--json]
       kluis audit ls --vault DIR [--subject ID] [--limit N] [--json]
       kluis audit export --vault DIR --out FILE

verify  walks the hash chain (docs/audit-log.md) and reports any entry that was edited,
        removed or reordered on stderr; exit status 1 when the log is not intact.
ls      the newest entries (default 100), oldest first.
export  writes the whole log as JSON with its verdict and head hash to FILE (refuses to
        overwrite); prints the head hash: keep it apart to catch a rewritten chain later.
`,
  options: { ...COMMON_OPTIONS, subject: { type: 'string' }, limit: { type: 'string' }, out: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (rest.length) throw new UsageError(`audit ${sub ?? ''} takes only options (got "${rest[0]}").`);
    if (sub === 'verify') {
      only(values, sub, []);
      const service = await openService(values, session);
      const v = await call(service, 'audit.verify', {});
      if (!values.json) for (const p of v.problems) process.stderr.write(`DAMAGED audit entry ${p.seq}: ${p.problem}\n`);
      await out(values, v, v.ok ? `The audit log is intact (${v.entries} entries).` : `The audit log is NOT intact: ${v.problems.length} problem(s) in ${v.entries} entries.`);
      return v.ok ? EXIT.OK : EXIT.DAMAGED;
    }
    if (sub === 'ls') {
      only(values, sub, ['subject', 'limit']);
      const limit = str(values, 'limit');
      if (limit !== undefined && !/^\d+$/.test(limit)) throw new UsageError(`--limit must be a whole number (got "${limit}").`);
      const service = await openService(values, session);
      const subject = str(values, 'subject');
      const entries = await call(service, 'audit.list', { limit: limit ? Number(limit) : 100, ...(subject ? { subject } : {}) });
      if (values.json) {
        await write(process.stdout, `${JSON.stringify(entries, null, 2)}\n`);
        return EXIT.OK;
      }
      const lines = entries.map((e) => `${String(e.seq).padStart(5)}  ${e.at.slice(0, 19).replace('T', ' ')}  ${e.action.padEnd(22)}  ${e.subject ?? '-'}  ${JSON.stringify(e.detail)}`);
      await out(values, entries, lines.length ? lines.join('\n') : 'The audit log is empty.');
      return EXIT.OK;
    }
    if (sub === 'export') {
      only(values, sub, ['out']);
      const file = str(values, 'out');
      if (!file) throw new UsageError('--out FILE is required.');
      const service = await openService(values, session);
      const exported = await call(service, 'audit.export', {});
      // 'wx': an export never overwrites an earlier one, which may be the only copy of a head.
      await writeFile(file, `${JSON.stringify(exported, null, 2)}\n`, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') throw new UsageError(`${file} already exists; choose another --out file.`);
        throw e;
      });
      const head = exported.head ? `entry ${exported.head.seq}, hash ${exported.head.hash}` : 'empty log';
      await write(process.stdout, `Exported ${exported.entries.length} entries (${exported.verdict.ok ? 'intact' : 'NOT intact'}); head: ${head}\n`);
      return exported.verdict.ok ? EXIT.OK : EXIT.DAMAGED;
    }
    throw new UsageError(sub ? `There is no "audit ${sub}"; use verify, ls or export.` : 'Say what to do: audit verify, audit ls or audit export.');
  },
};
