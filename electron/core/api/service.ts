import { EventEmitter } from 'node:events';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { importCard, importReportPdf, listRecordings, overwriteFreeSpace, listRemovableVolumes, previewCard, readImportReport, watchVolumes, type ImportReport } from '../ingest';
import { ratePassword, Vault, VaultError, type KdfChoice } from '../vault';
import type { KluisEvent, Method, Output, ParsedInput } from './contract';
import { toWireError } from './dispatch';

export interface ServiceOptions {
  /** the vault folder this Kluis works on */
  vaultDir: string;
  /** Argon2id choice for vaults created here (tests may pick the RFC 9106 floor) */
  kdf?: KdfChoice;
}

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> };

/**
 * The product behind the contract: one object, no transport. Electron's IPC, the test host
 * and the CLI all call it; it holds the one open vault of this process.
 */
export class KluisService {
  private vault: Vault | null = null;
  private readonly events = new EventEmitter();
  private importRun: { ctrl: AbortController; done: Promise<void> } | null = null;

  constructor(private readonly opts: ServiceOptions) {}

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

  private async exists(): Promise<boolean> {
    return access(join(this.opts.vaultDir, 'kluis-vault.json')).then(
      () => true,
      () => false,
    );
  }

  /** Locks for any reason (user, idle timer, suspend); a no-op when already locked. */
  async lock(reason: Extract<KluisEvent, { type: 'vault.locked' }>['reason']): Promise<void> {
    const v = this.vault;
    if (!v) return;
    this.vault = null;
    // Locking stops an import first; its journal lets the next import resume.
    if (this.importRun) {
      this.importRun.ctrl.abort();
      await this.importRun.done;
    }
    await v.lock();
    this.emit({ type: 'vault.locked', reason });
  }

  readonly handlers: Handlers = {
    'app.status': async () => ({
      vault: this.vault ? 'unlocked' : (await this.exists()) ? 'locked' : 'none',
      vaultPath: this.opts.vaultDir,
    }),
    'vault.ratePassword': async ({ password, lang }) => ratePassword(password, lang),
    'vault.create': async ({ password }) => {
      if (this.vault) throw new VaultError('VAULT_EXISTS', 'A vault is already open here.');
      const { vault, recoveryKey } = await Vault.create(this.opts.vaultDir, password, { kdf: this.opts.kdf });
      this.vault = vault;
      this.emit({ type: 'vault.unlocked' });
      return { recoveryKey };
    },
    'vault.unlock': async ({ password }) => {
      if (!this.vault) {
        this.vault = await Vault.open(this.opts.vaultDir, password);
        this.emit({ type: 'vault.unlocked' });
      }
      return {};
    },
    'vault.lock': async () => {
      await this.lock('user');
      return {};
    },
    'vault.changePassword': async ({ current, next }) => {
      await this.open().changePassword(current, next);
      return {};
    },
    'vault.recover': async ({ recoveryKey, newPassword }) => {
      if (this.vault) throw new VaultError('VAULT_IN_USE', 'Lock the vault before recovering it with the recovery key.');
      await Vault.recover(this.opts.vaultDir, recoveryKey, newPassword);
      return {};
    },
    'vault.verify': async () => this.open().verify(),
    'items.list': async () => ({ items: this.open().listItems() }),
    'items.remove': async ({ id }) => {
      await this.open().removeItem(id);
      return {};
    },
    'volumes.list': async () => ({ volumes: await listRemovableVolumes() }),
    'ingest.preview': async ({ path }) => previewCard(this.open(), path),
    'ingest.start': async ({ path, wipe, sourceLabel }) => {
      await this.assertFolder(path);
      this.startImport(path, wipe, sourceLabel);
      return {};
    },
    'ingest.overwriteFreeSpace': async ({ path }) => {
      this.open();
      await this.assertFolder(path);
      if (this.importRun) throw new VaultError('BUSY', 'An import is running on a card; wait for it to finish or cancel it.');
      const ctrl = new AbortController();
      const job = overwriteFreeSpace(path, { signal: ctrl.signal, onProgress: (p) => this.emit({ type: 'ingest.freeSpaceProgress', ...p }) });
      this.importRun = { ctrl, done: job.then(() => undefined, () => undefined) };
      try {
        return await job;
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw new VaultError('CANCELLED', 'Overwriting the free space was cancelled; the filler was removed again.');
        throw e;
      } finally {
        this.importRun = null;
      }
    },
    'ingest.cancel': async () => {
      this.importRun?.ctrl.abort();
      return {};
    },
    'ingest.report': async ({ importId }) => readImportReport(this.open(), importId),
    'ingest.reportPdf': async ({ importId }) => ({ pdfBase64: importReportPdf(await readImportReport(this.open(), importId)).toString('base64') }),
    'recordings.list': async () => ({ recordings: listRecordings(this.open()) }),
  };

  private async assertFolder(path: string): Promise<void> {
    const st = await stat(path).catch(() => null);
    if (!st?.isDirectory()) throw new VaultError('NOT_FOUND', `${path} is not a folder Kluis can read. Choose the card's folder.`);
  }

  private startImport(path: string, wipe: boolean, sourceLabel: string | undefined): void {
    const vault = this.open();
    if (this.importRun) throw new VaultError('BUSY', 'An import is already running; wait for it to finish or cancel it.');
    const ctrl = new AbortController();
    const done = importCard(vault, path, { wipe, signal: ctrl.signal, onProgress: (progress) => this.emit({ type: 'ingest.progress', progress }), ...(sourceLabel ? { sourceLabel } : {}) })
      .then(
        (report) => this.emit({ type: 'ingest.finished', report }),
        (e: unknown) => {
          const report = (e as { report?: ImportReport }).report;
          this.emit({ type: 'ingest.failed', error: toWireError(e), ...(report ? { report } : {}) });
        },
      )
      .finally(() => {
        this.importRun = null;
      });
    this.importRun = { ctrl, done };
  }

  /** Tells front ends when a card is put in or pulled (started by the app, not by tests). */
  watchVolumes(intervalMs?: number): () => void {
    return watchVolumes((volumes) => this.emit({ type: 'volumes.changed', volumes }), intervalMs);
  }

  /** The open vault, for in-process callers such as the CLI and the media handler. */
  get openVault(): Vault {
    return this.open();
  }
}
