import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RowView, type RowActions } from './RowView';
import type { LibraryRow } from './query';
import { useCoverage } from './useCoverage';
import { useWindow } from './useWindow';

const LIST_ROW = 72;
const CARD_W = 240;
const CARD_H = 280;

/**
 * Only the rows (or grid lines) in view are in the DOM, each placed absolutely in a spacer as tall
 * as the whole list, so the scrollbar is true to 10,000 rows. aria-setsize/posinset tell screen
 * readers the real count even though most items are not rendered.
 */
export function VirtualList(props: {
  view: 'list' | 'grid';
  total: number;
  row: (i: number) => LibraryRow | undefined;
  ensure: (first: number, last: number) => void;
  actions: RowActions;
  labelledBy: string;
  /** a new search, sort or filter: back to the top */
  resetKey: string;
  /** changes when consent may have changed: the coverage badges are fetched again */
  coverageVersion: unknown;
}) {
  const { t } = useTranslation();
  const { view, total, row, ensure, actions } = props;
  const grid = view === 'grid';
  // The column count follows the measured width; the first render assumes a usual one.
  const probe = useWindow(0, 1);
  const columns = grid ? Math.max(1, Math.floor(probe.width / CARD_W)) : 1;
  const lines = Math.ceil(total / columns);
  const win = useWindow(lines, grid ? CARD_H : LIST_ROW);
  const first = win.first * columns;
  const last = Math.min(total, win.last * columns);

  useEffect(() => ensure(first, last), [ensure, first, last]);
  const visible: string[] = [];
  for (let i = first; i < last; i++) {
    const r = row(i);
    if (r) visible.push(r.id);
  }
  const coverage = useCoverage(visible, props.coverageVersion);
  useEffect(() => {
    const el = win.ref.current;
    if (el) el.scrollTop = 0;
  }, [props.resetKey, win.ref]);

  const items = [];
  for (let i = first; i < last; i++) {
    const r = row(i);
    const line = Math.floor(i / columns);
    const col = i % columns;
    const style = grid
      ? { top: line * CARD_H, left: `${(col * 100) / columns}%`, width: `${100 / columns}%`, height: CARD_H }
      : { top: i * LIST_ROW, left: 0, right: 0, height: LIST_ROW };
    items.push(
      <div key={r?.id ?? `i${i}`} role="listitem" aria-setsize={total} aria-posinset={i + 1} className={grid ? 'lib-card' : 'lib-row'} style={style}>
        {r ? <RowView row={r} actions={actions} coverage={coverage.get(r.id)} /> : <span className="muted">{t('library.loading')}</span>}
      </div>,
    );
  }

  return (
    <div
      ref={(el) => {
        (win.ref as { current: HTMLDivElement | null }).current = el;
        (probe.ref as { current: HTMLDivElement | null }).current = el;
      }}
      className="lib-scroll"
      onScroll={win.onScroll}
    >
      <div role="list" aria-labelledby={props.labelledBy} className="lib-spacer" style={{ height: win.totalHeight }}>
        {items}
      </div>
    </div>
  );
}
