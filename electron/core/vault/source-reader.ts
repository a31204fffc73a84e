import type { FileHandle } from 'node:fs/promises';
import { DIRECT_ALIGN, type DirectFile } from './direct-read';
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

/** Below this a worker thread costs more than hashing on the calling thread: no direct reads either. */
export const readsDirect = (size: number): boolean => size >= PARALLEL_MIN;

/**
 * Reads a file once, in 1 MiB batches, hashing each batch. The next read is already running
 * while the consumer handles the current batch; a yielded batch must be consumed before the
 * generator is resumed (it is refilled afterwards). With `direct` (the same file opened with
 * O_DIRECT) a large file is read from the device straight into the hasher's shared slots: the
 * kernel copies nothing and the card's pages do not crowd the page cache (about 8% of an
 * import's CPU went to copying cached pages into our buffers).
 */
export async function* readHashed(src: FileHandle, size: number, result: HashResult, direct: DirectFile | null = null): AsyncGenerator<Buffer> {
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
  const hasher = new ParallelHasher(SLOTS, READ_BATCH + DIRECT_ALIGN);
  // where each slot's batch starts: 0, or the offset at which the slot accepts direct reads
  const at: number[] = [];
  for (const slot of hasher.slots) {
    const a = direct ? await direct.alignmentOf(slot).catch(() => null) : null;
    if (a === null) {
      direct = null;
      break;
    }
    at.push(a);
  }
  const startOf = (slot: number): number => (direct ? at[slot]! : 0);
  const readAt = async (slot: number, pos: number): Promise<number> => {
    await hasher.free(slot);
    if (direct) return direct.read(hasher.slots[slot]!, at[slot]!, READ_BATCH, pos);
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
      hasher.update(slot, n, startOf(slot));
      more();
      // After a short read the next ones find nothing, unless the file grew meanwhile: then the
      // byte count differs from the size at the start and the caller reports SOURCE_CHANGED.
      yield hasher.slots[slot]!.subarray(startOf(slot), startOf(slot) + n);
    }
    result.sha256 = await hasher.digest();
  } finally {
    await Promise.allSettled(reads);
    await hasher.close();
  }
}
