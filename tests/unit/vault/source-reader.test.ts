import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHashed, type HashResult } from '../../../electron/core/vault/source-reader';

const work = mkdtempSync(join(tmpdir(), 'kluis-source-reader-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every batch readHashed yields, joined, with the SHA-256 it reports. */
async function readAll(path: string): Promise<{ bytes: Buffer; result: HashResult; batches: number }> {
  const src = await open(path, 'r');
  try {
    const { size } = await src.stat();
    const result: HashResult = {};
    const parts: Buffer[] = [];
    for await (const b of readHashed(src, size, result)) parts.push(Buffer.from(b));
    return { bytes: Buffer.concat(parts), result, batches: parts.length };
  } finally {
    await src.close();
  }
}

describe('readHashed: the copy read of an import', () => {
  // below the worker threshold, past it cut mid-block, and exactly a whole number of batches
  for (const size of [3 * 1024 * 1024 + 5, 9 * 1024 * 1024 + 7, 8 * 1024 * 1024, 8 * 1024 * 1024 + 4096 + 1]) {
    it(`yields the file's bytes and SHA-256 in 1 MiB batches (${size} bytes)`, async () => {
      const path = join(work, `f${size}`);
      const data = randomBytes(size);
      writeFileSync(path, data);
      const r = await readAll(path);
      expect(r.bytes.equals(data)).toBe(true);
      expect(r.result.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      // 1 MiB batches: the writer's slots hold one batch each
      expect(r.batches).toBe(Math.ceil(size / (1024 * 1024)));
    });
  }

  it('sees bytes written a moment ago (still dirty in the page cache)', async () => {
    const path = join(work, 'dirty');
    const data = randomBytes(10 * 1024 * 1024);
    writeFileSync(path, data);
    data[7 * 1024 * 1024 + 3]! ^= 0xff;
    const fh = await open(path, 'r+');
    await fh.write(data, 7 * 1024 * 1024, 4096, 7 * 1024 * 1024);
    await fh.close();
    const r = await readAll(path);
    expect(r.bytes.equals(data)).toBe(true);
  });
});
