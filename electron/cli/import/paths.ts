import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors';

/** SOURCE must be a readable folder; checked before the slow unlock so a typo costs nothing. */
export async function checkSource(source: string): Promise<string> {
  const info = await stat(source).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new UsageError(`The source ${source} does not exist; check the path, or run "kluis cards" to see the cards Kluis can find.`);
    throw new UsageError(`Kluis cannot read the source ${source} (${e.code ?? e.message}).`);
  });
  if (!info.isDirectory()) throw new UsageError(`The source ${source} is a file; give the card's folder (its root, or any folder on it).`);
  return realpath(source);
}

const inside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/** Importing (and wiping) a folder that holds the vault, or one inside it, can only be a mistake. */
export async function checkNoOverlap(source: string, vaultDir: string): Promise<void> {
  const vault = await realpath(vaultDir).catch(() => resolve(vaultDir));
  if (inside(vault, source) || inside(source, vault)) throw new UsageError(`The source ${source} and the vault ${vault} overlap; import from the card, not from a folder that holds the vault or lies inside it.`);
}

/** A report file goes to an existing folder; a missing folder is found before the import, not after it. */
export async function checkOutputFile(file: string | undefined, flag: string): Promise<string | undefined> {
  if (file === undefined) return undefined;
  if (file === '') throw new UsageError(`${flag} needs a file name.`);
  const target = resolve(file);
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) throw new UsageError(`${flag} ${file} is a folder; give a file name.`);
  const parent = await stat(dirname(target)).catch(() => null);
  if (!parent?.isDirectory()) throw new UsageError(`${flag} ${file}: the folder ${dirname(target)} does not exist.`);
  return target;
}
