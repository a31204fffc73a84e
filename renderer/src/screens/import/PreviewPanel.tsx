import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeading } from '../../components/SectionHeading';
import { formatSize } from '../../format';
import type { CardPreview, ImportSource } from './types';

/** What an import would take, the wipe choice with its honest limits, and the one button. */
export function PreviewPanel({ source, preview, onStart }: { source: ImportSource; preview: CardPreview; onStart: (wipe: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const wipeId = useId();
  const wipeNoteId = useId();
  // On by default: leaving footage on a card that can get lost is the larger risk (policy H5, R11).
  const [wipe, setWipe] = useState(true);
  const files = preview.units.reduce((n, u) => n + u.files, 0);
  const bytes = preview.units.reduce((n, u) => n + u.bytes, 0);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <SectionHeading id={headingId}>{t('import.preview.heading', { label: source.label ?? source.path })}</SectionHeading>
      {source.label && <p className="muted small mono">{preview.root}</p>}
      {preview.units.length === 0 ? (
        <p className="empty">{t('import.preview.nothing')}</p>
      ) : (
        <>
          <p>{t('import.preview.summary', { count: preview.units.length, files: t('import.preview.fileCount', { count: files }), size: formatSize(bytes, i18n.language) })}</p>
          <ul className="units" aria-label={t('import.preview.unitsLabel')}>
            {preview.units.map((u) => (
              <li key={u.key}>
                <span className="unit-main">
                  <span className="item-name">{u.label}</span>
                  <span className="muted small block">
                    {t(`layouts.${u.layout}`)} · {t('import.preview.fileCount', { count: u.files })} · {formatSize(u.bytes, i18n.language)}
                  </span>
                </span>
                {u.probablyImported && <span className="badge">{t('import.preview.alreadyInVault')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.ignored.length > 0 && (
        <details className="small-details">
          <summary>{t('import.preview.ignored', { count: preview.ignored.length })}</summary>
          <ul className="mono small">
            {preview.ignored.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </details>
      )}
      {preview.problems.length > 0 && (
        <div className="warning">
          <p>{t('import.preview.problems')}</p>
          {/* The core words these itself, in English. */}
          <ul lang="en">
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.units.length > 0 && (
        <>
          <div className="check-field">
            <input id={wipeId} type="checkbox" checked={wipe} onChange={(e) => setWipe(e.target.checked)} aria-describedby={wipeNoteId} />
            <label htmlFor={wipeId}>{t('import.wipe.label')}</label>
          </div>
          <p id={wipeNoteId} className="muted small note">
            {t('import.wipe.explain')} {t('import.wipeNote')}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => onStart(wipe)}>
              {t('import.start', { count: preview.units.length })}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
