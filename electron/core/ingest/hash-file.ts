import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { dropPageCache } from '../vault';

const BATCH = 1024 * 1024;

/** SHA-256 of a file as the device holds it now; `uncached` says whether the page cache was bypassed. */
export async function hashSourceFile(path: string, signal?: AbortSignal): Promise<{ sha256: string; uncached: boolean }> {
  const uncached = await dropPageCache(path);
  const fh = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(BATCH);
    for (let pos = 0; ; ) {
      signal?.throwIfAborted();
      const { bytesRead } = await fh.read(buf, 0, BATCH, pos);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    return { sha256: hash.digest('hex'), uncached };
  } finally {
    await fh.close();
  }
}
