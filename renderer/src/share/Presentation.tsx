import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { usePlaybackTicket } from '../player/usePlaybackTicket';
import { usePlayingSignal } from '../player/usePlayingSignal';
import { SHARE_ERRORS, type Received } from './types';

/**
 * A videotoets shown to an assessor: full screen, one clip at a time, pseudonyms only (the
 * sender's titles may hold names), nothing of the library behind it. Leaving locks the vault, so a
 * classroom laptop left alone afterwards shows only the unlock screen.
 */
export function Presentation({ pkg }: { pkg: Received }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState(0);
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const clips = pkg.clips;
  const clip = clips[at]!;
  const persons = pkg.manifest.clips[clip.position]?.persons.map((p) => p.pseudonym) ?? [];

  const leave = useCallback(async () => {
    setLeaving(true);
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    try {
      // The vault.locked event brings the unlock screen; nothing of this package stays on screen.
      await api.call('vault.lock', {});
    } catch (e) {
      setError(e);
      setLeaving(false);
    }
  }, []);

  useFullscreenPresentation(box, leave);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    const go = (to: number) => setAt(Math.max(0, Math.min(clips.length - 1, to)));
    const keys: Record<string, () => void> = {
      ' ': () => go(at + 1),
      ArrowRight: () => go(at + 1),
      PageDown: () => go(at + 1),
      ArrowLeft: () => go(at - 1),
      PageUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(clips.length - 1),
      Escape: () => void leave(),
    };
    const act = keys[e.key];
    if (!act || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    act();
  }

  return createPortal(
    <div ref={box} className="presentation" role="dialog" aria-modal="true" aria-label={t('share.present.label')} tabIndex={-1} onKeyDown={onKeyDown} data-testid="presentation">
      <p className="presentation-bar">
        <span aria-live="polite">{t('share.present.position', { n: at + 1, count: clips.length })}</span>
        {persons.length > 0 && <span> · {t('share.present.persons', { list: persons.join(', ') })}</span>}
      </p>
      <PresentedClip key={clip.id} clipId={clip.id} label={t('share.present.position', { n: at + 1, count: clips.length })} />
      <ErrorAlert error={error} overrides={SHARE_ERRORS} />
      <p className="presentation-keys">
        {t('share.present.keys')}{' '}
        <button type="button" onClick={() => void leave()} disabled={leaving}>
          {t('share.present.leave')}
        </button>
      </p>
    </div>,
    document.body,
  );
}

/**
 * Fullscreen on the presentation's own container, the app behind it inert. Leaving fullscreen
 * (Esc in fullscreen never reaches the page) counts as leaving the presentation.
 */
function useFullscreenPresentation(box: React.RefObject<HTMLDivElement | null>, leave: () => Promise<void>): void {
  useEffect(() => {
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    const el = box.current;
    el?.focus();
    let wasFull = false;
    const onChange = () => {
      if (document.fullscreenElement === el) wasFull = true;
      else if (wasFull) void leave();
    };
    document.addEventListener('fullscreenchange', onChange);
    void el?.requestFullscreen?.().catch(() => undefined);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      root?.removeAttribute('inert');
    };
  }, [box, leave]);
}

function PresentedClip({ clipId, label }: { clipId: string; label: string }) {
  const { src, error } = usePlaybackTicket(clipId);
  const video = useRef<HTMLVideoElement>(null);
  usePlayingSignal(video, src);
  return (
    <>
      <ErrorAlert error={error} overrides={SHARE_ERRORS} />
      {/* no controls: the keys step through the clips; a click pauses or plays */}
      <video ref={video} className="presentation-video" src={src ?? undefined} autoPlay playsInline aria-label={label} onClick={(e) => void (e.currentTarget.paused ? e.currentTarget.play().catch(() => undefined) : e.currentTarget.pause())} />
    </>
  );
}
