import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checksumFile } from '../../../electron/core/vault';

const work = mkdtempSync(join(tmpdir(), 'kluis-checksum-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const xxhsum = (path: string): string => execFileSync('xxhsum', ['-H3', path]).toString().match(/[0-9a-f]{16}/)![0];

describe('checksumFile: the card re-read of an import', () => {
  // below one block (read buffered), block-sized, the 4 MiB direct batch exactly, and sizes cut mid-block
  for (const size of [0, 100, 4096, 4 * 1024 * 1024, 9 * 1024 * 1024 + 7, 8 * 1024 * 1024 + 4096 + 1]) {
    it(`gives the value xxhsum -H3 prints (${size} bytes)`, async () => {
      const path = join(work, `f${size}`);
      writeFileSync(path, randomBytes(size));
      const r = await checksumFile(path);
      expect(r.xxh3).toBe(xxhsum(path));
      expect(typeof r.uncached).toBe('boolean');
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
