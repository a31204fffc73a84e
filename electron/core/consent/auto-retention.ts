import type { Vault } from '../vault';
import { appendAudit } from '../audit';
import { runRetention, type RetentionRun } from './retention';

export const DAY_MS = 86_400_000;

export type RetentionTrigger = 'unlock' | 'daily';

export interface AutoRetentionRun extends RetentionRun {
  trigger: RetentionTrigger;
}

export interface AutoRetention {
  /** stops the timer and waits for a run in progress (before the vault locks) */
  stop(): Promise<void>;
  /** the run at start, for callers that must wait for it (tests) */
  readonly first: Promise<AutoRetentionRun | null>;
}

/**
 * Retention without being asked (H7: "set automatic deletion"; R7): once when the vault is
 * unlocked and then every `intervalMs` while it stays open. Each run deletes what is past its
 * deadline at `now()`; a run that deleted something is reported through `onRun` (so the user is
 * told what went and why) and summarised in the audit log next to the per-recording entries.
 */
export function startAutoRetention(vault: Vault, opts: { now: () => Date; intervalMs?: number; onRun: (run: AutoRetentionRun) => void }): AutoRetention {
  let running: Promise<AutoRetentionRun | null> = Promise.resolve(null);
  let stopped = false;
  const run = (trigger: RetentionTrigger): Promise<AutoRetentionRun | null> => {
    // Runs never overlap: a slow one (many recordings) delays the next tick instead of racing it.
    running = running.then(async () => {
      if (stopped || !vault.isOpen) return null;
      const now = opts.now();
      try {
        const r = { ...(await runRetention(vault, { now, confirm: true })), trigger };
        if (r.deleted.length > 0) {
          appendAudit(vault, { action: 'retention.autoRun', detail: { trigger, deleted: r.deleted.length, due: r.due.length } }, now);
          opts.onRun(r);
        }
        return r;
      } catch (e) {
        // Retention failing must not break the unlock; the next tick tries again.
        console.error('kluis: automatic retention failed', e);
        return null;
      }
    });
    return running;
  };
  const first = run('unlock');
  const timer = setInterval(() => void run('daily'), opts.intervalMs ?? DAY_MS);
  timer.unref?.();
  return {
    first,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
