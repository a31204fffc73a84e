import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportForm } from './ExportForm';
import { moveItem, playlistProblem } from './playlist';
import type { PlaylistItem } from './types';

/** Seconds typed in a field: empty means "not set" (the start, or the end of the recording). */
function seconds(v: string): number | undefined {
  return v.trim() === '' ? undefined : Number(v);
}

/**
 * A videotoets: recordings (each as a whole or between an in and an out point) in the order the
 * assessor will see them, then exported as one package for the classroom laptop (R12).
 * Order changes with the buttons or Alt+Arrow keys on an item.
 */
export function PlaylistBuilder({ onDone, onClose }: { onDone: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [recordings, setRecordings] = useState<{ id: string; label: string }[]>([]);
  const [choice, setChoice] = useState('');
  const [items, setItems] = useState<PlaylistItem[]>([]);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = useRef(0);

  useEffect(() => {
    heading.current?.focus();
    api.call('recordings.list', {}).then((r) => {
      setRecordings(r.recordings.map((x) => ({ id: x.id, label: x.label })));
      setChoice(r.recordings[0]?.id ?? '');
    }, setError);
  }, []);

  function add(): void {
    const rec = recordings.find((r) => r.id === choice);
    if (rec) setItems([...items, { key: `p${next.current++}`, recordingId: rec.id, label: rec.label }]);
  }

  function update(key: string, patch: Partial<PlaylistItem>): void {
    setItems(items.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  }

  // The moved item keeps the focus, so a keyboard user can move it several places in a row.
  function move(from: number, by: -1 | 1, part: string): void {
    const to = from + by;
    if (to < 0 || to >= items.length) return;
    setItems(moveItem(items, from, to));
    requestAnimationFrame(() => {
      const row = list.current?.children[to];
      // a move button disabled at the top or bottom hands the focus to its twin
      const el = [part, part === 'up' ? 'down' : part === 'down' ? 'up' : 'in'].map((p) => row?.querySelector<HTMLElement>(`[data-part="${p}"]:not([disabled])`)).find(Boolean);
      el?.focus();
    });
  }

  function onItemKey(e: KeyboardEvent<HTMLLIElement>, i: number): void {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(i, e.key === 'ArrowUp' ? -1 : 1, (e.target as HTMLElement).dataset.part ?? 'in');
  }

  const problem = playlistProblem(items);

  return (
    <section className="panel share-playlist" aria-labelledby={`${id}-h`}>
      <div className="title-row">
        <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {t('share.videotoets.heading')}
        </h2>
        <button type="button" onClick={onClose}>
          {t('share.videotoets.close')}
        </button>
      </div>
      <p className="muted">{t('share.videotoets.intro')}</p>
      <ErrorAlert error={error} />
      {!exporting && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-rec`}>{t('share.videotoets.recording')}</label>
            <select id={`${id}-rec`} value={choice} onChange={(e) => setChoice(e.target.value)}>
              {recordings.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={add} disabled={!choice}>
            {t('share.videotoets.add')}
          </button>
        </div>
      )}
      {items.length === 0 ? (
        <p className="muted">{t('share.videotoets.empty')}</p>
      ) : (
        <ol ref={list} className="share-playlist-items" aria-label={t('share.videotoets.list')} aria-describedby={`${id}-keys`}>
          {items.map((it, i) => (
            <li key={it.key} data-testid="playlist-item" onKeyDown={(e) => onItemKey(e, i)}>
              <PlaylistRow item={it} n={i + 1} count={items.length} locked={exporting} onChange={(p) => update(it.key, p)} onMove={(by, sel) => move(i, by, sel)} onRemove={() => setItems(items.filter((x) => x.key !== it.key))} />
            </li>
          ))}
        </ol>
      )}
      <p id={`${id}-keys`} className="note small">
        {t('share.videotoets.keys')}
      </p>
      {problem && items.length > 0 && (
        <p role="alert" className="alert">
          {t(`share.videotoets.problem.${problem.code}`, { n: problem.n })}
        </p>
      )}
      {exporting ? (
        <ExportForm initialIds={[]} playlist={items} onDone={onDone} onCancel={() => setExporting(false)} />
      ) : (
        <div className="actions">
          <button type="button" disabled={items.length === 0 || problem !== null} onClick={() => setExporting(true)}>
            {t('share.videotoets.toExport')}
          </button>
        </div>
      )}
    </section>
  );
}

function PlaylistRow({ item, n, count, locked, onChange, onMove, onRemove }: { item: PlaylistItem; n: number; count: number; locked: boolean; onChange: (p: Partial<PlaylistItem>) => void; onMove: (by: -1 | 1, part: string) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const name = { n, label: item.label };
  return (
    <div className="playlist-row">
      <span className="item-name">
        {n}. {item.label}
      </span>
      <div className="field">
        <label htmlFor={`${id}-in`}>{t('share.videotoets.in', name)}</label>
        <input id={`${id}-in`} data-part="in" type="number" min={0} step={0.1} inputMode="decimal" disabled={locked} value={item.inSec ?? ''} onChange={(e) => onChange({ inSec: seconds(e.target.value) })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-out`}>{t('share.videotoets.out', name)}</label>
        <input id={`${id}-out`} data-part="out" type="number" min={0} step={0.1} inputMode="decimal" disabled={locked} value={item.outSec ?? ''} onChange={(e) => onChange({ outSec: seconds(e.target.value) })} />
      </div>
      {!locked && (
        <div className="actions">
          <button type="button" data-part="up" disabled={n === 1} onClick={() => onMove(-1, 'up')} aria-label={t('share.videotoets.up', name)}>
            ↑
          </button>
          <button type="button" data-part="down" disabled={n === count} onClick={() => onMove(1, 'down')} aria-label={t('share.videotoets.down', name)}>
            ↓
          </button>
          <button type="button" data-part="remove" onClick={onRemove} aria-label={t('share.videotoets.remove', name)}>
            {t('share.videotoets.removeShort')}
          </button>
        </div>
      )}
    </div>
  );
}
