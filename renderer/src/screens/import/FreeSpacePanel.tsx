import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { toKluisError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDuration, formatPercent, formatRate, formatSize } from '../../format';
import { freeSpaceFigures } from './freeSpace';

type Run =
  | { name: 'offer'; error: unknown }
  | { name: 'running'; startedAt: number; written: number; total: number | null; cancelling: boolean; error: unknown }
  | { name: 'done'; bytesWritten: number }
  | { name: 'cancelled'; bytesWritten: number };

// In this panel NOT_FOUND and INTERNAL say something about the card, not about the vault.
const ERROR_OVERRIDES = { NOT_FOUND: 'import.freeSpace.errors.notFound', INTERNAL: 'import.freeSpace.errors.failed' };

/** The offer, progress and result of filling the card's free space with zeros, inside the import report. */
export function FreeSpacePanel({ path, onBusyChange }: { path: string; onBusyChange: (busy: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const explainId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [run, setRun] = useState<Run>({ name: 'offer', error: null });
  const running = run.name === 'running';
  const runningRef = useRef(false);
  runningRef.current = running;

  useEffect(() => {
    // Subscribed before any start, so no progress event can slip past.
    const off = api.onEvent((event) => {
      if (event.type !== 'ingest.freeSpaceProgress') return;
      setRun((r) => (r.name === 'running' ? { ...r, written: event.bytesWritten, total: event.bytesTotal } : r));
    });
    return () => {
      off();
      // Leaving the screen (a lock, say) would hide the run while it kept filling the card: stop it.
      if (runningRef.current) void api.call('ingest.cancel', {}).catch(() => undefined);
    };
  }, []);

  useEffect(() => onBusyChange(running), [running, onBusyChange]);

  // The button the user pressed disappears at each step; focus goes to the section's heading
  // (as on the other steps), and the status line below it says what changed.
  const step = run.name;
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  async function start(): Promise<void> {
    setRun({ name: 'running', startedAt: performance.now(), written: 0, total: null, cancelling: false, error: null });
    try {
      const { bytesWritten } = await api.call('ingest.overwriteFreeSpace', { path });
      setRun({ name: 'done', bytesWritten });
    } catch (e) {
      setRun((r) => {
        const written = r.name === 'running' ? r.written : 0;
        return toKluisError(e).code === 'CANCELLED' ? { name: 'cancelled', bytesWritten: written } : { name: 'offer', error: e };
      });
    }
  }

  async function cancel(): Promise<void> {
    setRun((r) => (r.name === 'running' ? { ...r, cancelling: true, error: null } : r));
    try {
      await api.call('ingest.cancel', {});
    } catch (e) {
      setRun((r) => (r.name === 'running' ? { ...r, cancelling: false, error: e } : r));
    }
  }

  const figures = run.name === 'running' ? freeSpaceFigures(run.written, run.total, performance.now() - run.startedAt) : null;
  const size = (n: number): string => formatSize(n, i18n.language);
  const status =
    run.name === 'running'
      ? t('import.freeSpace.running')
      : run.name === 'done'
        ? t('import.freeSpace.done', { size: size(run.bytesWritten) })
        : run.name === 'cancelled'
          ? t('import.freeSpace.cancelledAfter', { size: size(run.bytesWritten) })
          : '';

  return (
    <section className="free-space" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('import.freeSpace.heading')}
      </h3>
      <p id={explainId} className="note">
        {t('import.freeSpace.explain')}
      </p>
      {/* Always rendered: a live region must exist before its text changes to be announced. */}
      <p role="status" className={run.name === 'running' ? 'phase' : 'free-space-result'}>
        {status}
      </p>
      {run.name === 'running' && figures && (
        <>
          <ProgressBar labelledBy={headingId} fraction={figures.fraction ?? null} detail={size(run.written)} />
          <dl className="progress-facts">
            <div>
              <dt>{t('import.freeSpace.written')}</dt>
              <dd>{run.total === null ? '–' : t('import.freeSpace.writtenValue', { done: size(run.written), total: size(run.total) })}</dd>
            </div>
            <div>
              <dt>{t('import.progress.done')}</dt>
              <dd>{figures.fraction === null ? '–' : formatPercent(figures.fraction, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('import.progress.rate')}</dt>
              <dd>{figures.rate === null ? '–' : formatRate(figures.rate, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('import.progress.eta')}</dt>
              <dd>{figures.etaSeconds === null ? '–' : formatDuration(figures.etaSeconds, i18n.language)}</dd>
            </div>
          </dl>
        </>
      )}
      <ErrorAlert error={run.name === 'offer' || run.name === 'running' ? run.error : null} overrides={ERROR_OVERRIDES} />
      {(run.name === 'offer' || run.name === 'cancelled') && (
        <div className="actions">
          <button type="button" onClick={() => void start()} aria-describedby={explainId}>
            {t('import.freeSpace.start')}
          </button>
        </div>
      )}
      {run.name === 'running' && (
        <div className="actions">
          <button type="button" onClick={() => void cancel()} disabled={run.cancelling} aria-busy={run.cancelling}>
            {run.cancelling ? t('import.freeSpace.cancelling') : t('import.freeSpace.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
