import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of a file's plaintext, computed on a second core while the main thread encrypts.
 * Batches travel through SharedArrayBuffer slots, so no byte is copied between threads.
 * The worker is plain CommonJS given as source text: it then loads the same way under
 * tsx, vitest, the bundled CLI and Electron's main process.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const slots = workerData.slots.map((sab) => Buffer.from(sab));
const hash = createHash('sha256');
parentPort.on('message', (m) => {
  if (m.op === 'update') {
    hash.update(slots[m.slot].subarray(0, m.len));
    parentPort.postMessage({ op: 'freed', slot: m.slot });
  } else if (m.op === 'digest') {
    parentPort.postMessage({ op: 'digest', hex: hash.digest('hex') });
  }
});
`;

export class ParallelHasher {
  readonly slots: Buffer[];
  private readonly worker: Worker;
  private readonly waiting = new Map<number, () => void>();
  private readonly busy = new Set<number>();
  private digestWaiter: ((hex: string) => void) | null = null;
  private failure: Error | null = null;

  constructor(slotCount: number, slotBytes: number) {
    const sabs = Array.from({ length: slotCount }, () => new SharedArrayBuffer(slotBytes));
    this.slots = sabs.map((s) => Buffer.from(s));
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { slots: sabs } });
    this.worker.on('message', (m: { op: string; slot?: number; hex?: string }) => {
      if (m.op === 'freed') {
        this.busy.delete(m.slot!);
        this.waiting.get(m.slot!)?.();
        this.waiting.delete(m.slot!);
      } else if (m.op === 'digest') this.digestWaiter?.(m.hex!);
    });
    this.worker.on('error', (e) => {
      this.failure = e;
    });
  }

  /** Resolves when the worker no longer reads `slot`, so it may be refilled. */
  async free(slot: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.busy.has(slot)) return;
    await new Promise<void>((resolve) => this.waiting.set(slot, resolve));
  }

  update(slot: number, len: number): void {
    this.busy.add(slot);
    this.worker.postMessage({ op: 'update', slot, len });
  }

  async digest(): Promise<string> {
    if (this.failure) throw this.failure;
    const hex = await new Promise<string>((resolve) => {
      this.digestWaiter = resolve;
      this.worker.postMessage({ op: 'digest' });
    });
    return hex;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The same interface on the calling thread, for small inputs where a worker costs more than it saves. */
export function inlineHash() {
  const h = createHash('sha256');
  return { update: (b: Buffer) => h.update(b), digest: () => h.digest('hex') };
}
