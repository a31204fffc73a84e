import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Makes a rename or unlink in `dir` durable: without it a crash can undo the directory change. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Replaces `target` atomically: the bytes go to `tempPath` (which must be on the same disk),
 * are fsynced, and are renamed over the target. After a crash the target is old or new, never half.
 */
export async function replaceAtomically(target: string, tempPath: string, data: string | Uint8Array): Promise<void> {
  await writeFile(tempPath, data, { flag: 'wx', mode: 0o600 });
  await fsyncFile(tempPath);
  await rename(tempPath, target);
  fsyncDir(dirname(target));
}
