import { Worker } from 'node:worker_threads';

/**
 * AES-GCM opening on a second core, for reading back large blobs. The worker knows nothing of
 * the blob format: the caller gives each chunk's nonce, AAD and place, so the format stays in
 * blob-format.ts. Sealed batches travel in SharedArrayBuffer slots and come back decrypted in
 * place (plaintext packed from the slot's start). Plain CommonJS source, like hasher.ts, so it
 * loads the same way under tsx, vitest, the bundled CLI and Electron.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDecipheriv } = require('node:crypto');
const slots = workerData.slots.map((sab) => Buffer.from(sab));
const key = Buffer.from(workerData.key);
parentPort.on('message', (m) => {
  const buf = slots[m.slot];
  let out = 0;
  for (let i = 0; i < m.chunks.length; i++) {
    const c = m.chunks[i];
    const d = createDecipheriv('aes-256-gcm', key, c.nonce);
    d.setAAD(c.aad);
    d.setAuthTag(buf.subarray(c.at + c.len - 16, c.at + c.len));
    const plain = d.update(buf.subarray(c.at, c.at + c.len - 16));
    try {
      d.final();
    } catch {
      parentPort.postMessage({ slot: m.slot, failed: i });
      return;
    }
    // Plaintext i lands before sealed chunk i+1 begins, so packing in place is safe.
    plain.copy(buf, out);
    out += plain.length;
  }
  parentPort.postMessage({ slot: m.slot, plainLen: out });
});
`;

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
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (r: OpenResult) => void>();
  private failure: Error | null = null;

  constructor(slotCount: number, slotBytes: number, key: Buffer) {
    const sabs = Array.from({ length: slotCount }, () => new SharedArrayBuffer(slotBytes));
    this.slots = sabs.map((s) => Buffer.from(s));
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { slots: sabs, key: new Uint8Array(key) } });
    this.worker.on('message', (r: OpenResult) => {
      this.waiting.get(r.slot)?.(r);
      this.waiting.delete(r.slot);
    });
    this.worker.on('error', (e) => {
      this.failure = e;
      for (const resolve of this.waiting.values()) resolve({ slot: -1, failed: -1 });
    });
  }

  /** Decrypts the sealed chunks in `slot`; resolves with the plaintext length or the failed chunk. */
  open(slot: number, chunks: SealedChunkPlace[]): Promise<OpenResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => {
      this.waiting.set(slot, resolve);
      this.worker.postMessage({ slot, chunks });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
