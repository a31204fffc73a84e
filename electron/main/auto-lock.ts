import { powerMonitor } from 'electron';
import type { KluisService } from '../core/api';

const IDLE_LIMIT_S = 5 * 60;
const POLL_MS = 15_000;

/** Locks after inactivity, on suspend and on screen lock: a laptop left on a school desk drops its keys. */
export function startAutoLock(service: KluisService, idleLimitS = IDLE_LIMIT_S): () => void {
  const onSuspend = () => void service.lock('suspend');
  const onScreenLock = () => void service.lock('screen-lock');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('lock-screen', onScreenLock);
  const timer = setInterval(() => {
    if (powerMonitor.getSystemIdleTime() >= idleLimitS) void service.lock('idle');
  }, POLL_MS);
  return () => {
    clearInterval(timer);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('lock-screen', onScreenLock);
  };
}
