import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { ScreenHeading } from '../components/ScreenHeading';
import { useFormAction } from '../components/useFormAction';
import { SubmitButton } from '../components/SubmitButton';

export type UnlockNotice = 'recovered' | 'idle' | 'suspend' | 'screen-lock' | null;

const NOTICE_KEYS: Record<Exclude<UnlockNotice, null>, string> = {
  recovered: 'unlock.recovered',
  idle: 'unlock.lockedIdle',
  suspend: 'unlock.lockedSuspend',
  'screen-lock': 'unlock.lockedScreen',
};

export function Unlock({ notice, onUnlocked, onForgot }: { notice: UnlockNotice; onUnlocked: () => void; onForgot: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useFormAction(async () => {
    await api.call('vault.unlock', { password });
    onUnlocked();
  });

  return (
    <section className="card">
      <ScreenHeading>{t('unlock.title')}</ScreenHeading>
      {notice && (
        <p role="status" className="notice">
          {t(NOTICE_KEYS[notice])}
        </p>
      )}
      <form onSubmit={submit(password !== '')} noValidate>
        <PasswordField label={t('unlock.password')} value={password} onChange={setPassword} autoComplete="current-password" invalid={error !== null} />
        <ErrorAlert error={error} />
        <div className="actions">
          <SubmitButton ready={password !== ''} busy={busy} label={t('unlock.submit')} busyLabel={t('unlock.busy')} />
          <button type="button" className="link" onClick={onForgot}>
            {t('unlock.forgot')}
          </button>
        </div>
      </form>
    </section>
  );
}
