import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDir } from '../vault';

export interface WrittenFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Writes ciphertext to `target` through a temporary name in the same folder, fsynced and renamed,
 * so a USB stick pulled half-way holds either the old file or none, never half a package that
 * looks like one. Only ciphertext ever reaches this function (R11).
 */
export async function writePackageFile(target: string, chunks: AsyncIterable<Buffer>): Promise<WrittenFile> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const fh = await open(temp, 'wx', 0o600);
  try {
    try {
      for await (const c of chunks) {
        hash.update(c);
        size += c.length;
        await fh.write(c);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  fsyncDir(dir);
  return { path: target, size, sha256: hash.digest('hex') };
}

/** Passes bytes through while hashing them, for the package's checksum on open. */
export function hashing(source: AsyncIterable<Buffer>): { stream: AsyncIterable<Buffer>; digest(): string; size(): number } {
  const hash = createHash('sha256');
  let n = 0;
  async function* pass(): AsyncGenerator<Buffer> {
    for await (const c of source) {
      hash.update(c);
      n += c.length;
      yield c;
    }
  }
  let digest: string | undefined;
  return { stream: pass(), digest: () => (digest ??= hash.digest('hex')), size: () => n };
}
