import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';

/** The title as a button that opens the recording, with a rename form in its place when asked. */
export function EditableTitle({ id, title, onOpen, onRenamed }: { id: string; title: string; onOpen: () => void; onRenamed: (title: string) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(title);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(): Promise<void> {
    setBusy(true);
    try {
      await api.call('recordings.rename', { id, title: value });
      setEditing(false);
      onRenamed(value.trim());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!editing)
    return (
      <span className="rec-title">
        <button type="button" className="link" onClick={onOpen} aria-label={t('library.open', { title })}>
          {title}
        </button>
        <button type="button" className="small" onClick={() => (setValue(title), setError(null), setEditing(true))}>
          {t('library.rename')}
        </button>
      </span>
    );
  return (
    <form
      className="rec-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        value={value}
        autoFocus
        maxLength={200}
        aria-label={t('library.renameLabel', { title })}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
      />
      <button type="submit" disabled={busy || value.trim() === ''}>
        {t('library.save')}
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        {t('library.cancel')}
      </button>
      <ErrorAlert error={error} />
    </form>
  );
}
