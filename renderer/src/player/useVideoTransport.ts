import { useCallback, useRef, useState, type RefObject } from 'react';

/** Clips without a known frame rate step by this many frames per second. */
const FALLBACK_FPS = 25;

export interface VideoTransport {
  video: RefObject<HTMLVideoElement | null>;
  /** the position last set or seen, in seconds */
  time: number;
  setTime: (t: number) => void;
  /** one frame, in seconds */
  frame: number;
  seek: (to: number) => void;
  toggle: () => void;
  step: (dir: 1 | -1) => void;
}

/** Seek, play/pause and frame step on one <video>: the player and the redaction editor share them. */
export function useVideoTransport(fps: number | null | undefined): VideoTransport {
  const video = useRef<HTMLVideoElement>(null);
  const [time, setTime] = useState(0);
  const frame = 1 / (fps && fps > 0 ? fps : FALLBACK_FPS);

  const seek = useCallback((to: number) => {
    const v = video.current;
    if (!v) return;
    const end = Number.isFinite(v.duration) ? v.duration : to;
    v.currentTime = Math.min(Math.max(0, to), end);
    setTime(v.currentTime);
  }, []);

  const toggle = useCallback(() => {
    const v = video.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => undefined);
    else v.pause();
  }, []);

  const step = (dir: 1 | -1) => {
    const v = video.current;
    if (!v) return;
    v.pause();
    seek(v.currentTime + dir * frame);
  };

  return { video, time, setTime, frame, seek, toggle, step };
}
