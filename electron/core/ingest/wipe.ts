import { open, readdir, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fsyncDir } from '../vault';

const BLOCK = 1024 * 1024;

/**
 * Overwrites a file with zeros, fsyncs, and unlinks it. On flash media the controller may keep
 * the old blocks elsewhere: this is a NIST SP 800-88 "clear" of the file, not a purge, and the
 * reports say so.
 */
export async function overwriteAndUnlink(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    const zeros = Buffer.alloc(Math.min(BLOCK, Math.max(size, 1)));
    for (let pos = 0; pos < size; pos += zeros.length) {
      await fh.write(zeros, 0, Math.min(zeros.length, size - pos), pos);
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  await unlink(path);
  fsyncDir(dirname(path));
}

/**
 * Removes folders the wipe emptied, deepest first, but keeps the card's top-level folders
 * (DCIM, PRIVATE): cameras expect them and they hold nothing personal.
 */
export async function removeEmptiedFolders(root: string, wipedFiles: string[]): Promise<void> {
  const dirs = new Set<string>();
  for (const f of wipedFiles) {
    for (let d = dirname(f); relative(root, d).includes(sep); d = dirname(d)) dirs.add(d);
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    const left = await readdir(d).catch(() => null);
    if (left && left.length === 0) await rmdir(d).catch(() => undefined);
  }
}

export const joinRel = (root: string, relPath: string): string => join(root, ...relPath.split('/'));
