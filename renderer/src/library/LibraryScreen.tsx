import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { api } from '../api/client';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatNumber } from '../format';
import { RetentionNotice } from '../people/RetentionNotice';
import { Player } from '../player/Player';
import { ReceivedInLibrary } from '../share/ReceivedInLibrary';
import { DetailPanel } from './DetailPanel';
import { OtherFiles } from './OtherFiles';
import type { LibraryQuery, LibraryRow } from './query';
import type { RowActions } from './RowView';
import { changesRows, usePagedRows } from './usePagedRows';
import { VirtualList } from './VirtualList';

const SORTS = ['capturedAt', 'importedAt', 'title', 'duration', 'size'] as const;
const FILTERS = {
  all: undefined,
  playable: ['original', 'proxy'],
  needsProxy: ['needs-proxy', 'pending'],
  unplayable: ['unplayable'],
} as const satisfies Record<string, LibraryQuery['playability']>;
type FilterName = keyof typeof FILTERS;
const FILTER_LABEL: Record<FilterName, string> = { all: 'filterAll', playable: 'filterPlayable', needsProxy: 'filterNeedsProxy', unplayable: 'filterUnplayable' };

/** The main screen after unlock: every recording, searchable, with a detail panel and up to two players. */
export function LibraryScreen() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<(typeof SORTS)[number]>('capturedAt');
  const [desc, setDesc] = useState(true);
  const [filter, setFilter] = useState<FilterName>('all');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [view, setView] = useState<'list' | 'grid'>('list');
  const [open, setOpen] = useState<LibraryRow | null>(null);
  const [beside, setBeside] = useState<LibraryRow | null>(null);

  const query = useMemo(
    () => ({ search: search.trim() || undefined, sort, dir: desc ? ('desc' as const) : ('asc' as const), playability: FILTERS[filter] ? [...FILTERS[filter]] : undefined, flaggedOnly: flaggedOnly || undefined }),
    [search, sort, desc, filter, flaggedOnly],
  );
  const { total, row, ensure, error, refresh } = usePagedRows(query);
  // The media side probes and makes posters in the background, and a finished render adds a
  // redacted recording; refresh the rows, at most every half second so a batch costs one query.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.onEvent((e) => {
      if (!changesRows(e) || timer) return;
      timer = setTimeout(() => {
        timer = null;
        refresh();
      }, 500);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [refresh]);
  // Automatic retention deleted recordings: the list and the badges must not show them any more.
  const [retained, setRetained] = useState(0);
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type !== 'retention.autoDeleted') return;
        setRetained((n) => n + 1);
        refresh();
      }),
    [refresh],
  );
  const onOpen = useCallback((r: LibraryRow) => setOpen(r), []);
  const onBeside = useCallback((r: LibraryRow) => setBeside(r), []);
  // A renamed recording that is open keeps its panel; only its title changes there too.
  const onRenamed = useCallback(
    (r: LibraryRow, title: string) => {
      setOpen((o) => (o?.id === r.id ? { ...o, title } : o));
      setBeside((o) => (o?.id === r.id ? { ...o, title } : o));
      refresh();
    },
    [refresh],
  );
  const actions: RowActions = useMemo(() => ({ onOpen, onBeside, onRenamed }), [onOpen, onBeside, onRenamed]);

  return (
    <section className="card wide library">
      <ScreenHeading>{t('home.title')}</ScreenHeading>
      <RetentionNotice />
      <div className="lib-toolbar">
        <input type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} aria-label={t('library.search')} placeholder={t('library.search')} />
        <label>
          {t('library.sort')}{' '}
          <select value={sort} onChange={(e) => setSort(e.currentTarget.value as (typeof SORTS)[number])}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`library.sort${s[0]!.toUpperCase()}${s.slice(1)}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={desc} onChange={(e) => setDesc(e.currentTarget.checked)} /> {t('library.descending')}
        </label>
        <label>
          {t('library.filter')}{' '}
          <select value={filter} onChange={(e) => setFilter(e.currentTarget.value as FilterName)}>
            {(Object.keys(FILTERS) as FilterName[]).map((f) => (
              <option key={f} value={f}>
                {t(`library.${FILTER_LABEL[f]}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.currentTarget.checked)} /> {t('library.flaggedOnly')}
        </label>
        <fieldset className="lib-view">
          <legend className="visually-hidden">{t('library.view')}</legend>
          {(['list', 'grid'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {t(v === 'list' ? 'library.viewList' : 'library.viewGrid')}
            </button>
          ))}
        </fieldset>
      </div>
      <ErrorAlert error={error} />
      <h2 id={headingId}>
        {t('library.heading')} {total !== null && <span className="muted small">({t('library.count', { count: total, n: formatNumber(total, i18n.language) })})</span>}
      </h2>
      <div className="lib-body">
        {total === 0 ? (
          <p className="empty">{search || filter !== 'all' || flaggedOnly ? t('library.empty') : t('home.empty')}</p>
        ) : (
          <VirtualList coverageVersion={`${retained}:${open?.id ?? ''}`} resetKey={JSON.stringify(query)} view={view} total={total ?? 0} row={row} ensure={ensure} actions={actions} labelledBy={headingId} />
        )}
        {(open || beside) && (
          <div className="lib-players">
            {open && <DetailPanel key={open.id} row={open} onClose={() => setOpen(null)} onDeleted={refresh} />}
            {beside && (
              <div className="detail">
                <div className="title-row">
                  <h2>{beside.title}</h2>
                  <button type="button" onClick={() => setBeside(null)}>
                    {t('player.close')}
                  </button>
                </div>
                <Player key={beside.id} recordingId={beside.id} title={beside.title} fps={null} />
              </div>
            )}
          </div>
        )}
      </div>
      <OtherFiles />
      <ReceivedInLibrary />
    </section>
  );
}
