import { powerMonitor } from 'electron';
import { startIdleLock, type KluisService } from '../core/api';

/**
 * Locks after the vault's auto-lock delay without input (the OS's idle time), on suspend and
 * on screen lock: a laptop left on a school desk drops its keys (R9).
 */
export function startAutoLock(service: KluisService): () => void {
  const onSuspend = () => void service.lock('suspend');
  const onScreenLock = () => void service.lock('screen-lock');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('lock-screen', onScreenLock);
  const stopIdle = startIdleLock(service, () => powerMonitor.getSystemIdleTime());
  return () => {
    stopIdle();
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('lock-screen', onScreenLock);
  };
}
