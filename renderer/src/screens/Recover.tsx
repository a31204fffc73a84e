import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, newPasswordReady } from '../components/NewPasswordFields';
import { ScreenHeading } from '../components/ScreenHeading';
import { useFormAction } from '../components/useFormAction';
import { usePasswordRating } from '../components/usePasswordRating';
import { SubmitButton } from '../components/SubmitButton';

export function Recover({ onRecovered, onBack }: { onRecovered: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const keyId = useId();
  const keyHintId = useId();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const rating = usePasswordRating(password);
  const ready = recoveryKey.trim() !== '' && newPasswordReady(rating, password, confirm);
  const { busy, error, submit } = useFormAction(async () => {
    await api.call('vault.recover', { recoveryKey: recoveryKey.trim(), newPassword: password });
    onRecovered();
  });

  return (
    <section className="card">
      <ScreenHeading>{t('recover.title')}</ScreenHeading>
      <p>{t('recover.intro')}</p>
      <form onSubmit={submit(ready)} noValidate>
        <div className="field">
          <label htmlFor={keyId}>{t('recover.key')}</label>
          <input
            id={keyId}
            className="mono"
            value={recoveryKey}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            aria-describedby={keyHintId}
            onChange={(e) => setRecoveryKey(e.target.value)}
          />
          <p id={keyHintId} className="muted small">
            {t('recover.keyHint')}
          </p>
        </div>
        <NewPasswordFields
          label={t('recover.newPassword')}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          {...rating}
        />
        <ErrorAlert error={error} />
        <div className="actions">
          <SubmitButton ready={ready} busy={busy} label={t('recover.submit')} busyLabel={t('recover.busy')} />
          <button type="button" className="link" onClick={onBack}>
            {t('recover.back')}
          </button>
        </div>
      </form>
    </section>
  );
}
