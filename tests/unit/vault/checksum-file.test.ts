import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checksumFile } from '../../../electron/core/vault';
import { DirectFile } from '../../../electron/core/vault/direct-read';
import { withoutDd } from './without-dd';

const work = mkdtempSync(join(tmpdir(), 'kluis-checksum-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const xxhsum = (path: string): string => execFileSync('xxhsum', ['-H3', path]).toString().match(/[0-9a-f]{16}/)![0];

describe('checksumFile: the card re-read of an import', () => {
  // below one block (read buffered), block-sized, the 4 MiB direct batch exactly, and sizes cut mid-block
  for (const size of [0, 100, 4096, 4 * 1024 * 1024, 9 * 1024 * 1024 + 7, 8 * 1024 * 1024 + 4096 + 1]) {
    it(`gives the value xxhsum -H3 prints, pages dropped or read with O_DIRECT (${size} bytes)`, async () => {
      const path = join(work, `f${size}`);
      writeFileSync(path, randomBytes(size));
      const r = await checksumFile(path);
      expect(r).toEqual({ xxh3: xxhsum(path), uncached: true });
      // where the pages cannot be dropped (no dd), O_DIRECT reads the device; files below one
      // block, or a file system that refuses O_DIRECT, are read buffered and say so
      const direct = await DirectFile.open(path);
      const directOk = direct !== null && size >= 4096;
      await direct?.close();
      expect(await withoutDd(() => checksumFile(path))).toEqual({ xxh3: xxhsum(path), uncached: directOk });
    });
  }

  it('sees a change written a moment ago (still dirty in the page cache)', async () => {
    const path = join(work, 'changed');
    const data = randomBytes(6 * 1024 * 1024);
    writeFileSync(path, data);
    const before = (await checksumFile(path)).xxh3;
    data[5 * 1024 * 1024]! ^= 1;
    writeFileSync(path, data);
    const after = await checksumFile(path);
    expect(after.xxh3).not.toBe(before);
    expect(after.xxh3).toBe(xxhsum(path));
  });
});
