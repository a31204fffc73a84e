import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { CopiesList, SharedCopies } from '../share/SharedCopies';
import type { ExportRecord } from '../share/types';

/**
 * Deleting a recording by hand: one confirmed action that first lists the share packages that
 * left with it (R7), since the copies recipients hold are not reached by deleting here.
 */
export function DeleteRecording({ recordingId, title, onDeleted, onCancel }: { recordingId: string; title: string; onDeleted: (copies: ExportRecord[] | null) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // what left with it, derivatives included, asked before the deletion takes their link away;
  // the deletion waits for the answer (null: unreadable, and the list says so), never for a retry
  const [copies, setCopies] = useState<ExportRecord[] | null | undefined>(undefined);

  async function remove(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await api.call('recordings.delete', { recordingId, why: 'user', rule: 'user-request' });
      onDeleted(copies ?? null);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <div role="group" aria-labelledby={`${id}-q`} className="panel delete-recording">
      <p id={`${id}-q`}>{t('share.deleteRecording.confirm', { title })}</p>
      <SharedCopies recordingId={recordingId} withDerivatives onLoaded={setCopies} />
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="button" disabled={busy || copies === undefined} aria-busy={busy} onClick={() => void remove()}>
          {t('share.deleteRecording.yes')}
        </button>
        <button type="button" autoFocus onClick={onCancel}>
          {t('share.cancel')}
        </button>
      </div>
    </div>
  );
}

/** What stays on screen after the deletion: that it went, and the copies that left before it did. */
export function DeletedConfirmation({ title, copies, onClose }: { title: string; copies: ExportRecord[] | null; onClose: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="delete-recording" data-testid="deletion-confirmation">
      <h2 ref={heading} tabIndex={-1}>
        {t('share.deleteRecording.doneHeading', { title })}
      </h2>
      <p>{t('share.deleteRecording.done')}</p>
      {copies ? <CopiesList copies={copies} /> : <p className="alert small">{t('share.copies.failed')}</p>}
      <button type="button" onClick={onClose}>
        {t('share.deleteRecording.close')}
      </button>
    </div>
  );
}
