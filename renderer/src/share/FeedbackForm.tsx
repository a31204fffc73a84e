import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormAction } from '../components/useFormAction';
import { today } from '../people/vocab';
import { SavePathField } from './SavePathField';
import { SHARE_ERRORS } from './types';

/** The reviewer's comments on a received package, as a small package back to its sender. */
export function FeedbackForm({ receivedId, sender }: { receivedId: string; sender: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [outPath, setOutPath] = useState('');
  const [done, setDone] = useState<{ path: string; comments: number } | null>(null);
  const ready = name.trim() !== '' && outPath.trim() !== '';
  const { busy, error, submit } = useFormAction(async () => {
    setDone(null);
    const out = await api.call('share.exportFeedback', { receivedId, reviewerName: name.trim(), outPath: outPath.trim() });
    setDone({ path: out.path, comments: out.comments });
  }, { stayBusy: false });

  return (
    <details className="small-details">
      <summary>{t('share.feedback.open', { sender })}</summary>
      <form onSubmit={submit(ready)} aria-label={t('share.feedback.open', { sender })}>
        <div className="field">
          <label htmlFor={`${id}-n`}>{t('share.feedback.name')}</label>
          <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        </div>
        <SavePathField id={`${id}-o`} value={outPath} onChange={setOutPath} defaultName={`kluis-feedback-${today()}.age`} chooseLabel={t('share.feedback.chooseOut')} pathLabel={t('share.feedback.outPath')} />
        <ErrorAlert error={error} overrides={{ ...SHARE_ERRORS, NOT_ALLOWED: 'share.feedback.notAllowed' }} />
        {done && (
          <p role="status" className="notice">
            {t('share.feedback.done', { count: done.comments, path: done.path })}
          </p>
        )}
        <button type="submit" disabled={!ready || busy} aria-busy={busy}>
          {t('share.feedback.submit')}
        </button>
      </form>
    </details>
  );
}
