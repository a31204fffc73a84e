import { randomBytes } from 'node:crypto';
import { open, statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, VaultError } from '../vault';

const BLOCK = 4 * 1024 * 1024;
// FAT32 cards cannot hold a file of 4 GiB or more: fill with files just under that.
const MAX_FILE = 4 * 1024 * 1024 * 1024 - BLOCK;

export interface FreeSpaceProgress {
  bytesWritten: number;
  bytesTotal: number;
}

/**
 * Fills the card's free space with zeros and deletes the filler again, so that blocks of files
 * deleted earlier are overwritten where the file system lets us reach them. On flash media the
 * controller may still keep copies elsewhere: a clear, not a purge, and the report says so.
 */
export async function overwriteFreeSpace(root: string, opts: { signal?: AbortSignal; onProgress?: (p: FreeSpaceProgress) => void } = {}): Promise<{ bytesWritten: number }> {
  try {
    return await fill(root, opts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw new VaultError('NOT_WRITABLE', `The card at ${root} is write-protected (${code}); slide its lock switch to overwrite its free space.`, { cause: e });
    if (code === 'EIO' || code === 'ENOENT') throw new VaultError('IO', `Writing to the card at ${root} failed (${code}): it may have been pulled out. Put it back and try again.`, { cause: e });
    throw e;
  }
}

async function fill(root: string, opts: { signal?: AbortSignal; onProgress?: (p: FreeSpaceProgress) => void }): Promise<{ bytesWritten: number }> {
  const st = await statfs(root);
  const total = st.bavail * st.bsize;
  const zeros = Buffer.alloc(BLOCK);
  const fillers: string[] = [];
  let written = 0;
  try {
    for (let full = false; !full; ) {
      const path = join(root, `.kluis-free-space-${randomBytes(4).toString('hex')}`);
      fillers.push(path);
      const fh = await open(path, 'wx');
      try {
        for (let inFile = 0; inFile < MAX_FILE; ) {
          opts.signal?.throwIfAborted();
          try {
            const { bytesWritten } = await fh.write(zeros, 0, BLOCK);
            written += bytesWritten;
            inFile += bytesWritten;
            opts.onProgress?.({ bytesWritten: written, bytesTotal: total });
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code !== 'ENOSPC' && code !== 'EFBIG' && code !== 'EDQUOT') throw e;
            full = code !== 'EFBIG';
            break;
          }
        }
        await fh.sync().catch(() => undefined);
      } finally {
        await fh.close();
      }
    }
  } finally {
    for (const f of fillers) await unlink(f).catch(() => undefined);
    fsyncDir(root);
  }
  return { bytesWritten: written };
}
