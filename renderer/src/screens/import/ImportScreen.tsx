import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeading } from '../../components/ScreenHeading';
import { PreviewPanel } from './PreviewPanel';
import { ProgressPanel } from './ProgressPanel';
import { ReportPanel } from './ReportPanel';
import { SourcePicker } from './SourcePicker';
import type { CardPreview, ImportProgress, ImportReport, ImportSource, Volume } from './types';

type Stage =
  | { name: 'choose' }
  | { name: 'previewing'; source: ImportSource }
  | { name: 'preview'; source: ImportSource; preview: CardPreview }
  | { name: 'running'; source: ImportSource; progress: ImportProgress | null; cancelling: boolean }
  | { name: 'report'; report: ImportReport | null; error: unknown };

const ERROR_OVERRIDES = { NOT_FOUND: 'import.errors.notFound' };

export function ImportScreen({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ name: 'choose' });
  const [volumes, setVolumes] = useState<Volume[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.call('volumes.list', {}).then(
      (r) => live && setVolumes(r.volumes),
      // Card detection is a convenience; a failure leaves the folder path, so show no cards.
      () => live && setVolumes([]),
    );
    // Subscribed before any start, so no progress or finish event can slip past.
    const off = api.onEvent((event) => {
      switch (event.type) {
        case 'volumes.changed':
          setVolumes(event.volumes);
          break;
        case 'ingest.progress':
          setStage((s) => (s.name === 'running' ? { ...s, progress: event.progress } : s));
          break;
        case 'ingest.finished':
          setStage((s) => (s.name === 'running' ? { name: 'report', report: event.report, error: null } : s));
          break;
        case 'ingest.failed':
          setStage((s) => (s.name === 'running' ? { name: 'report', report: event.report ?? null, error: event.error } : s));
          break;
      }
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  async function pick(source: ImportSource): Promise<void> {
    setError(null);
    setStage({ name: 'previewing', source });
    try {
      const preview = await api.call('ingest.preview', { path: source.path });
      setStage({ name: 'preview', source, preview });
    } catch (e) {
      setError(e);
      setStage({ name: 'choose' });
    }
  }

  async function start(source: ImportSource, preview: CardPreview, wipe: boolean): Promise<void> {
    setError(null);
    setStage({ name: 'running', source, progress: null, cancelling: false });
    try {
      await api.call('ingest.start', { path: source.path, wipe, ...(source.label ? { sourceLabel: source.label } : {}) });
    } catch (e) {
      setError(e);
      setStage({ name: 'preview', source, preview });
    }
  }

  async function cancel(): Promise<void> {
    setStage((s) => (s.name === 'running' ? { ...s, cancelling: true } : s));
    try {
      await api.call('ingest.cancel', {});
    } catch (e) {
      setError(e);
      setStage((s) => (s.name === 'running' ? { ...s, cancelling: false } : s));
    }
  }

  const running = stage.name === 'running';
  const choosing = stage.name === 'choose' || stage.name === 'previewing' || stage.name === 'preview';

  return (
    <section className="card wide">
      <div className="title-row">
        <ScreenHeading>{t('import.title')}</ScreenHeading>
        {stage.name !== 'report' && (
          // Leaving mid-import would hide its progress and report; the import runs on regardless.
          <button type="button" onClick={onDone} disabled={running}>
            {t('import.backToVault')}
          </button>
        )}
      </div>
      {choosing && <p className="muted">{t('import.intro')}</p>}
      {choosing && <SourcePicker volumes={volumes} busy={stage.name === 'previewing'} invalid={stage.name === 'choose' && error != null} onPick={(s) => void pick(s)} />}
      <ErrorAlert error={error} overrides={ERROR_OVERRIDES} />
      {stage.name === 'preview' && <PreviewPanel source={stage.source} preview={stage.preview} onStart={(wipe) => void start(stage.source, stage.preview, wipe)} />}
      {stage.name === 'running' && <ProgressPanel progress={stage.progress} cancelling={stage.cancelling} onCancel={() => void cancel()} />}
      {stage.name === 'report' && <ReportPanel report={stage.report} error={stage.error} onHome={onDone} onAgain={() => setStage({ name: 'choose' })} />}
    </section>
  );
}
