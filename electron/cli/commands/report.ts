import { writeFile } from 'node:fs/promises';
import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { write } from '../output';
import { call, COMMON_OPTIONS, only, openService } from './consent';

async function writeNew(file: string, data: Buffer): Promise<void> {
  // 'wx': a report never overwrites an earlier file.
  await writeFile(file, data, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EEXIST') throw new UsageError(`${file} already exists; choose another --out file.`);
    throw e;
  });
}

export const report: Command = {
  name: 'report',
  summary: 'deletion confirmation for a person (R7, U4) or breach inventory (R8) as PDF',
  help: `Usage: kluis report deletion PERSON_ID --vault DIR --out FILE.pdf [--json]
       kluis report breach --vault DIR --out FILE.pdf [--json]

deletion  after a withdrawal: which of the person's recordings were deleted when, what
          remains and why (pseudonym only). Exit status 1 while recordings that need it
          are still to be deleted or redacted.
breach    for a lost or stolen device: which recordings, which people, on what basis, that
          everything was encrypted, and the 72-hour report duty (R8).
Writes the PDF to FILE (refuses to overwrite); --json also prints the report as JSON.
`,
  options: { ...COMMON_OPTIONS, out: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub !== 'deletion' && sub !== 'breach') throw new UsageError(sub ? `There is no "report ${sub}"; use deletion or breach.` : 'Say what to do: report deletion PERSON_ID or report breach.');
    only(values, sub, ['out']);
    const file = str(values, 'out');
    if (!file) throw new UsageError('--out FILE.pdf is required.');
    if (sub === 'deletion') {
      const [personId, ...extra] = rest;
      if (!personId) throw new UsageError('Name the person: report deletion PERSON_ID.');
      if (extra.length) throw new UsageError(`report deletion takes one person (got "${extra[0]}" as well).`);
      const service = await openService(values, session);
      const doc = await call(service, 'reports.deletion', { personId });
      const pdf = await call(service, 'reports.deletionPdf', { personId });
      await writeNew(file, Buffer.from(pdf.pdfBase64, 'base64'));
      const open = doc.remaining.filter((r) => r.why.startsWith('NOT') || r.why.startsWith('no purpose')).length;
      await write(process.stdout, values.json ? `${JSON.stringify(doc, null, 2)}\n` : `${doc.statement}\nWrote ${file}.\n`);
      return open ? EXIT.DAMAGED : EXIT.OK;
    }
    if (rest.length) throw new UsageError(`report breach takes only options (got "${rest[0]}").`);
    const service = await openService(values, session);
    const inv = await call(service, 'reports.breach', {});
    const pdf = await call(service, 'reports.breachPdf', {});
    await writeNew(file, Buffer.from(pdf.pdfBase64, 'base64'));
    await write(process.stdout, values.json ? `${JSON.stringify(inv, null, 2)}\n` : `${inv.totals.recordings} recording(s), ${inv.totals.persons} person(s); encrypted: yes. Wrote ${file}.\n`);
    return EXIT.OK;
  },
};
