import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScrubPreview, useSpriteUrl, type SpriteGrid } from './ScrubPreview';
import { PositionSlider, TimeReadout, TransportButtons } from './TransportControls';
import { usePlaybackTicket } from './usePlaybackTicket';
import { usePlayingSignal } from './usePlayingSignal';
import { useVideoTransport } from './useVideoTransport';

const SPEEDS = [0.25, 0.5, 1, 1.5, 2] as const;
/** Used for frame steps when the probe has no frame rate yet. */

/**
 * A <video> with our own controls, so every control is labelled in the user's language and
 * works from the keyboard. Each player holds its own ticket, so two can play side by side.
 */
export function Player({ recordingId, title, fps, sprite }: { recordingId: string; title: string; fps?: number | null; sprite?: SpriteGrid | null }) {
  const { t } = useTranslation();
  const { src, error } = usePlaybackTicket(recordingId);
  const { video, time, setTime, seek, toggle, step } = useVideoTransport(fps);
  usePlayingSignal(video, src);
  const box = useRef<HTMLDivElement>(null);
  const [playing, setPlaying] = useState(false);
  const [duration, setDuration] = useState(0);
  const [volume, setVolume] = useState(1);
  const [muted, setMuted] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [failed, setFailed] = useState(false);
  const speedId = useId();
  const spriteUrl = useSpriteUrl(recordingId, sprite);
  // Where the pointer hovers over the position slider: time and x offset for the preview tile.
  const [hover, setHover] = useState<{ at: number; x: number } | null>(null);

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void box.current?.requestFullscreen().catch(() => undefined);
  };

  useEffect(() => {
    const v = video.current;
    if (v) v.playbackRate = speed;
  }, [speed, src]);

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    v.volume = volume;
    v.muted = muted;
  }, [volume, muted, src]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    // Selects and buttons keep their own keys (Space presses a focused button).
    if (target.tagName === 'SELECT' || (target.tagName === 'BUTTON' && (e.key === ' ' || e.key === 'Enter'))) return;
    const v = video.current;
    if (!v) return;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => seek(v.currentTime - 5),
      ArrowRight: () => seek(v.currentTime + 5),
      j: () => seek(v.currentTime - 10),
      l: () => seek(v.currentTime + 10),
      k: toggle,
      ' ': toggle,
      ',': () => step(-1),
      '.': () => step(1),
      Home: () => seek(0),
      End: () => seek(v.duration),
      m: () => setMuted((m) => !m),
      f: fullscreen,
    };
    const action = keys[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (!action || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    action();
  }

  return (
    <div className="player" ref={box} role="group" aria-label={t('player.label', { title })} onKeyDown={onKeyDown}>
      {/* NOT_PLAYABLE: the media side refused and the library row says why; NOT_FOUND: no file to play. */}
      <ErrorAlert error={error} overrides={{ NOT_PLAYABLE: 'player.notPlayable', NOT_FOUND: 'player.noFile' }} />
      {failed && (
        <p role="alert" className="alert">
          {t('player.cannotPlay')}
        </p>
      )}
      <video
        ref={video}
        src={src ?? undefined}
        preload="auto"
        playsInline
        aria-label={title}
        onClick={toggle}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onSeeked={(e) => setTime(e.currentTarget.currentTime)}
        onDurationChange={(e) => setDuration(Number.isFinite(e.currentTarget.duration) ? e.currentTarget.duration : 0)}
        onError={() => src && setFailed(true)}
      />
      <div className="player-controls">
        <TransportButtons playing={playing} toggle={toggle} step={step} disabled={!src} />
        <span className="player-seek-wrap">
          {hover && spriteUrl && sprite && <ScrubPreview url={spriteUrl} grid={sprite} at={hover.at} x={hover.x} />}
          <PositionSlider
            time={time}
            duration={duration}
            seek={seek}
            onPointerMove={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              const ratio = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
              setHover({ at: ratio * duration, x: e.clientX - r.left });
            }}
            onPointerLeave={() => setHover(null)}
            disabled={!src}
          />
        </span>
        <TimeReadout time={time} duration={duration} />
        <label htmlFor={speedId} className="visually-hidden">
          {t('player.speed')}
        </label>
        <select id={speedId} value={speed} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        <button type="button" aria-pressed={muted} onClick={() => setMuted((m) => !m)}>
          {t('player.mute')}
        </button>
        <input
          type="range"
          className="player-volume"
          min={0}
          max={1}
          step={0.05}
          value={muted ? 0 : volume}
          aria-label={t('player.volume')}
          onChange={(e) => {
            setVolume(Number(e.currentTarget.value));
            setMuted(false);
          }}
        />
        <button type="button" onClick={fullscreen} disabled={!src}>
          {t('player.fullscreen')}
        </button>
      </div>
    </div>
  );
}
