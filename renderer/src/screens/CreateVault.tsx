import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { NewPasswordFields, newPasswordReady } from '../components/NewPasswordFields';
import { ScreenHeading } from '../components/ScreenHeading';
import { usePasswordRating } from '../components/usePasswordRating';

export function CreateVault({ onCreated }: { onCreated: (recoveryKey: string) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rating = usePasswordRating(password);
  const ready = newPasswordReady(rating, password, confirm) && !busy;

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey } = await api.call('vault.create', { password });
      onCreated(recoveryKey);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section className="card">
      <ScreenHeading>{t('create.title')}</ScreenHeading>
      <p>{t('create.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
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
          <button type="submit" className="primary" disabled={!ready} aria-busy={busy}>
            {busy ? t('create.busy') : t('create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
