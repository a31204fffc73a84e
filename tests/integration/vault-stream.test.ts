import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault, VaultError } from '../../electron/core/vault';
import { createVault, prng, removeDir, tempDir } from '../helpers/vault-fixtures';

const MiB = 1024 * 1024;

/** Yields `data` in pieces of random size, as a pipe from ffmpeg would. */
async function* pieces(data: Buffer, seed: number): AsyncGenerator<Buffer> {
  const rnd = prng(seed);
  for (let off = 0; off < data.length; ) {
    const n = 1 + rnd.int(rnd.next() < 0.9 ? 64 * 1024 : 3 * MiB);
    yield data.subarray(off, off + n);
    off += n;
    await new Promise((r) => setImmediate(r));
  }
}

describe('Vault.storeStream (output of unknown length)', () => {
  let root: string;
  let vault: Vault;

  beforeAll(async () => {
    root = await tempDir();
    vault = (await createVault(join(root, 'vault'))).vault;
  });
  afterAll(async () => {
    if (vault?.isOpen) await vault.lock();
    await removeDir(root);
  });

  for (const size of [0, 1, 64 * 1024, MiB, MiB + 1, 8 * MiB - 3, 21 * MiB + 12345]) {
    it(`stores ${size} bytes in random pieces and reads them back`, async () => {
      const data = randomBytes(size);
      const blob = await vault.storeStream(pieces(data, size), { name: 'piped' }, (b) => b);
      expect(blob.size).toBe(size);
      expect(blob.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      const back: Buffer[] = [];
      for await (const c of vault.readBlob(blob.id)) back.push(Buffer.from(c));
      expect(Buffer.concat(back).equals(data)).toBe(true);
    });
  }

  it('a cancelled stream leaves no blob and no staged file', async () => {
    const before = await readdir(join(root, 'vault', 'objects'), { recursive: true });
    const ac = new AbortController();
    async function* endless() {
      for (let i = 0; ; i++) {
        if (i === 20) ac.abort();
        yield randomBytes(256 * 1024);
      }
    }
    const linked: string[] = [];
    await expect(vault.storeStream(endless(), { signal: ac.signal }, (b) => linked.push(b.id))).rejects.toSatisfy((e) => e instanceof VaultError && e.code === 'CANCELLED');
    expect(linked).toEqual([]);
    expect(await readdir(join(root, 'vault', 'objects'), { recursive: true })).toEqual(before);
    expect(await readdir(join(root, 'vault', 'staging'))).toEqual([]);
  });

  it('a source that fails midway stores nothing and passes the reason on', async () => {
    async function* broken() {
      yield randomBytes(3 * MiB);
      throw new Error('ffmpeg exited with code 1');
    }
    await expect(vault.storeStream(broken(), {}, (b) => b)).rejects.toThrow(/ffmpeg exited with code 1/);
    expect(await readdir(join(root, 'vault', 'staging'))).toEqual([]);
  });
});
