import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/ProgressBar';
import { SectionHeading } from '../../components/SectionHeading';
import { formatDuration, formatPercent, formatRate } from '../../format';
import type { ImportProgress } from './types';

export function ProgressPanel({ progress, cancelling, onCancel }: { progress: ImportProgress | null; cancelling: boolean; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const phase = progress?.phase ?? 'scanning';
  // Before the scan has counted the bytes there is no fraction to show: the bar is indeterminate then.
  const fraction = progress && progress.bytesTotal > 0 ? Math.min(1, progress.bytesDone / progress.bytesTotal) : null;
  const phaseText = t(`import.phase.${phase}`);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <SectionHeading id={headingId}>{t('import.progress.heading')}</SectionHeading>
      {/* Only the phase is announced: the percentage would talk over everything else. */}
      <p role="status" className="phase">
        {phaseText}
      </p>
      <ProgressBar labelledBy={headingId} fraction={fraction} detail={phaseText} />
      <dl className="progress-facts">
        <div>
          <dt>{t('import.progress.done')}</dt>
          <dd>{fraction === null ? '–' : formatPercent(fraction, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('import.progress.rate')}</dt>
          <dd>{progress && progress.rate > 0 ? formatRate(progress.rate, i18n.language) : '–'}</dd>
        </div>
        <div>
          <dt>{t('import.progress.eta')}</dt>
          <dd>{progress?.etaSeconds != null ? formatDuration(progress.etaSeconds, i18n.language) : '–'}</dd>
        </div>
        <div>
          <dt>{t('import.progress.files')}</dt>
          <dd>{progress ? t('import.progress.filesValue', { done: progress.filesDone, total: progress.filesTotal }) : '–'}</dd>
        </div>
      </dl>
      <p className="muted small current-file">
        {progress?.current ? (
          <>
            {t('import.progress.current')} <span className="mono">{progress.current}</span>
          </>
        ) : (
          ' '
        )}
      </p>
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={cancelling} aria-busy={cancelling}>
          {cancelling ? t('import.cancelling') : t('import.cancel')}
        </button>
      </div>
    </section>
  );
}
