import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, newPasswordReady } from '../components/NewPasswordFields';
import { PasswordField } from '../components/PasswordField';
import { useFormAction } from '../components/useFormAction';
import { usePasswordRating } from '../components/usePasswordRating';
import { SubmitButton } from '../components/SubmitButton';

// The core's WRONG_PASSWORD here is about the *current* password, so it needs its own sentence.
const OVERRIDES = { WRONG_PASSWORD: 'changePassword.wrongCurrent' };

export function ChangePassword({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const sameId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const rating = usePasswordRating(next);
  const same = next !== '' && next === current;
  const ready = current !== '' && !same && newPasswordReady(rating, next, confirm);
  const { busy, error, submit } = useFormAction(async () => {
    await api.call('vault.changePassword', { current, next });
    onDone();
  });

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('changePassword.title')}</h2>
      <form onSubmit={submit(ready)} noValidate>
        <PasswordField label={t('changePassword.current')} value={current} onChange={setCurrent} autoComplete="current-password" />
        <NewPasswordFields label={t('changePassword.next')} password={next} confirm={confirm} onPassword={setNext} onConfirm={setConfirm} {...rating} />
        {same && (
          <p id={sameId} className="field-error">
            {t('changePassword.sameAsCurrent')}
          </p>
        )}
        <ErrorAlert error={error} overrides={OVERRIDES} />
        <div className="actions">
          <SubmitButton ready={ready} busy={busy} label={t('changePassword.submit')} busyLabel={t('changePassword.busy')} />
          <button type="button" onClick={onCancel}>
            {t('changePassword.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
