import { Fragment, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/ScreenHeading';

function normalise(s: string): string {
  return s.replace(/[\s-]/g, '').toUpperCase();
}

/** Shown once, right after creation; typing the last group proves the key was actually taken down. */
export function RecoveryKey({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const hintId = useId();
  const wrongId = useId();
  const lastGroup = normalise(recoveryKey.split('-').at(-1) ?? '');
  const matches = normalise(typed) === lastGroup;
  const wrong = normalise(typed).length >= lastGroup.length && !matches;

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (matches) onDone();
  }

  return (
    <section className="card">
      <ScreenHeading>{t('recoveryKey.title')}</ScreenHeading>
      <p>{t('recoveryKey.intro')}</p>
      <p className="notice">{t('recoveryKey.keep')}</p>
      <figure className="recovery-key-box print-only-keep">
        <figcaption>{t('recoveryKey.keyLabel')}</figcaption>
        <p className="recovery-key" data-testid="recovery-key">
          {/* Groups never break across lines, so the key is copied down in its groups of four. */}
          {recoveryKey.split('-').map((group, i, all) => (
            <Fragment key={i}>
              <span className="key-group">
                {group}
                {i < all.length - 1 && '-'}
              </span>
              <wbr />
            </Fragment>
          ))}
        </p>
      </figure>
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('recoveryKey.print')}
        </button>
      </div>
      <form onSubmit={submit} className="no-print" noValidate>
        <div className="field">
          <label htmlFor={inputId}>{t('recoveryKey.confirmLabel')}</label>
          <input
            id={inputId}
            className="short mono"
            value={typed}
            maxLength={9}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            aria-describedby={wrong ? `${hintId} ${wrongId}` : hintId}
            aria-invalid={wrong || undefined}
            onChange={(e) => setTyped(e.target.value)}
          />
          <p id={hintId} className="muted small">
            {t('recoveryKey.confirmHint')}
          </p>
          {wrong && (
            <p id={wrongId} className="field-error">
              {t('recoveryKey.confirmWrong')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={!matches}>
            {t('recoveryKey.continue')}
          </button>
        </div>
      </form>
    </section>
  );
}
