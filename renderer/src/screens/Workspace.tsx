import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { LibraryScreen } from '../library/LibraryScreen';
import { AuditScreen } from '../people/AuditScreen';
import { PeopleScreen } from '../people/PeopleScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { ShareScreen } from '../share/ShareScreen';
import { ImportScreen } from './import/ImportScreen';
import { ChangePassword } from './ChangePassword';

/**
 * The sections of an unlocked vault. A new section (People, Audit) is one more entry here and
 * one more case in `render`; the nav bar builds itself from the list.
 */
const SECTIONS = [
  { id: 'library', label: 'nav.library' },
  { id: 'import', label: 'nav.import' },
  { id: 'people', label: 'people.nav' },
  { id: 'share', label: 'share.nav' },
  { id: 'audit', label: 'audit.nav' },
  { id: 'settings', label: 'settings.nav' },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

export function Workspace({ onLocked }: { onLocked: () => void }) {
  const { t } = useTranslation();
  const [section, setSection] = useState<SectionId>('library');
  const [locking, setLocking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);
  const panelId = useId();

  async function lock(): Promise<void> {
    setLocking(true);
    try {
      await api.call('vault.lock', {});
      // The vault.locked event does the same; calling it here covers a dropped event channel.
      onLocked();
    } catch (e) {
      setError(e);
      setLocking(false);
    }
  }

  return (
    <>
      <nav className="sections no-print" aria-label={t('nav.label')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <button type="button" aria-current={section === s.id ? 'page' : undefined} onClick={() => setSection(s.id)}>
                {t(s.label)}
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          aria-expanded={changing}
          aria-controls={panelId}
          onClick={() => {
            setChanged(false);
            setChanging((v) => !v);
          }}
        >
          {t('home.changePassword')}
        </button>
        <button type="button" onClick={() => void lock()} disabled={locking} aria-busy={locking}>
          {locking ? t('home.locking') : t('home.lock')}
        </button>
      </nav>
      <ErrorAlert error={error} />
      {changed && (
        <p role="status" className="notice">
          {t('changePassword.done')}
        </p>
      )}
      <div id={panelId} hidden={!changing} className="card wide">
        {changing && (
          <ChangePassword
            onDone={() => {
              setChanging(false);
              setChanged(true);
            }}
            onCancel={() => setChanging(false)}
          />
        )}
      </div>
      {render(section)}
    </>
  );

  function render(s: SectionId) {
    switch (s) {
      case 'library':
        return <LibraryScreen />;
      case 'import':
        return <ImportScreen onDone={() => setSection('library')} />;
      case 'people':
        return <PeopleScreen />;
      case 'share':
        return <ShareScreen />;
      case 'audit':
        return <AuditScreen />;
      case 'settings':
        return <SettingsScreen />;
    }
  }
}
