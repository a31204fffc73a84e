import type { Vault } from '../vault';
import { mimeFor } from './mime';
import { startRangeServer } from './range-server';
import { VaultMediaSource } from './vault-source';

/**
 * Runs `job` with a one-time loopback URL that serves the plaintext of one vault blob, so ffmpeg
 * and ffprobe can seek in it without a decrypted copy ever touching the disk. The token and the
 * server both end with the job, whether it succeeds or not.
 */
export async function withRangeInput<T>(vault: Vault, blob: { id: string; size: number; name: string }, job: (url: string) => Promise<T>): Promise<T> {
  const source = new VaultMediaSource(vault);
  const token = source.issue({ id: blob.id, size: blob.size }, mimeFor(blob.name));
  const server = await startRangeServer(source);
  try {
    return await job(server.urlFor(token));
  } finally {
    source.revokeAll();
    await server.close();
  }
}
