import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { toKluisError } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { ProgressBar } from '../components/ProgressBar';
import { Player } from '../player/Player';
import { clock } from '../player/time';
import type { Plan } from './geometry';

type Preview = Output<'redact.preview'>;
/** The core refuses longer previews (redact.preview). */
export const MAX_PREVIEW_SEC = 10;

/**
 * A real render of a few seconds from the current position with the plan as it is now, saved or
 * not: what the full render will look like there. It lives in the vault, encrypted, until the
 * next preview replaces it or the vault locks.
 */
export function PreviewPanel({ recordingId, title, plan, fps, from, duration }: { recordingId: string; title: string; plan: Plan; fps?: number | null; from: () => number; duration: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [seconds, setSeconds] = useState(5);
  const [busy, setBusy] = useState(false);
  const [fraction, setFraction] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(
    () =>
      api.onEvent((e) => {
        if (busy && e.type === 'redact.progress' && e.progress.recordingId === recordingId) setFraction(e.progress.fraction);
      }),
    [recordingId, busy],
  );

  async function run() {
    const start = Math.round(Math.max(0, Math.min(from(), Math.max(0, duration - 0.1))) * 1000) / 1000;
    const length = Math.min(MAX_PREVIEW_SEC, Math.max(1, seconds));
    setBusy(true);
    setError(null);
    setCancelled(false);
    setFraction(0);
    setPreview(null);
    try {
      setPreview(await api.call('redact.preview', { id: recordingId, plan, start, end: start + length }));
    } catch (e) {
      const code = toKluisError(e).code;
      if (code === 'CANCELLED' || code === 'ABORTED') setCancelled(true);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="redact-preview">
      <h3 id={`${id}-h`}>{t('redact.previewRange.heading')}</h3>
      <p className="muted small">{t('redact.previewRange.help', { max: MAX_PREVIEW_SEC })}</p>
      <div className="redact-actions" role="group" aria-labelledby={`${id}-h`}>
        <label htmlFor={`${id}-len`}>{t('redact.previewRange.seconds')}</label>
        <input id={`${id}-len`} type="number" min={1} max={MAX_PREVIEW_SEC} step={1} value={seconds} onChange={(e) => setSeconds(Number(e.currentTarget.value) || 1)} />
        <button type="button" onClick={() => void run()} disabled={busy}>
          {t('redact.previewRange.run')}
        </button>
        {busy && (
          <button type="button" onClick={() => void api.call('redact.cancel', { id: recordingId }).catch(setError)}>
            {t('redact.previewRange.cancel')}
          </button>
        )}
      </div>
      {busy && <ProgressBar labelledBy={`${id}-h`} fraction={fraction} detail={t('redact.previewRange.rendering')} />}
      <ErrorAlert error={error} />
      {cancelled && !busy && (
        <p role="status" className="notice">
          {t('redact.previewRange.cancelled')}
        </p>
      )}
      {preview && (
        <Player key={preview.previewId} recordingId={preview.previewId} title={t('redact.previewRange.title', { title, from: clock(preview.start, true), to: clock(preview.end, true) })} fps={fps} />
      )}
    </div>
  );
}
