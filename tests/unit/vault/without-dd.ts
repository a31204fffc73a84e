import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `f` with a PATH that holds no `dd`, so the page cache cannot be dropped and the uncached
 * reads take their O_DIRECT way (as on a system without GNU dd).
 */
export async function withoutDd<T>(f: () => Promise<T>): Promise<T> {
  const empty = mkdtempSync(join(tmpdir(), 'kluis-no-dd-'));
  const path = process.env.PATH;
  process.env.PATH = empty;
  try {
    return await f();
  } finally {
    process.env.PATH = path;
    rmSync(empty, { recursive: true, force: true });
  }
}
