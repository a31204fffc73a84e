import { useEffect, type RefObject } from 'react';
import { api } from '../api/client';

/** Below the shortest auto-lock delay (1 minute), so a long clip never outlasts the signal. */
const EVERY_MS = 30_000;

/**
 * Tells the app that this video plays, when it starts and every 30 s while it goes on: the idle
 * lock counts that as activity (media.playing), so a videotoets shown in class does not lock
 * mid-clip (R9, R12). Paused, ended or gone, it says so and the usual delay runs again.
 */
export function usePlayingSignal(video: RefObject<HTMLVideoElement | null>, src: string | null): void {
  useEffect(() => {
    const el = video.current;
    if (!el || !src) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const say = (playing: boolean) => void api.call('media.playing', { playing }).catch(() => undefined);
    const quiet = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const start = () => {
      quiet();
      say(true);
      timer = setInterval(() => say(true), EVERY_MS);
    };
    const stop = () => {
      if (timer !== undefined) say(false);
      quiet();
    };
    el.addEventListener('playing', start);
    el.addEventListener('pause', stop);
    el.addEventListener('ended', stop);
    if (!el.paused && !el.ended) start();
    return () => {
      stop();
      el.removeEventListener('playing', start);
      el.removeEventListener('pause', stop);
      el.removeEventListener('ended', stop);
    };
  }, [video, src]);
}
