import { createHash } from 'node:crypto';
import { WorkerJob, type Reply } from './worker-pool';

/**
 * SHA-256 of a file's plaintext, computed on a second core while the main thread encrypts.
 * Batches travel through SharedArrayBuffer slots, so no byte is copied between threads; the
 * worker comes from the pool (worker-pool.ts).
 */
export class ParallelHasher {
  readonly slots: Buffer[];
  private readonly job: WorkerJob;
  private readonly waiting = new Map<number, () => void>();
  private readonly busy = new Set<number>();
  private digestWaiter: ((hex: string) => void) | null = null;
  private failure: Error | null = null;

  constructor(slotCount: number, slotBytes: number) {
    this.job = new WorkerJob({ ins: [slotCount, slotBytes], hash: true }, (m) => this.onReply(m), (e) => this.fail(e));
    this.slots = this.job.ins;
  }

  private onReply(m: Reply): void {
    if (m.op === 'freed') {
      this.busy.delete(m.slot!);
      this.waiting.get(m.slot!)?.();
      this.waiting.delete(m.slot!);
    } else if (m.op === 'digest') this.digestWaiter?.(m.hex as string);
  }

  private fail(e: Error): void {
    this.failure = e;
    // wake every waiter: each then sees the failure
    for (const w of this.waiting.values()) w();
    this.waiting.clear();
    this.digestWaiter?.('');
  }

  /** Resolves when the worker no longer reads `slot`, so it may be refilled. */
  async free(slot: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.busy.has(slot)) return;
    await new Promise<void>((resolve) => this.waiting.set(slot, resolve));
    if (this.failure) throw this.failure;
  }

  /** Hashes `len` bytes of `slot` from `at` (a direct read's aligned start). */
  update(slot: number, len: number, at = 0): void {
    this.busy.add(slot);
    this.job.post({ op: 'hash', slot, at, len });
  }

  async digest(): Promise<string> {
    if (this.failure) throw this.failure;
    const hex = await new Promise<string>((resolve) => {
      this.digestWaiter = resolve;
      this.job.post({ op: 'digest' });
    });
    if (this.failure) throw this.failure;
    return hex;
  }

  async close(): Promise<void> {
    this.job.end();
  }
}

/** The same interface on the calling thread, for small inputs where a worker costs more than it saves. */
export function inlineHash() {
  const h = createHash('sha256');
  return { update: (b: Buffer) => h.update(b), digest: () => h.digest('hex') };
}
