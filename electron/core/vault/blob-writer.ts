import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { blobHeader, BLOB_ID_BYTES, CHUNK, chunkAad, chunkNonce, chunkOffset, SEALED_CHUNK, sealChunk, TAG } from './blob-format';
import { fsyncDir } from './fs-durable';
import { newKey } from './keys';
import { SealWorker, type PlainChunkPlace } from './seal-worker';

export interface SealedBlob {
  id: string;
  dataKey: Buffer;
  size: number;
}

const FLUSH_EVERY = 16 * 1024 * 1024;
const SEAL_SLOTS = 4;
/** a 1 MiB batch plus a held-back chunk */
const CHUNKS_PER_SLOT = 17;

export function objectPath(objectsDir: string, id: string): string {
  return join(objectsDir, id.slice(0, 2), id);
}

/**
 * Encrypts a byte stream into a new blob (docs/vault-format.md section 3). Hashing is the
 * caller's: a large file is hashed on another core while this seals it.
 * Bytes go to staging/<id>; finish() fsyncs and renames the file into objects/. Nothing is
 * committed to the catalog here: the caller does that after finish(), so a crash leaves an
 * orphan no key opens, which unlock sweeps away.
 */
export class BlobWriter {
  private readonly pending = Buffer.alloc(CHUNK);
  private pendingLen = 0;
  private index = 0;
  private size = 0;
  private inflight: Promise<unknown> = Promise.resolve();
  private flushing: Promise<unknown> | null = null;
  private unflushed = 0;
  private readonly spare: Buffer[] = [];
  private done = false;
  private sealer: SealWorker | null = null;
  private readonly slotBusy: (Promise<void> | null)[] = Array.from({ length: SEAL_SLOTS }, () => null);
  private nextSlot = 0;
  private failure: unknown = null;

  private constructor(
    private readonly fh: FileHandle,
    private readonly stagingPath: string,
    private readonly objectsDir: string,
    readonly id: string,
    private readonly idBytes: Buffer,
    private readonly key: Buffer,
  ) {}

  /** `parallel`: seal on a second core (worth its start-up cost for large blobs only). */
  static async create(stagingDir: string, objectsDir: string, opts: { parallel?: boolean } = {}): Promise<BlobWriter> {
    const idBytes = randomBytes(BLOB_ID_BYTES);
    const id = idBytes.toString('hex');
    const stagingPath = join(stagingDir, id);
    const fh = await open(stagingPath, 'wx', 0o600);
    const w = new BlobWriter(fh, stagingPath, objectsDir, id, idBytes, newKey());
    if (opts.parallel) w.sealer = new SealWorker(SEAL_SLOTS, CHUNKS_PER_SLOT, CHUNK, TAG, w.key);
    try {
      await fh.write(blobHeader(idBytes));
    } catch (e) {
      await w.abort();
      throw e;
    }
    return w;
  }

  get bytesWritten(): number {
    return this.size;
  }

  /**
   * Seals every full chunk but the last one seen (it may turn out to be the final chunk).
   * `data` is not used after the synchronous part, so the caller may refill it once this resolves.
   */
  async write(data: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    this.size += data.length;
    if (this.sealer) return this.writeParallel(this.sealer, data);
    const out = this.outBuffer(Math.ceil((this.pendingLen + data.length) / CHUNK) * SEALED_CHUNK);
    let used = 0;
    let off = 0;
    while (this.pendingLen + data.length - off > CHUNK) {
      if (this.pendingLen > 0) {
        const take = CHUNK - this.pendingLen;
        data.copy(this.pending, this.pendingLen, off, off + take);
        off += take;
        used += sealChunk(this.key, this.idBytes, this.index++, false, this.pending, out, used);
        this.pendingLen = 0;
      } else {
        used += sealChunk(this.key, this.idBytes, this.index++, false, data.subarray(off, off + CHUNK), out, used);
        off += CHUNK;
      }
    }
    data.copy(this.pending, this.pendingLen, off);
    this.pendingLen += data.length - off;
    if (used > 0) await this.queue(out, used);
    else this.spare.push(out);
  }

  /** As write(), but the full chunks are copied into a slot and sealed by the worker; the write follows by position. */
  private async writeParallel(sealer: SealWorker, data: Buffer): Promise<void> {
    const slot = this.nextSlot;
    this.nextSlot = (slot + 1) % SEAL_SLOTS;
    await this.slotBusy[slot];
    if (this.failure) throw this.failure;
    const input = sealer.ins[slot]!;
    const chunks: PlainChunkPlace[] = [];
    const first = this.index;
    let off = 0;
    while (this.pendingLen + data.length - off > CHUNK) {
      const inAt = chunks.length * CHUNK;
      if (this.pendingLen > 0) {
        this.pending.copy(input, inAt, 0, this.pendingLen);
        const take = CHUNK - this.pendingLen;
        data.copy(input, inAt + this.pendingLen, off, off + take);
        off += take;
        this.pendingLen = 0;
      } else {
        data.copy(input, inAt, off, off + CHUNK);
        off += CHUNK;
      }
      chunks.push({ inAt, len: CHUNK, nonce: chunkNonce(this.index), aad: chunkAad(this.idBytes, this.index, false) });
      this.index++;
    }
    data.copy(this.pending, this.pendingLen, off);
    this.pendingLen += data.length - off;
    if (chunks.length === 0) return;
    const job = sealer
      .seal(slot, chunks)
      .then((outLen) => this.fh.write(sealer.outs[slot]!, 0, outLen, chunkOffset(first)))
      .then(({ bytesWritten }) => this.written(bytesWritten));
    this.slotBusy[slot] = job.catch((e: unknown) => {
      this.failure ??= e;
    });
  }

  async finish(): Promise<SealedBlob> {
    await Promise.all(this.slotBusy);
    if (this.failure) throw this.failure;
    await this.sealer?.close();
    this.sealer = null;
    if (this.index > 0 && this.slotBusy.some((b) => b !== null)) {
      // the worker wrote by position; the final chunk goes after the last of its chunks
      const out = Buffer.allocUnsafe(SEALED_CHUNK);
      const used = sealChunk(this.key, this.idBytes, this.index, true, this.pending.subarray(0, this.pendingLen), out, 0);
      const { bytesWritten } = await this.fh.write(out, 0, used, chunkOffset(this.index));
      this.index++;
      this.written(bytesWritten);
      return this.close();
    }
    const out = this.outBuffer(SEALED_CHUNK);
    const used = sealChunk(this.key, this.idBytes, this.index++, true, this.pending.subarray(0, this.pendingLen), out, 0);
    await this.queue(out, used);
    return this.close();
  }

  private async close(): Promise<SealedBlob> {
    await this.inflight;
    await this.flushing;
    if (this.failure) throw this.failure;
    await this.fh.sync();
    await this.fh.close();
    this.done = true;
    const target = join(this.objectsDir, this.id.slice(0, 2));
    await mkdir(target, { recursive: true });
    await rename(this.stagingPath, join(target, this.id));
    fsyncDir(target);
    return { id: this.id, dataKey: this.key, size: this.size };
  }

  /** Removes the staging file; safe to call after any failure. */
  async abort(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.inflight.catch(() => undefined);
      await Promise.all(this.slotBusy);
      await this.sealer?.close();
      await this.flushing?.catch(() => undefined);
      await this.fh.close().catch(() => undefined);
    }
    await rm(this.stagingPath, { force: true });
    this.key.fill(0);
  }

  /** Two output buffers alternate: one is being written while the next is sealed. */
  private outBuffer(size: number): Buffer {
    const b = this.spare.pop();
    return b && b.length >= size ? b : Buffer.allocUnsafe(Math.max(size, SEALED_CHUNK));
  }

  private async queue(out: Buffer, used: number): Promise<void> {
    await this.inflight;
    this.inflight = this.fh.write(out, 0, used).then(() => {
      this.spare.push(out);
    });
    this.written(used);
  }

  private written(bytes: number): void {
    this.unflushed += bytes;
    if (this.unflushed >= FLUSH_EVERY && !this.flushing) {
      // Starts writeback while we go on writing; otherwise the kernel sits on gigabytes of
      // dirty pages and the final fsync pays for all of them at once.
      this.unflushed = 0;
      this.flushing = this.fh
        .datasync()
        .catch((e: unknown) => {
          this.failure ??= e;
        })
        .finally(() => {
          this.flushing = null;
        });
    }
  }
}
