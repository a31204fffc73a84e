import { open, readdir, rename, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fsyncDir } from '../vault';

const BLOCK = 1024 * 1024;

/**
 * Overwrites a file with zeros, fsyncs, and unlinks it. On flash media the controller may keep
 * the old blocks elsewhere: this is a NIST SP 800-88 "clear" of the file, not a purge, and the
 * reports say so.
 */
export async function overwriteAndUnlink(path: string): Promise<void> {
  // Renamed first, so a file half overwritten when the card is pulled is never mistaken for a
  // new recording: the dot name hides it from the scan, and the next import finishes it.
  const doomed = join(dirname(path), `${WIPING_PREFIX}${basename(path)}`);
  await rename(path, doomed);
  fsyncDir(dirname(path));
  await overwriteAndUnlinkFile(doomed);
}

export const WIPING_PREFIX = '.kluis-wiping-';

async function overwriteAndUnlinkFile(path: string): Promise<void> {
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

/** Finishes wipes a crash or a pulled card interrupted (only verified files are ever renamed). */
export async function finishInterruptedWipes(root: string): Promise<string[]> {
  const finished: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory() && !e.name.startsWith('.')) await walk(p);
      else if (e.isFile() && e.name.startsWith(WIPING_PREFIX)) {
        await overwriteAndUnlinkFile(p);
        finished.push(p);
      }
    }
  };
  await walk(root);
  return finished;
}
