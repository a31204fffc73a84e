import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { clock } from '../player/time';
import type { Track } from './geometry';
import { TrackDecision } from './TrackDecision';
import type { PersonChoice } from './usePeople';

type Person = Output<'persons.list'>[number];
const STYLES = ['pixelate', 'solid', 'blur'] as const;
const SHAPES = ['box', 'ellipse'] as const;
const DECISIONS = ['undecided', 'redact', 'keep', 'not-a-person'] as const;

/** One row per track: label, style, person, decision, and a timeline with its keyframes. */
export function TrackList(props: {
  tracks: Track[];
  persons: Person[];
  people: PersonChoice[];
  duration: number;
  time: number;
  selected: string | null;
  selectedKey: number | null;
  onSelect: (trackId: string, key: number | null) => void;
  onSeek: (t: number) => void;
  onChange: (track: Track) => void;
  onRemove: (trackId: string) => void;
  onRemoveKey: (trackId: string, index: number) => void;
}) {
  const { t } = useTranslation();
  if (props.tracks.length === 0) return <p className="muted">{t('redact.noTracks')}</p>;
  return (
    <ul className="redact-tracks" aria-label={t('redact.tracks')}>
      {props.tracks.map((track) => (
        <TrackRow key={track.id} track={track} {...props} />
      ))}
    </ul>
  );
}

function TrackRow({ track, persons, people, duration, time, selected, selectedKey, onSelect, onSeek, onChange, onRemove, onRemoveKey }: Parameters<typeof TrackList>[0] & { track: Track }) {
  const { t } = useTranslation();
  const id = useId();
  const timeline = useRef<HTMLDivElement>(null);
  const decisionSelect = useRef<HTMLSelectElement>(null);
  const name = track.label || track.id;
  const isSel = selected === track.id;
  const span = duration > 0 ? duration : Math.max(1, track.keyframes[track.keyframes.length - 1]!.t);
  const at = (s: number) => `${Math.min(100, (s / span) * 100)}%`;
  const first = track.keyframes[0]!.t;
  const last = track.keyframes[track.keyframes.length - 1]!.t;
  return (
    <li className={`redact-track${isSel ? ' selected' : ''}${track.decision === 'undecided' ? ' undecided' : ''}`} aria-label={t('redact.trackLabel', { label: name })}>
      <div className="redact-track-fields">
        <button type="button" aria-pressed={isSel} onClick={() => onSelect(track.id, null)}>
          {isSel ? t('redact.selected') : t('redact.select')}
        </button>
        <label htmlFor={`${id}-label`} className="visually-hidden">
          {t('redact.label')}
        </label>
        <input id={`${id}-label`} value={track.label} maxLength={200} placeholder={track.id} onChange={(e) => onChange({ ...track, label: e.currentTarget.value })} />
        <label htmlFor={`${id}-style`}>{t('redact.style')}</label>
        <select id={`${id}-style`} value={track.style} onChange={(e) => onChange({ ...track, style: e.currentTarget.value as Track['style'] })}>
          {STYLES.map((s) => (
            <option key={s} value={s}>
              {t(`redact.styles.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-shape`}>{t('redact.shape')}</label>
        <select id={`${id}-shape`} value={track.shape} onChange={(e) => onChange({ ...track, shape: e.currentTarget.value as Track['shape'] })}>
          {SHAPES.map((s) => (
            <option key={s} value={s}>
              {t(`redact.shapes.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-person`}>{t('redact.person')}</label>
        <select id={`${id}-person`} value={track.personId ?? ''} onChange={(e) => onChange({ ...track, personId: e.currentTarget.value || null })}>
          <option value="">{t('redact.noPerson')}</option>
          {persons.map((p) => (
            <option key={p.id} value={p.id}>
              {p.pseudonym}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-decision`}>{t('redact.decision')}</label>
        <select id={`${id}-decision`} ref={decisionSelect} value={track.decision} onChange={(e) => onChange({ ...track, decision: e.currentTarget.value as Track['decision'] })}>
          {DECISIONS.filter((d) => d !== 'undecided' || track.decision === 'undecided').map((d) => (
            <option key={d} value={d}>
              {t(`redact.decisions.${d}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onRemove(track.id)} aria-label={t('redact.removeTrack', { label: name })}>
          {t('redact.remove')}
        </button>
      </div>
      {track.decision === 'undecided' && (
        <TrackDecision
          track={track}
          people={people}
          onDecide={(decided) => {
            onChange(decided);
            // The question goes away with the decision: focus stays in the row, on what was decided.
            decisionSelect.current?.focus();
          }}
        />
      )}
      <TrackRanges track={track} onSeek={onSeek} onChange={onChange} />
      {track.style === 'blur' && <p className="note">{t('redact.blurWarning')}</p>}
      <div ref={timeline} tabIndex={-1} className="redact-timeline" role="group" aria-label={t('redact.keyframes', { label: name })}>
        <span className="redact-span" style={{ left: at(first), width: `calc(${at(last)} - ${at(first)})` }} aria-hidden="true" />
        <span className="redact-now" style={{ left: at(time) }} aria-hidden="true" />
        {track.keyframes.map((k, i) => (
          <button
            key={`${k.t}`}
            type="button"
            className={`redact-diamond${isSel && selectedKey === i ? ' selected' : ''}`}
            style={{ left: at(k.t) }}
            aria-label={t('redact.keyframeAt', { time: clock(k.t, true) })}
            aria-pressed={isSel && selectedKey === i}
            onClick={() => {
              onSelect(track.id, i);
              onSeek(k.t);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Delete' && e.key !== 'Backspace') return;
              e.preventDefault();
              e.stopPropagation();
              onRemoveKey(track.id, i);
              // The diamond goes away: keep focus in the editor, so its keys (undo) still work.
              timeline.current?.focus();
            }}
          />
        ))}
      </div>
    </li>
  );
}

/** The track's hold and hide ranges (docs/redaction-plan.md), each removable. */
function TrackRanges({ track, onSeek, onChange }: { track: Track; onSeek: (t: number) => void; onChange: (track: Track) => void }) {
  const { t } = useTranslation();
  const name = track.label || track.id;
  const rows = [...track.hold.map((r, i) => ({ kind: 'hold' as const, r, i })), ...track.hide.map((r, i) => ({ kind: 'hide' as const, r, i }))];
  if (rows.length === 0) return null;
  const remove = (kind: 'hold' | 'hide', i: number) => onChange({ ...track, [kind]: track[kind].filter((_, j) => j !== i) });
  return (
    <ul className="redact-ranges" aria-label={t('redact.rangesOf', { label: name })}>
      {rows.map(({ kind, r, i }) => (
        <li key={`${kind}${i}`}>
          {t(`redact.kinds.${kind}`)} <span className="mono">{clock(r.start, true)} – {clock(r.end, true)}</span>{' '}
          <button type="button" onClick={() => onSeek(r.start)} aria-label={t('redact.goTo', { time: clock(r.start, true) })}>
            {t('redact.go')}
          </button>{' '}
          <button type="button" onClick={() => remove(kind, i)} aria-label={t('redact.removeSegment', { kind: t(`redact.kinds.${kind}`), time: clock(r.start, true) })}>
            {t('redact.remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
