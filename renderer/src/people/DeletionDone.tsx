import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { offerPdf } from '../components/offerDownload';
import { formatDateTime } from '../format';
import { CopiesList } from '../share/SharedCopies';
import type { ExportRecord } from '../share/types';
import { deletionPdf, type DeletionResult } from './withdrawalDeletion';

interface Props {
  result: DeletionResult;
  copies: ExportRecord[] | null;
  pseudonym: string;
  personId: string;
  onClose: () => void;
}

/** The deletion confirmation for a person (R7, U4): what went, when, under which rule, what stays. */
export function DeletionDone({ result, copies, pseudonym, personId, onClose }: Props) {
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

  return (
    <section className="panel deletion-done" aria-labelledby={`${id}-h`} data-testid="withdrawal-deletion-confirmation">
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('withdrawal.done.heading', { name: pseudonym })}
      </h3>
      <p>{t('withdrawal.done.deleted', { count: report.deleted.length })}</p>
      <ul aria-label={t('withdrawal.done.deletedLabel')}>
        {report.deleted.map((d) => (
          <li key={d.auditSeq}>{t('withdrawal.done.item', { title: title(d.recordingId), when: formatDateTime(d.deletedAt, i18n.language), rule: d.rule })}</li>
        ))}
      </ul>
      <p>{t('withdrawal.done.shredded')}</p>
      {report.remaining.length > 0 && (
        <>
          <p className="alert">{t('withdrawal.done.remaining', { count: report.remaining.length })}</p>
          <ul aria-label={t('withdrawal.done.remainingLabel')}>
            {report.remaining.map((r) => (
              <li key={r.recordingId}>{r.label}</li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('withdrawal.done.packages')}</h4>
      {copies ? <CopiesList copies={copies} /> : <p className="alert small">{t('share.copies.failed')}</p>}
      <p className="small">{t(report.audit.ok ? 'withdrawal.done.auditOk' : 'withdrawal.done.auditBroken')}</p>
      <ErrorAlert error={pdfError} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void savePdf()}>
          {t('withdrawal.done.savePdf')}
        </button>
        <button type="button" onClick={onClose}>
          {t('withdrawal.done.close')}
        </button>
      </div>
    </section>
  );
}
