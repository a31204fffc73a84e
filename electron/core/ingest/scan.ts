import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { groupUnits, isSystemFile } from './layouts';
import type { CardScan, SourceFile } from './types';

/** Lists every regular file below root (links are not followed: a card has none, a trap might). */
async function walk(root: string, rel: string, out: SourceFile[], problems: string[]): Promise<void> {
  let names: string[];
  try {
    names = await readdir(join(root, rel));
  } catch (e) {
    problems.push(`${rel || '.'}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return;
  }
  for (const name of names.sort()) {
    const relPath = rel ? `${rel}/${name}` : name;
    if (isSystemFile(relPath)) continue;
    const st = await lstat(join(root, relPath)).catch(() => null);
    if (!st) continue;
    if (st.isDirectory()) await walk(root, relPath, out, problems);
    else if (st.isFile()) out.push({ relPath, size: st.size, mtimeMs: Math.round(st.mtimeMs) });
  }
}

export async function scanCard(root: string): Promise<CardScan & { problems: string[] }> {
  const files: SourceFile[] = [];
  const problems: string[] = [];
  await walk(root, '', files, problems);
  return { root, ...groupUnits(files), problems };
}
