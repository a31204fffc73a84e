import type { FileHandle } from 'node:fs/promises';
import { inlineHash, ParallelHasher } from './hasher';

export const READ_BATCH = 1024 * 1024;
const SLOTS = 4;
/** Below this a worker thread costs more than hashing on the calling thread. */
const PARALLEL_MIN = 8 * READ_BATCH;

export interface HashResult {
  sha256?: string;
}

/**
 * Reads a file once, in 1 MiB batches, hashing each batch. The next read is already running
 * while the consumer handles the current batch; a yielded batch must be consumed before the
 * generator is resumed (it is refilled afterwards).
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
  let next: Promise<number> = readAt(0, 0);
  try {
    for (let slot = 0, pos = 0; ; slot = (slot + 1) % SLOTS) {
      const n = await next;
      if (n === 0) break;
      hasher.update(slot, n);
      pos += n;
      next = readAt((slot + 1) % SLOTS, pos);
      yield hasher.slots[slot]!.subarray(0, n);
    }
    result.sha256 = await hasher.digest();
  } finally {
    await next.catch(() => 0);
    await hasher.close();
  }
}
