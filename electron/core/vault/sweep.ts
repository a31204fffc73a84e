import { readdir, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Everything in staging/ is an interrupted write: ciphertext whose key was never committed. */
export async function sweepStaging(stagingDir: string): Promise<number> {
  const names = await readdir(stagingDir);
  await Promise.all(names.map((n) => rm(join(stagingDir, n), { force: true, recursive: true })));
  return names.length;
}

/** Blob files in objects/ whose ids the catalog does not know. */
export async function findOrphans(objectsDir: string, known: (id: string) => boolean): Promise<string[]> {
  const orphans: string[] = [];
  for (const prefix of await readdir(objectsDir)) {
    for (const name of await readdir(join(objectsDir, prefix))) {
      if (!known(name)) orphans.push(join(objectsDir, prefix, name));
    }
  }
  return orphans;
}

/**
 * Removes one blob file; gone already is fine. unlink, not rm: rm reports a file the system
 * will not let go of (EPERM, EBUSY) as "ENOTDIR: not a directory, scandir", which misleads.
 */
export async function removeBlobFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
