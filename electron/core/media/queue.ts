import type { Vault } from '../vault';
import { isProbed, markPending, recordingExists, unprocessed } from './catalog';
import { isMediaError } from './ffmpeg';
import { processRecording } from './process';
import { makeProxy } from './proxy';

export interface MediaQueueOptions {
  /** a recording's media row changed (probed, failed, thumbnails made) */
  onUpdated?: (id: string) => void;
  /** a job failed for a reason outside the recording (ffprobe missing, disk full): logged, queue pauses */
  onError?: (id: string, e: unknown) => void;
  log?: (line: string) => void;
}

/**
 * Background media work for one open vault, one job at a time (ffmpeg already uses every core).
 * It takes the next verified recording without a media row whenever it is kicked, so nothing has
 * to remember which imports finished: the catalog is the queue. stop() cancels the running job
 * and waits for it; lock calls it before the keys go.
 */
export class MediaQueue {
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private stopped = false;
  /** set after a failure that would repeat for every recording, until the next explicit request */
  private paused = false;
  /** asked for by name (media.process): done before the backlog */
  private readonly first: string[] = [];
  /** why work on a recording stopped for a reason outside it (ffprobe missing, disk full) */
  private readonly stoppedBy = new Map<string, string>();

  constructor(
    private readonly vault: Vault,
    private readonly opts: MediaQueueOptions = {},
  ) {}

  get idle(): boolean {
    return this.running === null;
  }

  /** Starts working through unprocessed recordings unless it already is. */
  kick(): void {
    if (this.stopped || this.paused || this.running) return;
    this.abort = new AbortController();
    this.running = this.drain(this.abort.signal).finally(() => {
      this.running = null;
      this.abort = null;
    });
  }

  /** Queues a recording again (media.process) and makes sure the queue runs. */
  request(id: string): void {
    if (this.stopped) return;
    markPending(this.vault, id);
    this.stoppedBy.delete(id);
    if (!this.first.includes(id)) this.first.push(id);
    this.opts.onUpdated?.(id);
    this.paused = false;
    this.kick();
  }

  /** The message of the error that stopped work on this recording, if one did. */
  problemOf(id: string): string | null {
    return this.stoppedBy.get(id) ?? null;
  }

  /** Resolves when there is nothing left to do (tests, the CLI). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.running?.catch(() => {});
  }

  private async drain(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && this.vault.isOpen) {
      const id = this.first.shift() ?? unprocessed(this.vault, 1)[0];
      if (!id) return;
      try {
        if (!isProbed(this.vault, id)) {
          await processRecording(this.vault, id, { signal, log: this.opts.log });
          this.opts.onUpdated?.(id);
        }
        // the proxy comes last: it is the long part, and the library can show the probe meanwhile
        await makeProxy(this.vault, id, { signal, log: this.opts.log, onProgress: () => this.opts.onUpdated?.(id) });
      } catch (e) {
        if (signal.aborted || (isMediaError(e) && e.code === 'CANCELLED')) return;
        // deleted meanwhile (retention, the user): nothing to report, go on with the next one
        if (this.vault.isOpen && !recordingExists(this.vault, id)) continue;
        this.paused = true;
        this.stoppedBy.set(id, e instanceof Error ? e.message : String(e));
        this.opts.onError?.(id, e);
        return;
      }
    }
  }
}
