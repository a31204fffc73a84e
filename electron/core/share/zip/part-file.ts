import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { ShareError } from '../errors';

/**
 * The zip while it is written: `path.part`, created fresh (never someone's file), counting and
 * hashing every byte as it goes out, so the result's SHA-256 needs no second read here.
 */
export class PartFile {
  private readonly hash = createHash('sha256');
  private closed = false;
  private tail: Promise<void> = Promise.resolve();
  position = 0;

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
  ) {}

  static async create(path: string): Promise<PartFile> {
    try {
      return new PartFile(path, await open(path, 'wx', 0o600));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      throw new ShareError('NOT_ALLOWED', `${path} already exists, perhaps left by a copy that was interrupted; delete it or choose another name.`, { cause: e });
    }
  }

  /**
   * Queues `data` after the writes before it and returns when it is on its way to the disk, so
   * the caller can encrypt the next piece while this one is written. `data` must not change
   * until then. A failed write fails every write after it, and finish().
   */
  write(data: Uint8Array): Promise<void> {
    this.hash.update(data);
    const at = this.position;
    this.position += data.length;
    const done = this.tail.then(() => this.writeAt(data, at));
    this.tail = done;
    done.catch(() => undefined); // its failure reaches whoever waits next; it is never unhandled
    return done;
  }

  private async writeAt(data: Uint8Array, at: number): Promise<void> {
    // A write may take fewer bytes than asked (a full or slow stick); the rest follows.
    for (let done = 0; done < data.length; ) {
      const { bytesWritten } = await this.fh.write(data, done, data.length - done, at + done);
      if (bytesWritten === 0) throw new Error(`${this.path}: the device accepted no bytes`);
      done += bytesWritten;
    }
  }

  /** Flushes to the device and closes; after this the bytes survive a pulled stick or a crash. */
  async finish(): Promise<string> {
    await this.tail;
    await this.fh.sync();
    await this.close();
    return this.hash.digest('hex');
  }

  /** Removes the part file (after a failure); safe to call more than once. */
  async discard(): Promise<void> {
    await this.tail.catch(() => undefined);
    await this.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
  }
}
