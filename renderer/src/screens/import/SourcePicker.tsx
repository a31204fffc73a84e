import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../format';
import type { ImportSource, Volume } from './types';

/**
 * Detected cards first (the usual case on location), then a folder: the system picker inside
 * Electron, a typed path where there is no picker (the browser and the test host).
 */
export function SourcePicker({ volumes, busy, invalid, onPick }: { volumes: Volume[] | null; busy: boolean; invalid: boolean; onPick: (source: ImportSource) => void }) {
  const { t, i18n } = useTranslation();
  const cardsId = useId();
  const pathId = useId();
  const pathHintId = useId();
  const [path, setPath] = useState('');
  const picker = window.kluis?.chooseFolder;

  function submit(e: FormEvent): void {
    e.preventDefault();
    const p = path.trim();
    if (p && !busy) onPick({ path: p });
  }

  async function choose(): Promise<void> {
    const chosen = await window.kluis!.chooseFolder();
    if (chosen) onPick({ path: chosen });
  }

  return (
    <div className="source-picker">
      <h2 id={cardsId}>{t('import.cardsHeading')}</h2>
      {volumes === null ? (
        <p className="muted">{t('import.lookingForCards')}</p>
      ) : volumes.length === 0 ? (
        <p className="muted">{t('import.noCards')}</p>
      ) : (
        <ul className="volumes" aria-labelledby={cardsId}>
          {volumes.map((v) => (
            <li key={v.path}>
              <span>
                <span className="item-name">{v.label}</span>
                <span className="muted small block">{v.sizeBytes === null ? v.path : `${v.path} · ${formatSize(v.sizeBytes, i18n.language)}`}</span>
              </span>
              <button type="button" disabled={busy} onClick={() => onPick({ path: v.path, label: v.label })}>
                {t('import.importFrom', { label: v.label })}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('import.folderHeading')}</h2>
      {picker ? (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void choose()}>
            {t('import.chooseFolder')}
          </button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={pathId}>{t('import.pathLabel')}</label>
            <input id={pathId} className="mono" value={path} onChange={(e) => setPath(e.target.value)} aria-describedby={pathHintId} aria-invalid={invalid} autoComplete="off" spellCheck={false} />
            <p id={pathHintId} className="muted small">
              {t('import.pathHint')}
            </p>
          </div>
          <div className="actions">
            <button type="submit" disabled={!path.trim() || busy} aria-busy={busy}>
              {busy ? t('import.previewing') : t('import.showPreview')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
