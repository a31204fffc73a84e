import type { AuditEvent } from '../../audit';
import type { KdfChoice, Vault } from '../../vault';
import type { KluisEvent, Method, Output, ParsedInput } from '../contract';

export interface ServiceOptions {
  /** the vault folder this Kluis works on */
  vaultDir: string;
  /** Argon2id choice for vaults created here (tests may pick the RFC 9106 floor) */
  kdf?: KdfChoice;
  /** the clock background work judges by (automatic retention); tests pass a fixed one */
  clock?: () => Date;
  /** how often automatic retention runs while unlocked; a day unless a test wants it sooner */
  retentionIntervalMs?: number;
  /**
   * Automatic retention at unlock and daily (default on). The CLI turns it off: a one-shot
   * command must not delete on the side; `kluis retention run --yes` is its explicit way.
   */
  autoRetention?: boolean;
}

export type LockReason = Extract<KluisEvent, { type: 'vault.locked' }>['reason'];

/** What every capability's handlers get from the service: the open vault, events, lock hooks. */
export interface ServiceContext {
  readonly opts: ServiceOptions;
  /** the open vault; throws LOCKED when there is none */
  open(): Vault;
  /** the open vault or null, without throwing */
  current(): Vault | null;
  /** sets the vault that was just created or unlocked (emits vault.unlocked) */
  unlocked(vault: Vault): void;
  emit(e: KluisEvent): void;
  /**
   * Registers work to stop before the vault locks (a running import, open media tokens,
   * background jobs). Hooks run in registration order and are awaited; they get the vault being
   * locked, still open (the service has already stopped handing it out).
   */
  beforeLock(hook: (vault: Vault) => Promise<void> | void): void;
  /**
   * Registers work to start once a vault is unlocked or created (automatic retention, timers).
   * Hooks run after the unlock call's own work (its audit entries come first), in registration
   * order; a failing hook is logged and does not undo the unlock.
   */
  afterUnlock(hook: (vault: Vault) => Promise<void> | void): void;
  /**
   * Records what happened in the audit log (views, edits, exports, deletions, consent changes,
   * failed unlocks). Never throws: a failing audit write is logged, not shown to the user.
   */
  audit(event: AuditEvent): void;
  /** locks for any reason; a no-op when already locked */
  lock(reason: LockReason): Promise<void>;
  /** a player plays now (activity for the idle lock, whatever the OS says about input), or stopped */
  playing(now: boolean): void;
}

export type Handler<M extends Method> = (input: ParsedInput<M>) => Promise<Output<M>>;
export type Handlers = { [M in Method]: Handler<M> };
/** the handlers of one capability's methods */
export type HandlersOf<C> = { [M in keyof C & Method]: Handler<M> };
