import { xxh3 } from '@node-rs/xxhash';
import { open } from 'node:fs/promises';
import { DirectFile, directBuffers } from './direct-read';
import { dropPageCache } from './page-cache';

/**
 * XXH3-64, the checksum of the import's verification reads: 5.5 GB/s here against SHA-256's
 * 1.5 GB/s, and the same value `xxhsum -H3` prints. SHA-256 stays the content's identity; this
 * only proves that three reads saw the same bytes (accidental corruption, not an adversary:
 * the GCM tags already authenticate every chunk).
 */
export function checksummer(): { update(b: Uint8Array): void; digest(): string } {
  const h = xxh3.Xxh3.withSeed();
  return {
    update: (b) => void h.update(b),
    digest: () => h.digest().toString(16).padStart(16, '0'),
  };
}

const BATCH = 1024 * 1024;
/**
 * Buffered reads in flight (3, and the batch being summed): with one, a card re-read took 0.96-1.07 s
 * per 2 GiB here, with three 0.76-0.79 s (docs/benchmarks.md, "Import", session 7).
 */
const BUFFERED_AHEAD = 4;
/** Direct reads wait on the device: two in flight of 4 MiB keep it busy. */
const DIRECT_BATCH = 4 * 1024 * 1024;
const DIRECT_AHEAD = 2;

/**
 * XXH3-64 of a file as its device holds it now: its cached pages dropped, then buffered reads
 * (the kernel's readahead read 2-4x faster than O_DIRECT on the build machines' virtual disk);
 * where the pages cannot be dropped, read with O_DIRECT; failing both, `uncached` is false.
 */
export async function checksumFile(path: string, signal?: AbortSignal): Promise<{ xxh3: string; uncached: boolean }> {
  if (await dropPageCache(path)) return { xxh3: await checksumBuffered(path, signal), uncached: true };
  const direct = await DirectFile.open(path);
  if (direct) {
    try {
      const xxh3 = await checksumDirect(direct, signal);
      if (xxh3 !== null) return { xxh3, uncached: true };
    } finally {
      await direct.close();
    }
  }
  return { xxh3: await checksumBuffered(path, signal), uncached: false };
}

/** null when the file is too small to probe or no alignment is accepted; the caller reads it buffered. */
async function checksumDirect(file: DirectFile, signal?: AbortSignal): Promise<string | null> {
  const bufs = directBuffers(DIRECT_AHEAD, DIRECT_BATCH);
  const at: number[] = [];
  for (const b of bufs) {
    const a = await file.alignmentOf(b);
    if (a === null) return null;
    at.push(a);
  }
  const sum = checksummer();
  const reads: Promise<number>[] = [];
  let pos = 0;
  let done = 0;
  const next = () => {
    const k = (reads.length + done) % DIRECT_AHEAD;
    reads.push(file.read(bufs[k]!, at[k]!, DIRECT_BATCH, pos));
    pos += DIRECT_BATCH;
  };
  try {
    for (let i = 0; i < DIRECT_AHEAD; i++) next();
    for (;;) {
      const n = await reads.shift()!;
      const k = done % DIRECT_AHEAD;
      signal?.throwIfAborted();
      sum.update(bufs[k]!.subarray(at[k]!, at[k]! + n));
      done++;
      if (n < DIRECT_BATCH) break;
      next();
    }
  } finally {
    await Promise.allSettled(reads);
  }
  return sum.digest();
}

async function checksumBuffered(path: string, signal?: AbortSignal): Promise<string> {
  const fh = await open(path, 'r');
  const bufs = Array.from({ length: BUFFERED_AHEAD }, () => Buffer.allocUnsafe(BATCH));
  const reads: Promise<{ bytesRead: number }>[] = [];
  let pos = 0;
  const readInto = (buf: Buffer) => {
    reads.push(fh.read(buf, 0, BATCH, pos));
    pos += BATCH;
  };
  try {
    const sum = checksummer();
    for (let k = 0; k < BUFFERED_AHEAD - 1; k++) readInto(bufs[k]!);
    for (let k = 0; ; k = (k + 1) % BUFFERED_AHEAD) {
      // the buffer summed last turn is free again: the next read goes there while this one is summed
      readInto(bufs[(k + BUFFERED_AHEAD - 1) % BUFFERED_AHEAD]!);
      const { bytesRead } = await reads.shift()!;
      if (bytesRead === 0) break;
      signal?.throwIfAborted();
      sum.update(bufs[k]!.subarray(0, bytesRead));
      // Reads go at fixed positions, so a short one ends the sum: if it was not the end (a file
      // still growing), the sum differs from the copy's and the check fails, never passes.
      if (bytesRead < BATCH) break;
    }
    return sum.digest();
  } finally {
    await Promise.allSettled(reads);
    await fh.close();
  }
}
