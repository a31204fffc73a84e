import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenHeading } from '../components/ScreenHeading';

/** The choices stay within what the core accepts (1 minute to 4 hours). */
const AUTO_LOCK_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240];

/** The vault owner's preferences: for now, how soon an unattended Kluis locks itself (R9). */
export function SettingsScreen() {
  const { t } = useTranslation();
  const [seconds, setSeconds] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const selectId = useId();
  const hintId = useId();

  useEffect(() => {
    api.call('settings.get', {}).then((s) => setSeconds(s.autoLockSeconds), setError);
  }, []);

  async function change(minutes: number): Promise<void> {
    setSaved(false);
    setError(null);
    try {
      const s = await api.call('settings.set', { autoLockSeconds: minutes * 60 });
      setSeconds(s.autoLockSeconds);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="card wide">
      <ScreenHeading>{t('settings.title')}</ScreenHeading>
      <ErrorAlert error={error} />
      {seconds !== null && (
        <div className="field">
          <label htmlFor={selectId}>{t('settings.autoLock')}</label>
          <select id={selectId} aria-describedby={hintId} value={Math.round(seconds / 60)} onChange={(e) => void change(Number(e.target.value))}>
            {AUTO_LOCK_MINUTES.map((m) => (
              <option key={m} value={m}>
                {t('settings.minutes', { count: m })}
              </option>
            ))}
          </select>
          <p id={hintId} className="hint">
            {t('settings.autoLockHint')}
          </p>
        </div>
      )}
      {saved && (
        <p role="status" className="notice">
          {t('settings.saved')}
        </p>
      )}
    </section>
  );
}
