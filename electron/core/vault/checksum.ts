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
  try {
    const sum = checksummer();
    const bufs = [Buffer.allocUnsafe(BATCH), Buffer.allocUnsafe(BATCH)];
    let next = fh.read(bufs[0]!, 0, BATCH, 0);
    for (let pos = 0, turn = 0; ; turn ^= 1) {
      const { bytesRead } = await next;
      if (bytesRead === 0) break;
      signal?.throwIfAborted();
      pos += bytesRead;
      // the next read runs while this batch is summed
      next = fh.read(bufs[turn ^ 1]!, 0, BATCH, pos);
      sum.update(bufs[turn]!.subarray(0, bytesRead));
    }
    return sum.digest();
  } finally {
    await fh.close();
  }
}
