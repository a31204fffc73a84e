import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';

/** This vault's public share key, as text to copy and as a QR code (text half-blocks, rendered as text). */
export function ShareKey() {
  const { t } = useTranslation();
  const id = useId();
  const [key, setKey] = useState<{ publicKey: string; qr?: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState<'copied' | 'selected' | null>(null);

  useEffect(() => {
    api.call('share.key', { qr: true }).then(setKey, setError);
  }, []);

  async function copy(): Promise<void> {
    if (!key) return;
    try {
      await navigator.clipboard.writeText(key.publicKey);
      setCopied('copied');
    } catch {
      // No clipboard permission (a plain page): select the text so Ctrl+C copies it.
      const el = document.getElementById(`${id}-key`);
      if (el) window.getSelection()?.selectAllChildren(el);
      setCopied('selected');
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="panel share-key">
      <h2 id={`${id}-h`}>{t('share.key.heading')}</h2>
      <p className="muted">{t('share.key.intro')}</p>
      <ErrorAlert error={error} />
      {key === null ? (
        !error && <p role="status">{t('share.loading')}</p>
      ) : (
        <>
          <p>
            <code id={`${id}-key`} data-testid="share-key" className="share-key-text">
              {key.publicKey}
            </code>
          </p>
          <button type="button" onClick={() => void copy()}>
            {t('share.key.copy')}
          </button>
          {copied && (
            <span role="status" className="muted">
              {' '}
              {copied === 'copied' ? t('share.key.copied') : t('share.key.selected')}
            </span>
          )}
          {key.qr && (
            <pre className="share-qr" role="img" aria-label={t('share.key.qr')}>
              {key.qr}
            </pre>
          )}
        </>
      )}
    </section>
  );
}
