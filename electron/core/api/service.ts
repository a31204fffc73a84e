import { EventEmitter } from 'node:events';
import { appendAudit } from '../audit';
import { watchVolumes } from '../ingest';
import { VaultError, type Vault } from '../vault';
import type { KluisEvent } from './contract';
import type { Handlers, LockReason, ServiceContext, ServiceOptions } from './handlers/context';
import { consentHandlers } from './handlers/consent';
import { ingestHandlers } from './handlers/ingest';
import { mediaHandlers } from './handlers/media';
import { redactHandlers } from './handlers/redact';
import { settingsHandlers } from './handlers/settings';
import { shareHandlers } from './handlers/share';
import { vaultHandlers } from './handlers/vault';

export type { Handlers, ServiceContext, ServiceOptions } from './handlers/context';

/**
 * The product behind the contract: one object, no transport. Electron's IPC, the test host
 * and the CLI all call it; it holds the one open vault of this process. Each capability's
 * methods live in handlers/<capability>.ts and get a ServiceContext.
 */
export class KluisService {
  private vault: Vault | null = null;
  private lastPlaying = Number.NEGATIVE_INFINITY;
  private readonly events = new EventEmitter();
  private readonly lockHooks: Array<(vault: Vault) => Promise<void> | void> = [];
  private readonly unlockHooks: Array<(vault: Vault) => Promise<void> | void> = [];
  readonly handlers: Handlers;

  constructor(private readonly opts: ServiceOptions) {
    const ctx: ServiceContext = {
      opts,
      open: () => this.open(),
      current: () => this.vault,
      unlocked: (vault) => {
        this.vault = vault;
        this.emit({ type: 'vault.unlocked' });
        // After the caller's synchronous work (its audit entries), one hook after another.
        void this.unlockHooks.reduce<Promise<void>>(
          (prev, hook) => prev.then(() => hook(vault)).catch((e: unknown) => console.error('kluis: an unlock hook failed', e)),
          Promise.resolve(),
        );
      },
      emit: (e) => this.emit(e),
      beforeLock: (hook) => {
        this.lockHooks.push(hook);
      },
      afterUnlock: (hook) => {
        this.unlockHooks.push(hook);
      },
      lock: (reason) => this.lock(reason),
      playing: (now) => {
        this.lastPlaying = now ? this.now() : Number.NEGATIVE_INFINITY;
      },
      audit: (event) => {
        try {
          if (this.vault) appendAudit(this.vault, event);
        } catch (e) {
          console.error('kluis: could not write an audit entry', e);
        }
      },
    };
    this.handlers = {
      ...vaultHandlers(ctx), ...ingestHandlers(ctx), ...mediaHandlers(ctx), ...consentHandlers(ctx),
      ...redactHandlers(ctx),
      ...shareHandlers(ctx),
      ...settingsHandlers(ctx),
    };
  }

  onEvent(listener: (e: KluisEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  private emit(e: KluisEvent): void {
    this.events.emit('event', e);
  }

  private open(): Vault {
    if (!this.vault) throw new VaultError('LOCKED', 'The vault is locked; unlock it first.');
    return this.vault;
  }

  /** Locks for any reason (user, idle timer, suspend); a no-op when already locked. */
  async lock(reason: LockReason): Promise<void> {
    const v = this.vault;
    if (!v) return;
    this.vault = null;
    // A hook that fails must not keep the keys in memory: log it and lock anyway.
    for (const hook of this.lockHooks) await Promise.resolve().then(() => hook(v)).catch((e: unknown) => console.error('kluis: a lock hook failed', e));
    await v.lock();
    this.emit({ type: 'vault.locked', reason });
  }

  /** Tells front ends when a card is put in or pulled (started by the app, not by tests). */
  watchVolumes(intervalMs?: number): () => void {
    return watchVolumes((volumes) => this.emit({ type: 'volumes.changed', volumes }), intervalMs);
  }

  /** Seconds since a player last said it plays (media.playing); Infinity when none has, or it stopped. */
  get secondsSincePlaying(): number {
    return (this.now() - this.lastPlaying) / 1000;
  }

  /** The product's clock (the test host moves it forward), in ms. */
  private now(): number {
    return (this.opts.clock?.() ?? new Date()).getTime();
  }

  /** The open vault or null, without throwing (the idle lock looks at it). */
  get currentVault(): Vault | null {
    return this.vault;
  }

  /** The open vault, for in-process callers such as the CLI and the media handler. */
  get openVault(): Vault {
    return this.open();
  }
}
