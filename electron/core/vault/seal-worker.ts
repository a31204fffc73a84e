import { WorkerJob, type Reply } from './worker-pool';

/**
 * AES-GCM sealing on a second core for large blobs, so the calling thread only reads, writes
 * and checksums. Like chunk-opener.ts it takes each chunk's nonce and AAD from the caller
 * (blob-format.ts owns the format); the pooled worker (worker-pool.ts) writes ciphertext then
 * tag per chunk, as the format lays a sealed chunk out. The round-trip tests of files over
 * 8 MiB read its output back with blob-format.ts's openChunk.
 */
export interface PlainChunkPlace {
  inAt: number;
  len: number;
  nonce: Buffer;
  aad: Buffer;
}

export class SealWorker {
  readonly ins: Buffer[];
  readonly outs: Buffer[];
  private readonly job: WorkerJob;
  private readonly waiting = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  constructor(slotCount: number, chunksPerSlot: number, chunk: number, tag: number, key: Buffer) {
    this.job = new WorkerJob({ ins: [slotCount, chunksPerSlot * chunk], outs: [slotCount, chunksPerSlot * (chunk + tag)], key }, (r) => this.onReply(r), (e) => this.fail(e));
    this.ins = this.job.ins;
    this.outs = this.job.outs;
  }

  private onReply(r: Reply): void {
    if (r.op !== 'sealed') return;
    this.waiting.get(r.slot!)?.resolve(r.outLen as number);
    this.waiting.delete(r.slot!);
  }

  private fail(e: Error): void {
    this.failure = e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  /** Seals the plaintext chunks placed in ins[slot] into outs[slot]; resolves with the sealed length. */
  seal(slot: number, chunks: PlainChunkPlace[]): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(slot, { resolve, reject });
      this.job.post({ op: 'seal', slot, chunks });
    });
  }

  async close(): Promise<void> {
    this.job.end();
  }
}
