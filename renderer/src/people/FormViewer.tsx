import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';

type Form = Output<'consents.form'>;

/**
 * The signed form of a consent (R3), decrypted in memory and shown from an object URL: nothing
 * touches the disk. Images show here. A PDF cannot: the app's CSP allows no frames or plugins (a
 * PDF viewer would be one), so the user may save a copy instead, with a warning, since that copy
 * is not encrypted and leaving the vault is their explicit choice.
 */
export function FormViewer({ consentId, personName, onClose }: { consentId: string; personName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState<{ type: Form['type']; url: string; size: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let url: string | null = null;
    let gone = false;
    api.call('consents.form', { id: consentId }).then(
      (f) => {
        if (gone) return;
        const bytes = Uint8Array.from(atob(f.dataBase64), (c) => c.charCodeAt(0));
        url = URL.createObjectURL(new Blob([bytes], { type: f.type }));
        setForm({ type: f.type, url, size: f.size });
      },
      (e: unknown) => !gone && setError(e),
    );
    return () => {
      gone = true;
      // The decrypted form lives only as long as the viewer.
      if (url) URL.revokeObjectURL(url);
    };
  }, [consentId]);
  useEffect(() => heading.current?.focus(), []);

  const image = form?.type.startsWith('image/');
  return (
    <div className="form-viewer" role="group" aria-labelledby={`${id}-h`}>
      <div className="title-row">
        <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {t('consentForm.heading', { name: personName })}
        </h3>
        <button type="button" onClick={onClose}>
          {t('consentForm.close')}
        </button>
      </div>
      <ErrorAlert error={error} />
      {!form && !error && <p role="status">{t('people.loading')}</p>}
      {form && image && <img src={form.url} alt={t('consentForm.alt', { name: personName })} className="consent-form-image" />}
      {form && !image && (
        <div className="warning">
          <p>{form.type === 'application/pdf' ? t('consentForm.pdf') : t('consentForm.unknown')}</p>
          {!saving ? (
            <button type="button" onClick={() => setSaving(true)}>
              {t('consentForm.saveCopy')}
            </button>
          ) : (
            <>
              <p>
                <strong>{t('consentForm.plainWarning')}</strong>
              </p>
              <a className="button" href={form.url} download={form.type === 'application/pdf' ? 'consent-form.pdf' : 'consent-form'}>
                {t('consentForm.saveAnyway')}
              </a>
            </>
          )}
        </div>
      )}
    </div>
  );
}
