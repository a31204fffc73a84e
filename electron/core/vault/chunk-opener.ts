import { WorkerJob, type Reply } from './worker-pool';

/**
 * AES-GCM opening on a second core, for reading back large blobs. The pooled worker
 * (worker-pool.ts) knows nothing of the blob format: the caller gives each chunk's nonce, AAD
 * and place, so the format stays in blob-format.ts. Sealed batches travel in
 * SharedArrayBuffer slots and come back decrypted in place (plaintext packed from the slot's start).
 */
export interface SealedChunkPlace {
  /** offset of the sealed chunk (ciphertext then tag) in the slot */
  at: number;
  len: number;
  nonce: Buffer;
  aad: Buffer;
}

export type OpenResult = { slot: number; plainLen: number } | { slot: number; failed: number };

export class ChunkOpener {
  readonly slots: Buffer[];
  private readonly job: WorkerJob;
  private readonly waiting = new Map<number, (r: OpenResult) => void>();
  private failure: Error | null = null;

  constructor(slotCount: number, slotBytes: number, key: Buffer) {
    this.job = new WorkerJob({ ins: [slotCount, slotBytes], key }, (r) => this.onReply(r), (e) => this.fail(e));
    this.slots = this.job.ins;
  }

  private onReply(r: Reply): void {
    if (r.op !== 'opened') return;
    const result = (typeof r.failed === 'number' ? { slot: r.slot!, failed: r.failed } : { slot: r.slot!, plainLen: r.plainLen as number }) as OpenResult;
    this.waiting.get(r.slot!)?.(result);
    this.waiting.delete(r.slot!);
  }

  private fail(e: Error): void {
    this.failure = e;
    for (const resolve of this.waiting.values()) resolve({ slot: -1, failed: -1 });
    this.waiting.clear();
  }

  /** Decrypts the sealed chunks in `slot`; resolves with the plaintext length or the failed chunk. */
  open(slot: number, chunks: SealedChunkPlace[]): Promise<OpenResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => {
      this.waiting.set(slot, resolve);
      this.job.post({ op: 'open', slot, chunks });
    });
  }

  async close(): Promise<void> {
    this.job.end();
  }
}
