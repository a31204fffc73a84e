import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormAction } from '../components/useFormAction';
import { formatSize } from '../format';
import { showDate, today } from '../people/vocab';
import { ReasonedError } from './ReasonedError';
import { SavePathField } from './SavePathField';
import { SHARE_ERRORS, type PersonCopy, type PersonCopyOption } from './types';
import './share.css';

type Option = PersonCopyOption;
type Done = PersonCopy;

const COPY_ERRORS: Record<string, string> = { ...SHARE_ERRORS, NOT_ALLOWED: 'share.personCopy.errors.NOT_ALLOWED', CHECKSUM_MISMATCH: 'share.personCopy.errors.CHECKSUM_MISMATCH' };

/**
 * B1: a recorded person gets a copy of the recordings they are in, on request. They have no
 * Kluis, so it is a password-protected zip; the password is shown once, here, and kept nowhere.
 */
export function PersonCopyForm({ personId, pseudonym, onClose }: { personId: string; pseudonym: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [options, setOptions] = useState<Option[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [othersOk, setOthersOk] = useState(false);
  const [outPath, setOutPath] = useState('');
  const [done, setDone] = useState<Done | null>(null);

  useEffect(() => heading.current?.focus(), [done]);
  useEffect(() => {
    api.call('share.personCopyOptions', { personId }).then((o) => {
      setOptions(o);
      setChosen(new Set(o.filter((x) => x.derivedFrom === null).map((x) => x.recordingId)));
    }, setLoadError);
  }, [personId]);

  const picked = (options ?? []).filter((o) => chosen.has(o.recordingId));
  const others = [...new Set(picked.flatMap((o) => o.others))];
  const ready = picked.length > 0 && outPath.trim() !== '' && (others.length === 0 || othersOk);
  const { busy, error, submit } = useFormAction(async () => {
    setDone(await api.call('share.personCopy', { personId, recordingIds: picked.map((o) => o.recordingId), outPath: outPath.trim(), ...(others.length ? { othersConfirmed: othersOk } : {}) }));
  }, { stayBusy: false });

  if (done) return <CopyDone done={done} pseudonym={pseudonym} heading={heading} onClose={onClose} />;
  const toggle = (rid: string, on: boolean) => setChosen((s) => new Set([...s].filter((x) => x !== rid).concat(on ? [rid] : [])));

  return (
    <form className="panel person-copy" onSubmit={submit(ready)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('share.personCopy.heading', { name: pseudonym })}
      </h3>
      <p className="muted small">{t('share.personCopy.intro')}</p>
      <ErrorAlert error={loadError} />
      {options === null ? (
        !loadError && <p role="status">{t('share.personCopy.loading')}</p>
      ) : options.length === 0 ? (
        <p className="empty">{t('share.personCopy.none', { name: pseudonym })}</p>
      ) : (
        <fieldset>
          <legend>{t('share.personCopy.which')}</legend>
          {options.map((o) => (
            <div className="check-field" key={o.recordingId}>
              <input id={`${id}-${o.recordingId}`} type="checkbox" checked={chosen.has(o.recordingId)} onChange={(e) => toggle(o.recordingId, e.target.checked)} aria-describedby={`${id}-${o.recordingId}-n`} />
              <label htmlFor={`${id}-${o.recordingId}`}>{o.derivedFrom ? t('share.personCopy.redacted', { title: o.label }) : o.label}</label>
              <span id={`${id}-${o.recordingId}-n`} className="muted small">
                {' '}
                {[o.capturedAt ? showDate(o.capturedAt, i18n.language) : null, formatSize(o.bytes, i18n.language), o.others.length ? t('share.personCopy.alsoShows', { names: o.others.join(', ') }) : null].filter(Boolean).join(' · ')}
              </span>
            </div>
          ))}
        </fieldset>
      )}
      {others.length > 0 && (
        <div className="check-field warning">
          <input id={`${id}-others`} type="checkbox" checked={othersOk} onChange={(e) => setOthersOk(e.target.checked)} />
          <label htmlFor={`${id}-others`}>{t('share.personCopy.othersConfirm', { names: others.join(', ') })}</label>
        </div>
      )}
      <SavePathField id={`${id}-out`} value={outPath} onChange={setOutPath} defaultName={`kluis-copy-${today()}.zip`} chooseLabel={t('share.personCopy.chooseOut')} pathLabel={t('share.personCopy.outPath')} required />
      {error !== null && <ReasonedError error={error} overrides={COPY_ERRORS} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={!ready || busy} aria-busy={busy}>
          {busy ? t('share.personCopy.busy') : t('share.personCopy.submit')}
        </button>
        <button type="button" onClick={onClose}>
          {t('share.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The one time the password is shown: the user writes it down for the person, then closes. */
function CopyDone({ done, pseudonym, heading, onClose }: { done: Done; pseudonym: string; heading: React.RefObject<HTMLHeadingElement | null>; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="panel person-copy" data-testid="person-copy-done">
      <h3 ref={heading} tabIndex={-1}>
        {t('share.personCopy.doneHeading', { name: pseudonym })}
      </h3>
      <p role="status">{t('share.personCopy.saved', { path: done.path, size: formatSize(done.size, i18n.language), count: done.files.length })}</p>
      <p>{t('share.personCopy.passwordIntro', { name: pseudonym })}</p>
      <p className="mono person-copy-password" aria-label={t('share.personCopy.password')}>
        {done.password}
      </p>
      <p className="small">{t('share.personCopy.howToOpen')}</p>
      <p className="small">{t('share.personCopy.passwordNote')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('share.personCopy.close')}
        </button>
      </div>
    </div>
  );
}
