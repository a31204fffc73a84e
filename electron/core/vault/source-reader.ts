import type { FileHandle } from 'node:fs/promises';
import { inlineHash, ParallelHasher } from './hasher';

export const READ_BATCH = 1024 * 1024;
const SLOTS = 4;
/** reads in flight; the slot being consumed and the one the worker hashes need the rest */
const READ_AHEAD = 2;
/** Below this a worker thread costs more than hashing on the calling thread. */
const PARALLEL_MIN = 8 * READ_BATCH;

export interface HashResult {
  sha256?: string;
}

/**
 * Reads a file once, in 1 MiB batches, hashing each batch. The next read is already running
 * while the consumer handles the current batch; a yielded batch must be consumed before the
 * generator is resumed (it is refilled afterwards). Buffered reads, not O_DIRECT: the kernel's
 * readahead read a card 10-25 % faster here than direct reads did, whatever their size or
 * number in flight (docs/benchmarks.md, "Import", session 6).
 */
export async function* readHashed(src: FileHandle, size: number, result: HashResult): AsyncGenerator<Buffer> {
  if (size < PARALLEL_MIN) {
    const h = inlineHash();
    const buf = Buffer.allocUnsafe(READ_BATCH);
    for (let pos = 0; ; ) {
      const { bytesRead } = await src.read(buf, 0, READ_BATCH, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      h.update(buf.subarray(0, bytesRead));
      yield buf.subarray(0, bytesRead);
    }
    result.sha256 = h.digest();
    return;
  }
  const hasher = new ParallelHasher(SLOTS, READ_BATCH);
  const readAt = async (slot: number, pos: number): Promise<number> => {
    await hasher.free(slot);
    return (await src.read(hasher.slots[slot]!, 0, READ_BATCH, pos)).bytesRead;
  };
  // Several reads in flight: a card read from the device (not the page cache) waits on its
  // latency otherwise. A read past the end returns 0 and ends the loop.
  const reads: Promise<number>[] = [];
  let readPos = 0;
  let readSlot = 0;
  const more = (): void => {
    reads.push(readAt(readSlot++ % SLOTS, readPos));
    readPos += READ_BATCH;
  };
  try {
    for (let i = 0; i < READ_AHEAD; i++) more();
    for (let slot = 0; ; slot = (slot + 1) % SLOTS) {
      const n = await reads.shift()!;
      if (n === 0) break;
      hasher.update(slot, n);
      more();
      // After a short read the next ones find nothing, unless the file grew meanwhile: then the
      // byte count differs from the size at the start and the caller reports SOURCE_CHANGED.
      yield hasher.slots[slot]!.subarray(0, n);
    }
    result.sha256 = await hasher.digest();
  } finally {
    await Promise.allSettled(reads);
    await hasher.close();
  }
}
