import { writeFile } from 'node:fs/promises';
import { importCard, importReportPdf, type IngestReport } from '../../core/api';
import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { checkNoOverlap, checkOutputFile, checkSource } from '../import/paths';
import { importProgressLine } from '../import/progress';
import { humanSummary } from '../import/summary';
import { write } from '../output';
import { PASSWORD_OPTION, VAULT_OPTION, vaultDir } from '../session';

interface ReportFiles {
  pdf?: string;
  json?: string;
}

/** Written also for a partial report (a full disk, a cancel): that is when the user needs it most. */
async function writeReportFiles(report: IngestReport, files: ReportFiles): Promise<void> {
  // 0600: the report names the recordings; sharing it is the user's choice, not the umask's.
  if (files.json) await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
  if (files.pdf) await writeFile(files.pdf, importReportPdf(report), { mode: 0o600 });
}

/** The importer attaches the partial report to the error that stopped it (a full disk). */
function partialReport(e: unknown): IngestReport | undefined {
  const r = (e as { report?: unknown } | null)?.report;
  return r && typeof r === 'object' ? (r as IngestReport) : undefined;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a card (or any folder): copy, verify by three hashes, optionally wipe',
  help: `Usage: kluis import --vault DIR [--password-file F] SOURCE [--wipe] [--json]
                    [--label NAME] [--report-pdf FILE] [--report-json FILE]

Imports the clips on a camera card (or any folder) into the vault. Each clip with its
chapters and sidecars is one unit: copied and encrypted, then the card re-read and the
vault copy read back; only when all three SHA-256 hashes agree is it verified. Clips
already in the vault are confirmed by hash and not stored twice. Other files stay.
  --wipe             overwrite and delete each verified clip on the card (a NIST SP
                     800-88 clear, not a purge: flash can keep old copies)
  --json             print the import report as JSON instead of the summary
  --label NAME       the card's name in the catalog (default: the folder's name);
                     an interrupted import resumes when imported again with the same name
  --report-pdf FILE  also write the report as a PDF
  --report-json FILE also write the report as JSON
Ctrl-C stops the import; the next import of the card continues where it stopped.
Exit status 0 only if every clip was verified (and, with --wipe, wiped); 1 if not.
`,
  options: {
    ...VAULT_OPTION,
    ...PASSWORD_OPTION,
    wipe: { type: 'boolean' },
    json: { type: 'boolean' },
    label: { type: 'string' },
    'report-pdf': { type: 'string' },
    'report-json': { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, session) {
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `import takes one SOURCE folder (got ${positionals.length}).` : 'Name the SOURCE folder to import (a card, or any folder).');
    const label = str(values, 'label');
    if (label !== undefined && label.trim() === '') throw new UsageError('--label needs a name.');
    const dir = await vaultDir(values, { mustExist: true });
    const source = await checkSource(positionals[0]!);
    await checkNoOverlap(source, dir);
    const files: ReportFiles = { pdf: await checkOutputFile(str(values, 'report-pdf'), '--report-pdf'), json: await checkOutputFile(str(values, 'report-json'), '--report-json') };

    const vault = await session.unlock(values);
    const progress = importProgressLine();
    let report: IngestReport;
    let failure: unknown = null;
    try {
      report = await importCard(vault, source, {
        wipe: values.wipe === true,
        ...(label !== undefined ? { sourceLabel: label } : {}),
        signal: session.signal,
        onProgress: (p) => progress.update(p),
      });
    } catch (e) {
      const partial = partialReport(e);
      if (!partial) throw e;
      report = partial;
      failure = e;
    } finally {
      progress.clear();
    }

    await write(process.stdout, values.json ? `${JSON.stringify(report, null, 2)}\n` : humanSummary(report));
    await writeReportFiles(report, files);
    // main reports the error (exit 3) or the signal (130/143) after the partial report.
    if (failure) throw failure;
    session.checkpoint();
    if (!report.ok) process.stderr.write(`kluis: not every clip was verified${report.wipeRequested ? ' and wiped' : ''}; see the report.\n`);
    return report.ok ? EXIT.OK : EXIT.INCOMPLETE;
  },
};
