import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../api/client';
import { useFormAction } from '../components/useFormAction';
import { formatSize } from '../format';
import { today } from '../people/vocab';
import { ReasonedError } from './ReasonedError';
import { SavePathField } from './SavePathField';
import { SHARE_ERRORS, type Handover } from './types';
import './share.css';

export type HandoverDone = Handover & { to: string };

/** One recording by its title, several by their number: the form's and the confirmation's subject. */
export function recordingsTitle(t: TFunction, recordings: readonly { title: string }[]): string {
  return recordings.length === 1 ? recordings[0]!.title : t('share.recordingCount', { count: recordings.length });
}

// The export form's sentences for these codes speak of received clips and opening packages; a
// handover fails before anything is deleted, and the sentence must say so.
const HANDOVER_ERRORS: Record<string, string> = {
  ...SHARE_ERRORS,
  NOT_ALLOWED: 'share.handover.errors.NOT_ALLOWED',
  EXPIRED: 'share.handover.errors.EXPIRED',
  CHECKSUM_MISMATCH: 'share.handover.errors.CHECKSUM_MISMATCH',
};

/**
 * U5: ownership of one recording, and the duty to delete it, moves to a colleague. The core writes
 * the package, reads it back and only then deletes the recording here, so the user must first
 * confirm in plain words that the package will be the only copy.
 */
export function HandoverForm({ recordings, onDone, onCancel }: { recordings: { id: string; title: string }[]; onDone: (d: HandoverDone) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const count = recordings.length;
  const title = recordingsTitle(t, recordings);
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [publicKey, setPublicKey] = useState('');
  const [toName, setToName] = useState('');
  const [reason, setReason] = useState('');
  const [senderName, setSenderName] = useState('');
  const [outPath, setOutPath] = useState('');
  const [understood, setUnderstood] = useState(false);

  useEffect(() => heading.current?.focus(), []);

  const keyOk = /^age1[02-9ac-hj-np-z]{58}$/.test(publicKey.trim());
  const ready = keyOk && toName.trim() !== '' && reason.trim() !== '' && senderName.trim() !== '' && outPath.trim() !== '' && understood;

  const { busy, error, submit } = useFormAction(async () => {
    const to = toName.trim();
    const out = await api.call('share.handover', { recordingIds: recordings.map((r) => r.id), to: { publicKey: publicKey.trim(), name: to }, reason: reason.trim(), senderName: senderName.trim(), outPath: outPath.trim() });
    onDone({ ...out, to });
  });

  return (
    <form className="panel share-handover" onSubmit={submit(ready)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('share.handover.heading', { title })}
      </h2>
      <p className="muted small">{t('share.handover.intro', { count })}</p>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('share.handover.key')}</label>
        <input id={`${id}-key`} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={publicKey !== '' && !keyOk} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('share.handover.toName')}</label>
        <input id={`${id}-to`} value={toName} onChange={(e) => setToName(e.target.value)} maxLength={120} required aria-describedby={`${id}-to-n`} />
        <p id={`${id}-to-n`} className="note small">
          {t('share.handover.toNameNote')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-why`}>{t('share.handover.reason')}</label>
        <input id={`${id}-why`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required placeholder={t('share.handover.reasonExample')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-sn`}>{t('share.handover.senderName')}</label>
        <input id={`${id}-sn`} value={senderName} onChange={(e) => setSenderName(e.target.value)} maxLength={120} required />
      </div>
      <SavePathField id={`${id}-out`} value={outPath} onChange={setOutPath} defaultName={`kluis-handover-${today()}.age`} chooseLabel={t('share.handover.chooseOut')} pathLabel={t('share.handover.outPath')} required />
      <div className="check-field handover-confirm">
        <input id={`${id}-ok`} type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
        <label htmlFor={`${id}-ok`}>{t('share.handover.understand', { count })}</label>
      </div>
      {error !== null && <ReasonedError error={error} overrides={HANDOVER_ERRORS} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={!ready || busy} aria-busy={busy}>
          {busy ? t('share.handover.busy') : t('share.handover.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('share.cancel')}
        </button>
      </div>
    </form>
  );
}

/** What replaces the detail panel once the recording has left this vault. */
export function HandedOver({ title, done, onClose }: { title: string; done: HandoverDone; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const recordings = t('share.recordingCount', { count: done.recordingIds.length });
  const persons = t('share.handover.personCount', { count: done.persons });
  return (
    <div className="share-handover" data-testid="handover-done">
      <h2 ref={heading} tabIndex={-1}>
        {t('share.handover.doneHeading', { title, name: done.to, count: done.deleted.length + done.notDeleted.length })}
      </h2>
      <p>{t('share.handover.saved', { path: done.path, size: formatSize(done.size, i18n.language) })}</p>
      <p>{t('share.handover.moved', { recordings, persons, name: done.to })}</p>
      {done.deleted.length > 0 && <p>{t('share.handover.deleted', { count: done.deleted.length })}</p>}
      {done.notDeleted.length > 0 && (
        <p role="alert">
          {t('share.handover.notDeleted', { count: done.notDeleted.length })} {done.notDeleted.map((n) => n.message).join(' ')}
        </p>
      )}
      <p className="notice">{t('share.handover.give', { name: done.to })}</p>
      <button type="button" onClick={onClose}>
        {t('share.handover.close')}
      </button>
    </div>
  );
}
