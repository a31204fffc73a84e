import { Worker } from 'node:worker_threads';

/**
 * AES-GCM sealing on a second core for large blobs, so the calling thread only reads, writes
 * and checksums. Like chunk-opener.ts it takes each chunk's nonce and AAD from the caller
 * (blob-format.ts owns the format); it writes ciphertext then tag per chunk, as the format
 * lays a sealed chunk out. The round-trip tests of files over 8 MiB read its output back
 * with blob-format.ts's openChunk.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createCipheriv } = require('node:crypto');
const ins = workerData.ins.map((sab) => Buffer.from(sab));
const outs = workerData.outs.map((sab) => Buffer.from(sab));
const key = Buffer.from(workerData.key);
parentPort.on('message', (m) => {
  const src = ins[m.slot];
  const dst = outs[m.slot];
  let out = 0;
  for (const c of m.chunks) {
    const cipher = createCipheriv('aes-256-gcm', key, c.nonce);
    cipher.setAAD(c.aad);
    out += cipher.update(src.subarray(c.inAt, c.inAt + c.len)).copy(dst, out);
    cipher.final();
    out += cipher.getAuthTag().copy(dst, out);
  }
  parentPort.postMessage({ slot: m.slot, outLen: out });
});
`;

export interface PlainChunkPlace {
  inAt: number;
  len: number;
  nonce: Buffer;
  aad: Buffer;
}

export class SealWorker {
  readonly ins: Buffer[];
  readonly outs: Buffer[];
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();

  constructor(slotCount: number, chunksPerSlot: number, chunk: number, tag: number, key: Buffer) {
    const ins = Array.from({ length: slotCount }, () => new SharedArrayBuffer(chunksPerSlot * chunk));
    const outs = Array.from({ length: slotCount }, () => new SharedArrayBuffer(chunksPerSlot * (chunk + tag)));
    this.ins = ins.map((s) => Buffer.from(s));
    this.outs = outs.map((s) => Buffer.from(s));
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ins, outs, key: new Uint8Array(key) } });
    this.worker.on('message', (r: { slot: number; outLen: number }) => {
      this.waiting.get(r.slot)?.resolve(r.outLen);
      this.waiting.delete(r.slot);
    });
    this.worker.on('error', (e) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    });
  }

  /** Seals the plaintext chunks placed in ins[slot] into outs[slot]; resolves with the sealed length. */
  seal(slot: number, chunks: PlainChunkPlace[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.set(slot, { resolve, reject });
      this.worker.postMessage({ slot, chunks });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
