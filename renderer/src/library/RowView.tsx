import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDuration, formatPercent, formatSize } from '../format';
import { CoverageBadge } from './CoverageBadge';
import { EditableTitle } from './EditableTitle';
import { Poster } from './Poster';
import type { LibraryRow } from './query';
import type { CoverageSummary } from './useCoverage';

export interface RowActions {
  onOpen: (row: LibraryRow) => void;
  onBeside: (row: LibraryRow) => void;
  onRenamed: (row: LibraryRow, title: string) => void;
}

/** One recording, as a list row or a grid card (same content, different CSS). */
export function RowView({ row, actions, coverage }: { row: LibraryRow; actions: RowActions; coverage?: CoverageSummary | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const date = row.capturedAt ?? row.importedAt;
  return (
    <>
      {row.hasPoster ? <Poster id={row.id} alt={t('library.poster', { title: row.title })} /> : <div className="poster placeholder" aria-hidden="true" />}
      <div className="rec-main">
        <EditableTitle id={row.id} title={row.title} onOpen={() => actions.onOpen(row)} onRenamed={(title) => actions.onRenamed(row, title)} />
        <span className="muted small">
          {date ? formatDateTime(date, lang) : t('library.unknownDate')}
          {row.durationSec !== null && ` · ${formatDuration(row.durationSec, lang)}`} · {t(`layouts.${row.layout}`, { defaultValue: row.layout })} · {row.sourceLabel} · {formatSize(row.bytes, lang)}
          {row.files > 1 && ` · ${t('library.files', { count: row.files })}`}
        </span>
        <span className="small">
          <CoverageBadge summary={coverage} />
          <span className={row.verified ? 'ok' : 'not-ok'}>{row.verified ? t('library.verified') : t('library.notVerified')}</span>
          {' · '}
          {row.problem ? (
            <span className="not-ok">{t('library.cannotPlay', { reason: row.problem })}</span>
          ) : row.proxy.status === 'running' && row.proxy.progress !== null ? (
            t('library.proxyProgress', { percent: formatPercent(row.proxy.progress, lang) })
          ) : (
            t(`library.playability.${row.playability}`)
          )}
          {row.flagged > 0 && ` · ${t('library.flagged', { count: row.flagged })}`}
        </span>
      </div>
      <button type="button" className="small" onClick={() => actions.onBeside(row)} disabled={row.playability === 'unplayable'}>
        {t('library.openBeside')}
      </button>
    </>
  );
}
