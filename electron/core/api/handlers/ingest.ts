import { stat } from 'node:fs/promises';
import { importCard, importReportPdf, listRecordings, listRemovableVolumes, overwriteFreeSpace, previewCard, readImportReport, type ImportReport } from '../../ingest';
import { VaultError } from '../../vault';
import type { ingestContract } from '../contracts/ingest';
import { toWireError } from '../dispatch';
import type { HandlersOf, ServiceContext } from './context';

async function assertFolder(path: string): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (!st?.isDirectory()) throw new VaultError('NOT_FOUND', `${path} is not a folder Kluis can read. Choose the card's folder.`);
}

/** Import from cards. One card job (import or free-space overwrite) runs at a time, in the background. */
export function ingestHandlers(ctx: ServiceContext): HandlersOf<typeof ingestContract> {
  let run: { ctrl: AbortController; done: Promise<void> } | null = null;

  // Locking stops a card job first; the import's journal lets the next import resume.
  ctx.beforeLock(async () => {
    if (!run) return;
    run.ctrl.abort();
    await run.done;
  });

  function startImport(path: string, wipe: boolean, sourceLabel: string | undefined): void {
    const vault = ctx.open();
    if (run) throw new VaultError('BUSY', 'An import is already running; wait for it to finish or cancel it.');
    const ctrl = new AbortController();
    ctx.audit({ action: 'import.started', detail: { wipe, source: sourceLabel ?? null } });
    const done = importCard(vault, path, { wipe, signal: ctrl.signal, onProgress: (progress) => ctx.emit({ type: 'ingest.progress', progress }), ...(sourceLabel ? { sourceLabel } : {}) })
      .then(
        (report) => {
          ctx.audit({ action: 'import.finished', subject: report.importId, detail: { ok: report.ok, ...report.totals } });
          ctx.emit({ type: 'ingest.finished', report });
        },
        (e: unknown) => {
          const report = (e as { report?: ImportReport }).report;
          ctx.audit({ action: 'import.failed', ...(report ? { subject: report.importId } : {}), detail: { code: toWireError(e).code, ...(report ? report.totals : {}) } });
          ctx.emit({ type: 'ingest.failed', error: toWireError(e), ...(report ? { report } : {}) });
        },
      )
      .finally(() => {
        run = null;
      });
    run = { ctrl, done };
  }

  return {
    'volumes.list': async () => ({ volumes: await listRemovableVolumes() }),
    'ingest.preview': async ({ path }) => previewCard(ctx.open(), path),
    'ingest.start': async ({ path, wipe, sourceLabel }) => {
      await assertFolder(path);
      startImport(path, wipe, sourceLabel);
      return {};
    },
    'ingest.overwriteFreeSpace': async ({ path }) => {
      ctx.open();
      await assertFolder(path);
      if (run) throw new VaultError('BUSY', 'An import is running on a card; wait for it to finish or cancel it.');
      const ctrl = new AbortController();
      const job = overwriteFreeSpace(path, { signal: ctrl.signal, onProgress: (p) => ctx.emit({ type: 'ingest.freeSpaceProgress', ...p }) });
      run = { ctrl, done: job.then(() => undefined, () => undefined) };
      try {
        return await job;
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw new VaultError('CANCELLED', 'Overwriting the free space was cancelled; the filler was removed again.');
        throw e;
      } finally {
        run = null;
      }
    },
    'ingest.cancel': async () => {
      run?.ctrl.abort();
      return {};
    },
    'ingest.report': async ({ importId }) => readImportReport(ctx.open(), importId),
    'ingest.reportPdf': async ({ importId }) => ({ pdfBase64: importReportPdf(await readImportReport(ctx.open(), importId)).toString('base64') }),
    'recordings.list': async () => ({ recordings: listRecordings(ctx.open()) }),
  };
}
