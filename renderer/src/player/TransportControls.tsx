import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from './time';

/**
 * The controls every player of Kluis shares (the library's player and the redaction editor):
 * play/pause, a frame back and forward, the position slider and the time. Each caller adds its own.
 */
export function TransportButtons({ playing, toggle, step, disabled }: { playing: boolean; toggle: () => void; step: (dir: 1 | -1) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" onClick={toggle} disabled={disabled}>
        {playing ? t('player.pause') : t('player.play')}
      </button>
      <button type="button" onClick={() => step(-1)} disabled={disabled} aria-label={t('player.frameBack')}>
        ⏮︎
      </button>
      <button type="button" onClick={() => step(1)} disabled={disabled} aria-label={t('player.frameForward')}>
        ⏭︎
      </button>
    </>
  );
}

type SliderProps = { time: number; duration: number; seek: (t: number) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'min' | 'max'>;

export function PositionSlider({ time, duration, seek, ...rest }: SliderProps) {
  const { t } = useTranslation();
  return (
    <input
      type="range"
      className="player-seek"
      min={0}
      max={duration || 0}
      step="any"
      value={Math.min(time, duration || 0)}
      aria-label={t('player.position')}
      aria-valuetext={t('player.timeOf', { time: clock(time), duration: clock(duration) })}
      onChange={(e) => seek(Number(e.currentTarget.value))}
      {...rest}
    />
  );
}

export function TimeReadout({ time, duration }: { time: number; duration: number }) {
  return (
    <span className="player-time mono">
      {clock(time, true)} / {clock(duration)}
    </span>
  );
}
