import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api/client';
import { ErrorAlert } from './components/ErrorAlert';
import { LanguageSwitch } from './components/LanguageSwitch';
import { CreateVault } from './screens/CreateVault';
import { Recover } from './screens/Recover';
import { RecoveryKey } from './screens/RecoveryKey';
import { Unlock, type UnlockNotice } from './screens/Unlock';
import { Workspace } from './screens/Workspace';

type Screen =
  | { name: 'loading' }
  | { name: 'startError'; error: unknown }
  | { name: 'create' }
  | { name: 'recoveryKey'; recoveryKey: string }
  | { name: 'unlock'; notice: UnlockNotice }
  | { name: 'recover' }
  | { name: 'home' };

export function App() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  // Bumped on every lock: remounting the screen drops whatever was typed or shown.
  const [generation, setGeneration] = useState(0);

  const start = useCallback(() => {
    setScreen({ name: 'loading' });
    api.call('app.status', {}).then(
      (s) => setScreen(s.vault === 'none' ? { name: 'create' } : s.vault === 'locked' ? { name: 'unlock', notice: null } : { name: 'home' }),
      (error: unknown) => setScreen({ name: 'startError', error }),
    );
  }, []);

  useEffect(start, [start]);

  const locked = useCallback((reason?: string) => {
    const notice: UnlockNotice = reason === 'idle' || reason === 'suspend' || reason === 'screen-lock' ? reason : null;
    setScreen({ name: 'unlock', notice });
    setGeneration((g) => g + 1);
  }, []);

  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'vault.locked') locked(event.reason);
      }),
    [locked],
  );

  return (
    <div className="shell">
      <header className="topbar no-print">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main key={generation}>{renderScreen(screen)}</main>
    </div>
  );

  function renderScreen(s: Screen) {
    switch (s.name) {
      case 'loading':
        return (
          <p className="card muted" role="status">
            {t('app.loading')}
          </p>
        );
      case 'startError':
        return (
          <section className="card">
            <h1>{t('app.startFailed')}</h1>
            <ErrorAlert error={s.error} />
            <button type="button" onClick={start}>
              {t('app.retry')}
            </button>
          </section>
        );
      case 'create':
        return <CreateVault onCreated={(recoveryKey) => setScreen({ name: 'recoveryKey', recoveryKey })} />;
      case 'recoveryKey':
        return <RecoveryKey recoveryKey={s.recoveryKey} onDone={() => setScreen({ name: 'home' })} />;
      case 'unlock':
        return <Unlock notice={s.notice} onUnlocked={() => setScreen({ name: 'home' })} onForgot={() => setScreen({ name: 'recover' })} />;
      case 'recover':
        return <Recover onRecovered={() => setScreen({ name: 'unlock', notice: 'recovered' })} onBack={() => setScreen({ name: 'unlock', notice: null })} />;
      case 'home':
        return <Workspace onLocked={() => locked()} />;
    }
  }
}
