import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { offerPdf } from '../components/offerDownload';
import { formatDateTime } from '../format';
import { CopiesList } from '../share/SharedCopies';
import type { ExportRecord } from '../share/types';
import { deletionPdf, type DeletionResult } from './personDeletion';

interface Props {
  result: DeletionResult;
  copies: ExportRecord[] | null;
  pseudonym: string;
  personId: string;
  /** the heading level where this sits (3 under the person, 4 inside a section of theirs) */
  level: 3 | 4;
  onClose: () => void;
}

/** The deletion confirmation for a person (R7, U4, A2): what went, when, under which rule, what stays. */
export function DeletionDone({ result, copies, pseudonym, personId, level, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [pdfError, setPdfError] = useState<unknown>(null);
  useEffect(() => heading.current?.focus(), []);
  const { report, titles } = result;
  const title = (r: string) => titles.get(r) ?? r;

  async function savePdf(): Promise<void> {
    setPdfError(null);
    try {
      offerPdf(await deletionPdf(personId), `kluis-deletion-${pseudonym.replace(/[^A-Za-z0-9-]+/g, '_')}.pdf`);
    } catch (e) {
      setPdfError(e);
    }
  }

  const [H, Sub] = level === 3 ? (['h3', 'h4'] as const) : (['h4', 'h5'] as const);
  return (
    <section className="panel deletion-done" aria-labelledby={`${id}-h`} data-testid="person-deletion-confirmation">
      <H id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('deletion.done.heading', { name: pseudonym })}
      </H>
      <p>{t('deletion.done.deleted', { count: report.deleted.length })}</p>
      <ul aria-label={t('deletion.done.deletedLabel')}>
        {report.deleted.map((d) => (
          <li key={d.auditSeq}>{t('deletion.done.item', { title: title(d.recordingId), when: formatDateTime(d.deletedAt, i18n.language), rule: d.rule })}</li>
        ))}
      </ul>
      <p>{t('deletion.done.shredded')}</p>
      {report.remaining.length > 0 && (
        <>
          <p className="alert">{t('deletion.done.remaining', { count: report.remaining.length })}</p>
          <ul aria-label={t('deletion.done.remainingLabel')}>
            {report.remaining.map((r) => (
              <li key={r.recordingId}>{r.label}</li>
            ))}
          </ul>
        </>
      )}
      <Sub>{t('deletion.done.packages')}</Sub>
      {copies ? <CopiesList copies={copies} /> : <p className="alert small">{t('share.copies.failed')}</p>}
      <p className="small">{t(report.audit.ok ? 'deletion.done.auditOk' : 'deletion.done.auditBroken')}</p>
      <ErrorAlert error={pdfError} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void savePdf()}>
          {t('deletion.done.savePdf')}
        </button>
        <button type="button" onClick={onClose}>
          {t('deletion.done.close')}
        </button>
      </div>
    </section>
  );
}
