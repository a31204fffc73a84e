import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenHeading } from '../components/ScreenHeading';
import { ChangePassword } from './ChangePassword';
import { ItemList, type Item } from './ItemList';
import { RecordingList, type Recording } from './RecordingList';

export function Home({ onLocked, onImport }: { onLocked: () => void; onImport: () => void }) {
  const { t } = useTranslation();
  const itemsHeadingId = useId();
  const recordingsHeadingId = useId();
  const panelId = useId();
  const [items, setItems] = useState<Item[] | null>(null);
  const [recordings, setRecordings] = useState<Recording[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [locking, setLocking] = useState(false);
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.call('items.list', {}), api.call('recordings.list', {})]).then(
      ([i, r]) => {
        if (cancelled) return;
        setItems(i.items);
        setRecordings(r.recordings);
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, []);

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
    <section className="card wide">
      <div className="title-row">
        <ScreenHeading>{t('home.title')}</ScreenHeading>
        <button type="button" onClick={() => void lock()} disabled={locking} aria-busy={locking}>
          {locking ? t('home.locking') : t('home.lock')}
        </button>
      </div>
      <ErrorAlert error={error} />
      <div className="title-row section-row">
        <h2 id={recordingsHeadingId}>{t('home.recordingsHeading')}</h2>
        <button type="button" className="primary" onClick={onImport}>
          {t('home.import')}
        </button>
      </div>
      {recordings === null || items === null ? (
        !error && <p className="muted">{t('home.loadingItems')}</p>
      ) : (
        <>
          <RecordingList recordings={recordings} labelledBy={recordingsHeadingId} vaultEmpty={items.length === 0} />
          {/* Files added by other means (the kluis command) are shown only when there are any, to keep an empty vault calm. */}
          {items.length > 0 && (
            <>
              <h2 id={itemsHeadingId}>{t('home.itemsHeading')}</h2>
              <ItemList items={items} labelledBy={itemsHeadingId} />
            </>
          )}
        </>
      )}
      {changed && (
        <p role="status" className="notice">
          {t('changePassword.done')}
        </p>
      )}
      <div className="actions">
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
      </div>
      <div id={panelId} hidden={!changing}>
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
    </section>
  );
}
