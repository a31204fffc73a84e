import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SectionHeading } from '../../components/SectionHeading';
import { formatDateTime } from '../../format';
import { downloadReportJson, downloadReportPdf } from './downloadReport';
import { FreeSpacePanel } from './FreeSpacePanel';
import { canOfferFreeSpace } from './freeSpace';
import type { ImportReport } from './types';
import { UnitRow } from './UnitRow';

function headingKey(report: ImportReport, failed: boolean): string {
  if (report.units.some((u) => u.outcome === 'cancelled')) return 'import.report.headingCancelled';
  return report.ok && !failed ? 'import.report.headingOk' : 'import.report.headingProblems';
}

export function ReportPanel({ report, error, onAgain, onHome }: { report: ImportReport | null; error: unknown; onAgain: () => void; onHome: () => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [pdfError, setPdfError] = useState<unknown>(null);
  // While the card's free space is being filled, leaving would hide that run's progress and result.
  const [busy, setBusy] = useState(false);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <SectionHeading id={headingId}>{report ? t(headingKey(report, error != null)) : t('import.report.headingFailed')}</SectionHeading>
      <ErrorAlert error={error} overrides={{ NOT_FOUND: 'import.errors.notFound' }} />
      {report && (
        <>
          <p className="muted small">
            {t('import.report.meta', { label: report.sourceLabel, date: formatDateTime(report.finishedAt, i18n.language) })}
          </p>
          <ul className="report-totals">
            <li>{t('import.report.verified', { count: report.totals.verified, total: report.totals.units })}</li>
            {report.totals.alreadyInVault > 0 && <li>{t('import.report.alreadyInVault', { count: report.totals.alreadyInVault })}</li>}
            {report.totals.failed > 0 && <li className="danger-text">{t('import.report.failed', { count: report.totals.failed })}</li>}
            <li>{report.wipeRequested ? t('import.report.wiped', { count: report.totals.wipedFiles }) : t('import.report.notWiped')}</li>
            {report.ignored.length > 0 && <li>{t('import.report.ignored', { count: report.ignored.length })}</li>}
          </ul>
          <h3>{t('import.report.unitsHeading')}</h3>
          <ul className="units report-units">
            {report.units.map((u, i) => (
              <UnitRow key={`${i}-${u.label}`} unit={u} />
            ))}
          </ul>
          <h3>{t('import.report.notesHeading')}</h3>
          <p className="note">{t('import.wipeNote')}</p>
          <p className="note">{t(report.cacheBypassed ? 'import.cacheNote.uncached' : 'import.cacheNote.cached')}</p>
          {canOfferFreeSpace(report, error != null) && <FreeSpacePanel path={report.sourceRoot} onBusyChange={setBusy} />}
        </>
      )}
      <ErrorAlert error={pdfError} />
      <div className="actions">
        <button type="button" className="primary" onClick={onHome} disabled={busy}>
          {t('import.backToVault')}
        </button>
        {report && (
          <>
            <button type="button" onClick={() => downloadReportJson(report)}>
              {t('import.report.download')}
            </button>
            <button
              type="button"
              onClick={() => {
                setPdfError(null);
                downloadReportPdf(report).catch(setPdfError);
              }}
            >
              {t('import.report.downloadPdf')}
            </button>
          </>
        )}
        <button type="button" onClick={onAgain} disabled={busy}>
          {t('import.again')}
        </button>
      </div>
    </section>
  );
}
