import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Reads that bypass the page cache (O_DIRECT): the bytes come from the device, also where a
 * dropped page was dirty or mapped by another process, and the kernel copies nothing (the
 * device writes into our buffer), which saves about a third of an import's system time.
 * O_DIRECT wants the buffer, the file offset and the length aligned to the device's logical
 * block. Node cannot tell a buffer's address, so each buffer is probed once for the first
 * offset at which the kernel accepts a read. Where O_DIRECT is refused (other systems, some
 * file systems) openDirect returns null and callers use dropPageCache and buffered reads.
 */
export const DIRECT_ALIGN = 4096;

export class DirectFile {
  private constructor(
    readonly fh: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<DirectFile | null> {
    const flag = (constants as { O_DIRECT?: number }).O_DIRECT;
    if (process.platform !== 'linux' || !flag) return null;
    let fh: FileHandle;
    try {
      fh = await open(path, constants.O_RDONLY | flag);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EINVAL') return null;
      throw e;
    }
    const { size } = await fh.stat().catch(async (e: unknown) => {
      await fh.close();
      throw e;
    });
    return new DirectFile(fh, size);
  }

  /**
   * The first offset in `buf` (below DIRECT_ALIGN) at which a direct read is accepted, or null.
   * A file shorter than one block cannot be probed (a read at its end accepts anything): null.
   */
  async alignmentOf(buf: Buffer): Promise<number | null> {
    if (this.size < DIRECT_ALIGN || buf.length < 2 * DIRECT_ALIGN) return null;
    for (let off = 0; off < DIRECT_ALIGN; off += 16) {
      try {
        const { bytesRead } = await this.fh.read(buf, off, DIRECT_ALIGN, 0);
        return bytesRead === DIRECT_ALIGN ? off : null;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
      }
    }
    return null;
  }

  /** Reads up to `len` bytes (a multiple of DIRECT_ALIGN) at an aligned `pos`; short only at the end of the file. */
  async read(buf: Buffer, at: number, len: number, pos: number): Promise<number> {
    let done = 0;
    while (done < len) {
      const { bytesRead } = await this.fh.read(buf, at + done, len - done, pos + done);
      if (bytesRead === 0) break;
      done += bytesRead;
      // a short read that is not at the end leaves an unaligned position; it does not happen on block devices
      if (done < len && (bytesRead % DIRECT_ALIGN !== 0 || pos + done >= this.size)) break;
    }
    return done;
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

/** Buffers of `bytes` usable for direct reads: SharedArrayBuffers, so workers can use them in place. */
export function directBuffers(count: number, bytes: number): Buffer[] {
  return Array.from({ length: count }, () => Buffer.from(new SharedArrayBuffer(bytes + DIRECT_ALIGN)));
}
