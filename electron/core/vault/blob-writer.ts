import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { blobHeader, BLOB_ID_BYTES, CHUNK, SEALED_CHUNK, sealChunk } from './blob-format';
import { fsyncDir } from './fs-durable';
import { newKey } from './keys';

export interface SealedBlob {
  id: string;
  dataKey: Buffer;
  size: number;
}

const FLUSH_EVERY = 16 * 1024 * 1024;

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

  private constructor(
    private readonly fh: FileHandle,
    private readonly stagingPath: string,
    private readonly objectsDir: string,
    readonly id: string,
    private readonly idBytes: Buffer,
    private readonly key: Buffer,
  ) {}

  static async create(stagingDir: string, objectsDir: string): Promise<BlobWriter> {
    const idBytes = randomBytes(BLOB_ID_BYTES);
    const id = idBytes.toString('hex');
    const stagingPath = join(stagingDir, id);
    const fh = await open(stagingPath, 'wx', 0o600);
    const w = new BlobWriter(fh, stagingPath, objectsDir, id, idBytes, newKey());
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
    this.size += data.length;
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

  async finish(): Promise<SealedBlob> {
    const out = this.outBuffer(SEALED_CHUNK);
    const used = sealChunk(this.key, this.idBytes, this.index++, true, this.pending.subarray(0, this.pendingLen), out, 0);
    await this.queue(out, used);
    await this.inflight;
    await this.flushing;
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
    this.unflushed += used;
    if (this.unflushed >= FLUSH_EVERY && !this.flushing) {
      // Starts writeback while we go on writing; otherwise the kernel sits on gigabytes of
      // dirty pages and the final fsync pays for all of them at once.
      this.unflushed = 0;
      this.flushing = this.fh.datasync().finally(() => {
        this.flushing = null;
      });
    }
  }
}
