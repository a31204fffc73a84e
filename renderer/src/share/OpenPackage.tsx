import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { toKluisError } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { ManifestView } from './ManifestView';
import { SHARE_ERRORS, type Received } from './types';

/** Open a package from a typed path; a passphrase field appears when the package asks for one. */
export function OpenPackage({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [askPass, setAskPass] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<Received | null>(null);
  const [feedback, setFeedback] = useState<string | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!path.trim() || busy) return;
    setBusy(true);
    setError(null);
    setOpened(null);
    setFeedback(null);
    try {
      const out = await api.call('share.open', { path: path.trim(), ...(passphrase ? { passphrase } : {}) });
      if (out.kind === 'received') setOpened(out.package);
      else setFeedback(t('share.open.feedback', { count: out.attached, sender: out.sender }));
      onOpened();
    } catch (err) {
      const code = toKluisError(err).code;
      if (code === 'WRONG_PASSPHRASE' || code === 'NO_MATCHING_KEY') setAskPass(true);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="panel share-open">
      <h2 id={`${id}-h`}>{t('share.open.heading')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-path`}>{t('share.open.path')}</label>
          <input id={`${id}-path`} value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
        </div>
        {askPass ? (
          <div className="field">
            <label htmlFor={`${id}-pass`}>{t('share.open.passphrase')}</label>
            <input id={`${id}-pass`} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
          </div>
        ) : (
          <button type="button" className="link" onClick={() => setAskPass(true)}>
            {t('share.open.usePassphrase')}
          </button>
        )}
        <ErrorAlert error={error} overrides={SHARE_ERRORS} />
        {feedback && (
          <p role="status" className="notice">
            {feedback}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={!path.trim() || busy} aria-busy={busy}>
            {busy ? t('share.open.busy') : t('share.open.submit')}
          </button>
        </div>
      </form>
      {opened && <ManifestView manifest={opened.manifest} focus />}
    </section>
  );
}
