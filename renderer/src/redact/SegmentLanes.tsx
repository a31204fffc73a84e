import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from '../player/time';
import type { Plan } from './geometry';

type Bar = { start: number; end: number; kind: 'cut' | 'mute' | 'bleep' | 'black' | 'blur' };
const LANES = ['cuts', 'audio', 'frames'] as const;

/**
 * Cuts, sound (mute/bleep) and whole-frame effects as bars on one time scale with the track
 * timelines (LosslessCut's segment lanes); a bar seeks the player to its start.
 */
export function SegmentLanes({ plan, duration, time, onSeek }: { plan: Pick<Plan, 'cuts' | 'audio' | 'frames'>; duration: number; time: number; onSeek: (t: number) => void }) {
  const { t } = useTranslation();
  const bars: Record<(typeof LANES)[number], Bar[]> = {
    cuts: plan.cuts.map((c) => ({ ...c, kind: 'cut' })),
    audio: plan.audio.map((a) => ({ start: a.start, end: a.end, kind: a.effect })),
    frames: plan.frames.map((f) => ({ start: f.start, end: f.end, kind: f.effect })),
  };
  // Before the video reports its duration, the segments themselves set the scale.
  const span = duration > 0 ? duration : Math.max(1, ...LANES.flatMap((l) => bars[l].map((b) => b.end)));
  const at = (s: number) => `${Math.min(100, Math.max(0, (s / span) * 100))}%`;
  return (
    <div className="redact-lanes" role="group" aria-label={t('redact.lanes.title')}>
      {LANES.map((lane) => (
        <Lane key={lane} name={t(`redact.lanes.${lane}`)} bars={bars[lane]} at={at} now={time} onSeek={onSeek} />
      ))}
    </div>
  );
}

function Lane({ name, bars, at, now, onSeek }: { name: string; bars: Bar[]; at: (s: number) => string; now: number; onSeek: (t: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="redact-lane-row">
      <span id={id} className="redact-lane-label small">
        {name}
      </span>
      <div className="redact-timeline redact-lane" role="group" aria-labelledby={id}>
        {bars.map((b, i) => {
          const label = t('redact.lanes.bar', { kind: t(`redact.kinds.${b.kind}`), start: clock(b.start, true), end: clock(b.end, true) });
          return (
            <button
              key={`${b.kind}${i}`}
              type="button"
              className={`redact-bar redact-bar-${b.kind}`}
              style={{ left: at(b.start), width: `calc(${at(b.end)} - ${at(b.start)})` }}
              aria-label={label}
              title={label}
              onClick={() => onSeek(b.start)}
            />
          );
        })}
        <span className="redact-now" style={{ left: at(now) }} aria-hidden="true" />
      </div>
    </div>
  );
}
