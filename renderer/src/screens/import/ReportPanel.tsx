import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SectionHeading } from '../../components/SectionHeading';
import { formatDateTime, formatSize } from '../../format';
import { downloadReportJson, downloadReportPdf } from './downloadReport';
import type { ImportReport, UnitReport } from './types';

function headingKey(report: ImportReport, failed: boolean): string {
  if (report.units.some((u) => u.outcome === 'cancelled')) return 'import.report.headingCancelled';
  return report.ok && !failed ? 'import.report.headingOk' : 'import.report.headingProblems';
}

function UnitRow({ unit }: { unit: UnitReport }) {
  const { t, i18n } = useTranslation();
  const errors = unit.files.filter((f) => f.error);
  const bytes = unit.files.reduce((n, f) => n + f.size, 0);
  return (
    <li>
      <div className="unit-line">
        <span className="unit-main">
          <span className="item-name">{unit.label}</span>
          <span className="muted small block">
            {t(`layouts.${unit.layout}`)} · {t('import.preview.fileCount', { count: unit.files.length })}
            {unit.files.length > 0 && ` · ${formatSize(bytes, i18n.language)}`}
          </span>
        </span>
        <span className={`badge outcome-${unit.outcome}`}>{t(`import.outcome.${unit.outcome}`)}</span>
      </div>
      {errors.length > 0 && (
        // The core words per-file errors itself, in English; they carry no code to translate by.
        <ul className="file-errors" lang="en">
          {errors.map((f) => (
            <li key={f.relPath}>
              <span className="mono">{f.relPath}</span>: {f.error}
            </li>
          ))}
        </ul>
      )}
      {unit.files.length > 0 && (
        <details className="small-details">
          <summary>{t('import.report.fileDetails')}</summary>
          <ul className="small">
            {unit.files.map((f) => (
              <li key={f.relPath}>
                <span className="mono">{f.relPath}</span> · {t(`import.fileOutcome.${f.outcome}`)} · {t(`import.fileWipe.${f.wipe}`)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function ReportPanel({ report, error, onAgain, onHome }: { report: ImportReport | null; error: unknown; onAgain: () => void; onHome: () => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [pdfError, setPdfError] = useState<unknown>(null);
  const files = report?.units.flatMap((u) => u.files) ?? [];
  // Mirrors the core's own choice of cache note, so the note can be said in the reader's language.
  const uncached = files.length > 0 && files.every((f) => f.uncached);

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
          <p className="note">{t(uncached ? 'import.cacheNote.uncached' : 'import.cacheNote.cached')}</p>
        </>
      )}
      <ErrorAlert error={pdfError} />
      <div className="actions">
        <button type="button" className="primary" onClick={onHome}>
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
        <button type="button" onClick={onAgain}>
          {t('import.again')}
        </button>
      </div>
    </section>
  );
}
