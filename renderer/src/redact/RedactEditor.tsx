import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { toKluisError } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { ProgressBar } from '../components/ProgressBar';
import { Player } from '../player/Player';
import { clock } from '../player/time';
import { PositionSlider, TimeReadout, TransportButtons } from '../player/TransportControls';
import { usePlaybackTicket } from '../player/usePlaybackTicket';
import { useVideoTransport } from '../player/useVideoTransport';
import { emptyPlan, interpolate, newTrackId, withKeyframe, type Box, type Plan, type Track } from './geometry';
import { Overlay } from './Overlay';
import { PreviewPanel } from './PreviewPanel';
import { SegmentLanes } from './SegmentLanes';
import { Shortcuts } from './Shortcuts';
import { TrackList } from './TrackList';
import { useHistory } from './useHistory';
import { usePeople } from './usePeople';
import './redact.css';

type Person = Output<'persons.list'>[number];
type Rendered = Output<'redact.render'>;
const SEGMENT_KINDS = ['cut', 'mute', 'bleep', 'black', 'blur', 'hold', 'hide'] as const;
type SegmentKind = (typeof SEGMENT_KINDS)[number];

/**
 * The redaction editor of one recording: boxes over the video with keyframes, the track list,
 * cut and mute segments, undo/redo, save (a new plan version) and render into a derived recording.
 */
export function RedactEditor({ recordingId, title, fps, onClose }: { recordingId: string; title: string; fps?: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { src, error: ticketError } = usePlaybackTicket(recordingId);
  const { video, time, setTime, frame, seek, toggle, step } = useVideoTransport(fps);
  const heading = useRef<HTMLHeadingElement>(null);
  const history = useHistory<Plan>(emptyPlan());
  const plan = history.value;
  const [loaded, setLoaded] = useState(false);
  const [savedPlan, setSavedPlan] = useState<Plan | null>(null);
  const [version, setVersion] = useState(0);
  const [persons, setPersons] = useState<Person[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [duration, setDuration] = useState(0);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [playing, setPlaying] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [selectedKey, setSelectedKey] = useState<number | null>(null);
  const [preview, setPreview] = useState(true);
  const [segKind, setSegKind] = useState<SegmentKind>('cut');
  const [markIn, setMarkIn] = useState<number | null>(null);
  const [busy, setBusy] = useState<'save' | 'render' | 'detect' | null>(null);
  const [found, setFound] = useState<number | null>(null);
  const [keysOpen, setKeysOpen] = useState(false);
  const { people, error: peopleError } = usePeople(recordingId);
  const [progress, setProgress] = useState<{ phase: string; fraction: number } | null>(null);
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [cancelled, setCancelled] = useState<'render' | 'detect' | null>(null);
  const [playResult, setPlayResult] = useState(false);
  const dirty = loaded && plan !== savedPlan;

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let gone = false;
    Promise.all([api.call('redact.planGet', { id: recordingId }), api.call('persons.list', {})]).then(
      ([stored, ps]) => {
        if (gone) return;
        history.reset(stored.plan);
        setSavedPlan(stored.plan);
        setVersion(stored.version);
        setPersons(ps);
        setLoaded(true);
      },
      (e: unknown) => !gone && setError(e),
    );
    return () => {
      gone = true;
    };
    // history.reset is stable.
  }, [recordingId, history.reset]);

  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'redact.progress' && e.progress.recordingId === recordingId) setProgress({ phase: e.progress.phase, fraction: e.progress.fraction });
      }),
    [recordingId],
  );

  const now = () => video.current?.currentTime ?? time;

  function updateTrack(track: Track) {
    history.set((p) => ({ ...p, tracks: p.tracks.map((x) => (x.id === track.id ? track : x)) }));
  }

  function draw(box: Box) {
    const at = Math.round(now() * 1000) / 1000;
    const tid = newTrackId(plan);
    const track: Track = { id: tid, label: '', personId: null, shape: 'box', style: 'pixelate', origin: 'manual', decision: 'redact', keyframes: [{ t: at, ...box }], hold: [], hide: [] };
    history.set((p) => ({ ...p, tracks: [...p.tracks, track] }));
    setSelected(tid);
    setSelectedKey(0);
  }

  function addCentredBox() {
    if (!size) return;
    const w = Math.max(8, Math.round(size.w / 4));
    const h = Math.max(8, Math.round(size.h / 4));
    draw({ x: Math.round((size.w - w) / 2), y: Math.round((size.h - h) / 2), w, h });
  }

  function setBox(trackId: string, box: Box) {
    const at = now();
    history.set((p) => ({ ...p, tracks: p.tracks.map((x) => (x.id === trackId ? withKeyframe(x, at, box, frame / 2) : x)) }));
    setSelected(trackId);
    setSelectedKey(null);
  }

  function removeKey(trackId: string, index: number) {
    history.set((p) => ({
      ...p,
      // A track keeps at least one keyframe; remove the track itself to get rid of it.
      tracks: p.tracks.map((x) => (x.id === trackId && x.keyframes.length > 1 ? { ...x, keyframes: x.keyframes.filter((_, i) => i !== index) } : x)),
    }));
    setSelectedKey(null);
  }

  function removeTrack(trackId: string) {
    history.set((p) => ({ ...p, tracks: p.tracks.filter((x) => x.id !== trackId) }));
    if (selected === trackId) setSelected(null);
  }

  function setIn() {
    setMarkIn(Math.round(now() * 1000) / 1000);
  }

  function setOut() {
    const out = Math.round(now() * 1000) / 1000;
    if (markIn === null || out <= markIn) return;
    const range = { start: markIn, end: out };
    const kind = segKind;
    if (kind === 'hold' || kind === 'hide') {
      // Hold and hide belong to a track: the selected one.
      if (!selected) return;
      history.set((p) => ({ ...p, tracks: p.tracks.map((x) => (x.id === selected ? { ...x, [kind]: [...x[kind], range] } : x)) }));
      setMarkIn(null);
      return;
    }
    history.set((p) => {
      if (kind === 'cut') return { ...p, cuts: [...p.cuts, range] };
      if (kind === 'mute' || kind === 'bleep') return { ...p, audio: [...p.audio, { ...range, effect: kind }] };
      return { ...p, frames: [...p.frames, { ...range, effect: kind }] };
    });
    setMarkIn(null);
  }

  async function save(): Promise<number | null> {
    setBusy('save');
    setError(null);
    try {
      const stored = await api.call('redact.planSave', { id: recordingId, plan });
      setSavedPlan(plan);
      setVersion(stored.version);
      return stored.version;
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function render() {
    const v = dirty || version === 0 ? await save() : version;
    if (v === null) return;
    setBusy('render');
    setError(null);
    setCancelled(null);
    setRendered(null);
    setPlayResult(false);
    setProgress({ phase: 'render', fraction: 0 });
    try {
      setRendered(await api.call('redact.render', { id: recordingId, version: v }));
      // A cancel that came too late: the render finished and was kept.
      setCancelled(null);
    } catch (e) {
      const code = toKluisError(e).code;
      if (code === 'CANCELLED' || code === 'ABORTED') setCancelled('render');
      else setError(e);
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  /** Detection builds on the saved plan, so unsaved edits are saved first; its proposals come back as a new version. */
  async function detect() {
    if (dirty && (await save()) === null) return;
    setBusy('detect');
    setError(null);
    setCancelled(null);
    setFound(null);
    setProgress({ phase: 'detect', fraction: 0 });
    try {
      const r = await api.call('redact.detect', { id: recordingId });
      history.set(r.plan.plan);
      setSavedPlan(r.plan.plan);
      setVersion(r.plan.version);
      setFound(r.found);
    } catch (e) {
      const code = toKluisError(e).code;
      if (code === 'CANCELLED' || code === 'ABORTED') setCancelled('detect');
      else setError(e);
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  function cancel() {
    setCancelled(busy === 'detect' ? 'detect' : 'render');
    void api.call('redact.cancel', { id: recordingId }).catch(setError);
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    const target = e.target as HTMLElement;
    // The result's player has keys of its own.
    if (target.closest('.player')) return;
    // Text fields keep every key (their own undo too); a checkbox keeps Space.
    const type = target.tagName === 'INPUT' ? (target as HTMLInputElement).type : null;
    const typing = type !== null && type !== 'range' && type !== 'checkbox';
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !typing && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) history.redo();
      else history.undo();
      return;
    }
    if (mod && !typing && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      history.redo();
      return;
    }
    if (typing || type === 'checkbox' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || e.altKey) return;
    if ((target.tagName === 'BUTTON' || target.tagName === 'SUMMARY') && (e.key === ' ' || e.key === 'Enter')) return;
    // The position slider moves with the arrows itself.
    if (type === 'range' && e.key.startsWith('Arrow')) return;
    const v = video.current;
    if (!v) return;
    // LosslessCut: arrows step a frame; with Ctrl (here also Shift) they jump a second.
    if (mod || e.shiftKey) {
      const jump: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1 };
      if (jump[e.key] === undefined || (mod && e.shiftKey)) {
        if (e.key === '?' && !mod) {
          e.preventDefault();
          setKeysOpen((o) => !o);
        }
        return;
      }
      e.preventDefault();
      seek(v.currentTime + jump[e.key]!);
      return;
    }
    const keys: Record<string, () => void> = {
      ArrowLeft: () => step(-1),
      ArrowRight: () => step(1),
      k: toggle,
      ' ': toggle,
      ',': () => step(-1),
      '.': () => step(1),
      Home: () => seek(0),
      End: () => seek(v.duration),
      i: setIn,
      o: setOut,
      Delete: () => selected && selectedKey !== null && removeKey(selected, selectedKey),
      Backspace: () => selected && selectedKey !== null && removeKey(selected, selectedKey),
      b: addCentredBox,
      '?': () => setKeysOpen((o) => !o),
    };
    const action = keys[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (!action) return;
    e.preventDefault();
    action();
  }

  const selTrack = plan.tracks.find((x) => x.id === selected) ?? null;
  const trackKind = segKind === 'hold' || segKind === 'hide';
  const undecided = plan.tracks.filter((x) => x.decision === 'undecided').length;
  const resultTitle = t('redact.resultTitle', { title });

  return (
    <section className="redact-editor" aria-labelledby={`${id}-h`} onKeyDown={onKeyDown}>
      <div className="title-row">
        <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {t('redact.heading', { title })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('redact.close')}
        </button>
      </div>
      <ErrorAlert error={ticketError} overrides={{ NOT_PLAYABLE: 'player.notPlayable', NOT_FOUND: 'player.noFile' }} />
      <p className="muted small">{t('redact.help')}</p>
      <Shortcuts open={keysOpen} onToggle={setKeysOpen} />
      <div className="redact-stage">
        <video
          ref={video}
          src={src ?? undefined}
          preload="auto"
          playsInline
          aria-label={title}
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
          onSeeked={(e) => setTime(e.currentTarget.currentTime)}
          onLoadedMetadata={(e) => setSize({ w: e.currentTarget.videoWidth, h: e.currentTarget.videoHeight })}
          onDurationChange={(e) => setDuration(Number.isFinite(e.currentTarget.duration) ? e.currentTarget.duration : 0)}
        />
        {size && loaded && (
          <Overlay
            plan={plan}
            time={time}
            frameW={size.w}
            frameH={size.h}
            selected={selected}
            preview={preview}
            onSelect={(tid) => setSelected(tid)}
            onDraw={draw}
            onBox={setBox}
          />
        )}
      </div>
      <div className="player-controls" role="group" aria-label={t('redact.controls')}>
        <TransportButtons playing={playing} toggle={toggle} step={step} disabled={!src} />
        <PositionSlider time={time} duration={duration} seek={seek} disabled={!src} />
        <TimeReadout time={time} duration={duration} />
        <label>
          <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.currentTarget.checked)} /> {t('redact.preview')}
        </label>
      </div>
      {loaded && <SegmentLanes plan={plan} duration={duration} time={time} onSeek={seek} />}
      <div className="redact-actions" role="group" aria-label={t('redact.editing')}>
        <button type="button" onClick={addCentredBox} disabled={!size || !loaded} aria-keyshortcuts="B">
          {t('redact.addBox')}
        </button>
        <button type="button" onClick={history.undo} disabled={!history.canUndo} aria-keyshortcuts="Control+Z">
          {t('redact.undo')}
        </button>
        <button type="button" onClick={history.redo} disabled={!history.canRedo} aria-keyshortcuts="Control+Shift+Z">
          {t('redact.redo')}
        </button>
        {selTrack && selectedKey !== null && (
          <button type="button" onClick={() => removeKey(selTrack.id, selectedKey)} aria-keyshortcuts="Delete">
            {t('redact.removeKeyframe')}
          </button>
        )}
        {selTrack && <span className="muted small">{t('redact.boxAt', { ...roundBox(interpolate(selTrack.keyframes, time)) })}</span>}
      </div>

      <h3 id={`${id}-tracks`}>{t('redact.tracks')}</h3>
      <div className="redact-actions" role="group" aria-label={t('redact.detect.group')}>
        <button type="button" onClick={() => void detect()} disabled={!loaded || busy !== null}>
          {t('redact.detect.run')}
        </button>
        {busy === 'detect' && (
          <button type="button" onClick={cancel}>
            {t('redact.detect.cancel')}
          </button>
        )}
        <span className="muted small">{t('redact.detect.help')}</span>
      </div>
      {busy === 'detect' && progress && <ProgressBar labelledBy={`${id}-tracks`} fraction={progress.fraction} detail={t('redact.phases.detect')} />}
      {found !== null && busy === null && (
        <p role="status" className="notice">
          {t('redact.detect.found', { count: found })}
        </p>
      )}
      <ErrorAlert error={peopleError} />
      {undecided > 0 && (
        <p className="redact-undecided" role="status">
          {t('redact.undecidedCount', { count: undecided })} {t('redact.shareBlocked')}
        </p>
      )}
      <TrackList
        tracks={plan.tracks}
        persons={persons}
        people={people}
        duration={duration}
        time={time}
        selected={selected}
        selectedKey={selectedKey}
        onSelect={(tid, k) => {
          setSelected(tid);
          setSelectedKey(k);
        }}
        onSeek={seek}
        onChange={updateTrack}
        onRemove={removeTrack}
        onRemoveKey={removeKey}
      />

      <h3>{t('redact.segments')}</h3>
      <div className="redact-actions" role="group" aria-label={t('redact.segments')}>
        <label htmlFor={`${id}-kind`}>{t('redact.segmentKind')}</label>
        <select id={`${id}-kind`} value={segKind} onChange={(e) => setSegKind(e.currentTarget.value as SegmentKind)}>
          {SEGMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`redact.kinds.${k}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={setIn} aria-keyshortcuts="I">
          {t('redact.setIn')}
        </button>
        <button type="button" onClick={setOut} disabled={markIn === null || (trackKind && !selTrack)} aria-keyshortcuts="O">
          {t('redact.setOut')}
        </button>
        {markIn !== null && <span className="mono small">{t('redact.inAt', { time: clock(markIn, true) })}</span>}
        {trackKind && <span className="muted small">{selTrack ? t('redact.forTrack', { label: selTrack.label || selTrack.id }) : t('redact.selectTrackFirst')}</span>}
      </div>
      {plan.cuts.length + plan.audio.length + plan.frames.length === 0 ? (
        <p className="muted">{t('redact.noSegments')}</p>
      ) : (
        <ul className="redact-segments" aria-label={t('redact.segmentList')}>
          {plan.cuts.map((c, i) => (
            <li key={`c${i}`}>
              {t('redact.kinds.cut')} <span className="mono">{clock(c.start, true)} – {clock(c.end, true)}</span>{' '}
              <button type="button" onClick={() => seek(c.start)} aria-label={t('redact.goTo', { time: clock(c.start, true) })}>
                {t('redact.go')}
              </button>{' '}
              <button type="button" onClick={() => history.set((p) => ({ ...p, cuts: p.cuts.filter((_, j) => j !== i) }))} aria-label={t('redact.removeSegment', { kind: t('redact.kinds.cut'), time: clock(c.start, true) })}>
                {t('redact.remove')}
              </button>
            </li>
          ))}
          {plan.audio.map((a, i) => (
            <li key={`a${i}`}>
              {t(`redact.kinds.${a.effect}`)} <span className="mono">{clock(a.start, true)} – {clock(a.end, true)}</span>{' '}
              <button type="button" onClick={() => seek(a.start)} aria-label={t('redact.goTo', { time: clock(a.start, true) })}>
                {t('redact.go')}
              </button>{' '}
              <button type="button" onClick={() => history.set((p) => ({ ...p, audio: p.audio.filter((_, j) => j !== i) }))} aria-label={t('redact.removeSegment', { kind: t(`redact.kinds.${a.effect}`), time: clock(a.start, true) })}>
                {t('redact.remove')}
              </button>
            </li>
          ))}
          {plan.frames.map((f, i) => (
            <li key={`f${i}`}>
              {t(`redact.kinds.${f.effect}`)} <span className="mono">{clock(f.start, true)} – {clock(f.end, true)}</span>{' '}
              <button type="button" onClick={() => seek(f.start)} aria-label={t('redact.goTo', { time: clock(f.start, true) })}>
                {t('redact.go')}
              </button>{' '}
              <button type="button" onClick={() => history.set((p) => ({ ...p, frames: p.frames.filter((_, j) => j !== i) }))} aria-label={t('redact.removeSegment', { kind: t(`redact.kinds.${f.effect}`), time: clock(f.start, true) })}>
                {t('redact.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}

      {loaded && <PreviewPanel recordingId={recordingId} title={title} plan={plan} fps={fps} from={now} duration={duration} />}

      <h3 id={`${id}-render`}>{t('redact.saveAndRender')}</h3>
      <ErrorAlert error={error} />
      <div className="redact-actions">
        <button type="button" onClick={() => void save()} disabled={!loaded || busy !== null || !dirty}>
          {busy === 'save' ? t('redact.saving') : t('redact.save')}
        </button>
        <span role="status" className="small">
          {version > 0 ? t('redact.version', { version }) : t('redact.notSaved')}
          {dirty ? ` · ${t('redact.unsaved')}` : ''}
        </span>
        <button type="button" onClick={() => void render()} disabled={!loaded || busy !== null || plan.tracks.length + plan.cuts.length + plan.audio.length + plan.frames.length === 0}>
          {t('redact.render')}
        </button>
        {busy === 'render' && (
          <button type="button" onClick={cancel}>
            {t('redact.cancel')}
          </button>
        )}
      </div>
      {busy === 'render' && progress && <ProgressBar labelledBy={`${id}-render`} fraction={progress.fraction} detail={t(`redact.phases.${progress.phase}`)} />}
      {busy === 'render' && progress && (
        <p className="small" role="status">
          {t(`redact.phases.${progress.phase}`)}
        </p>
      )}
      {cancelled && busy === null && (
        <p role="status" className="notice">
          {t(cancelled === 'detect' ? 'redact.detect.cancelled' : 'redact.cancelled')}
        </p>
      )}
      {rendered && (
        <div className="notice" role="status">
          <p>{t('redact.rendered', { version: rendered.planVersion })}</p>
          <button type="button" onClick={() => setPlayResult(true)} disabled={playResult}>
            {t('redact.playResult')}
          </button>
        </div>
      )}
      {rendered && playResult && <Player key={rendered.recordingId} recordingId={rendered.recordingId} title={resultTitle} fps={fps} />}
    </section>
  );
}

function roundBox(b: Box) {
  return { x: Math.round(b.x), y: Math.round(b.y), w: Math.round(b.w), h: Math.round(b.h) };
}
