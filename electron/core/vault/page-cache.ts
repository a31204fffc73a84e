import { execFile } from 'node:child_process';

/**
 * Asks the kernel to forget the cached pages of a file, so that the next read comes from the
 * device: a verify pass that reads back what it just wrote from RAM proves nothing.
 * Linux only, through GNU dd's `iflag=nocache` (posix_fadvise DONTNEED, which Node lacks).
 * Resolves false where that is not possible (other systems, tmpfs); callers say so in reports.
 */
export function dropPageCache(path: string): Promise<boolean> {
  if (process.platform !== 'linux') return Promise.resolve(false);
  return new Promise((resolve) => {
    execFile('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none'], { timeout: 10_000 }, (err) => resolve(!err));
  });
}
