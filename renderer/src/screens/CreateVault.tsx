import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, newPasswordReady } from '../components/NewPasswordFields';
import { ScreenHeading } from '../components/ScreenHeading';
import { useFormAction } from '../components/useFormAction';
import { usePasswordRating } from '../components/usePasswordRating';
import { SubmitButton } from '../components/SubmitButton';

export function CreateVault({ onCreated }: { onCreated: (recoveryKey: string) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const rating = usePasswordRating(password);
  const ready = newPasswordReady(rating, password, confirm);
  const { busy, error, submit } = useFormAction(async () => {
    const { recoveryKey } = await api.call('vault.create', { password });
    onCreated(recoveryKey);
  });

  return (
    <section className="card">
      <ScreenHeading>{t('create.title')}</ScreenHeading>
      <p>{t('create.intro')}</p>
      <form onSubmit={submit(ready)} noValidate>
        <NewPasswordFields
          label={t('create.password')}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          {...rating}
        />
        <ErrorAlert error={error} />
        <p className="muted small">{t('common.showRequirements')}</p>
        <div className="actions">
          <SubmitButton ready={ready} busy={busy} label={t('create.submit')} busyLabel={t('create.busy')} />
        </div>
      </form>
    </section>
  );
}
