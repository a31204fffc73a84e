import { readSettings } from '../settings';
import type { KluisService } from './service';

/** How long the user has been away, in seconds: the OS's idle time in Electron, page activity in the test host. */
export type IdleSource = () => number;

/**
 * Locks the vault once the user has been idle for the vault's auto-lock delay (R9). One loop for
 * every shell, so the e2e tests exercise the same decision the desktop app makes. A playing video
 * is activity (media.playing): a videotoets shown in class has no input for minutes (R12). A
 * paused one is not, and a player that stops saying so (closed, crashed) stops counting within
 * its 30 s interval.
 */
export function startIdleLock(service: KluisService, idleSeconds: IdleSource, pollMs = 5_000): () => void {
  const check = (): void => {
    const vault = service.currentVault;
    if (!vault) return;
    let limit: number;
    try {
      limit = readSettings(vault).autoLockSeconds;
    } catch (e) {
      console.error('kluis: idle lock could not read the settings', e);
      limit = 0;
    }
    if (Math.min(idleSeconds(), service.secondsSincePlaying) >= limit) void service.lock('idle');
  };
  const timer = setInterval(check, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
