import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK, chunkOffset } from '../../../electron/core/vault/blob-format';
import { Vault, isVaultError } from '../../../electron/core/vault';
import { withoutDd } from './without-dd';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const work = mkdtempSync(join(tmpdir(), 'kluis-checksum-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const xxhsum = (b: Buffer): string => execFileSync('xxhsum', ['-H3'], { input: b, maxBuffer: 1 << 20 }).toString().match(/[0-9a-f]{16}/)![0];

async function blobFile(vaultDir: string): Promise<string> {
  const objects = join(vaultDir, 'objects');
  const prefix = readdirSync(objects)[0]!;
  return join(objects, prefix, readdirSync(join(objects, prefix))[0]!);
}

describe('checksumBlob: the vault read-back of an import', () => {
  // 9 MiB goes through the decrypting worker (uncached: pages dropped and read buffered, or,
  // without dd, read with O_DIRECT in 2 MiB windows that cut chunks); 100 KiB stays on the calling thread.
  for (const size of [100 * 1024, 9 * 1024 * 1024 + 7]) {
    it(`returns the XXH3-64 xxhsum gives, and names a damaged chunk (${size} bytes)`, async () => {
      const dir = join(work, `v${size}`);
      const { vault } = await Vault.create(dir, 'checksum test passphrase: negen nijlpaarden 9', { kdf: { memoryKiB: 65536, iterations: 3 } });
      const data = randomBytes(size);
      const blobId = await vault.storeBytes(data, { checksum: true }, (b) => {
        expect(b.xxh3).toBe(xxhsum(data));
        return b.id;
      });
      expect(await vault.checksumBlob(blobId, { uncached: true })).toBe(xxhsum(data));
      expect(await withoutDd(() => vault.checksumBlob(blobId, { uncached: true }))).toBe(xxhsum(data));
      const damagedChunk = Math.floor(size / CHUNK / 2);
      const fh = await open(await blobFile(dir), 'r+');
      const at = chunkOffset(damagedChunk) + 100;
      const byte = Buffer.alloc(1);
      await fh.read(byte, 0, 1, at);
      byte[0]! ^= 0x10;
      await fh.write(byte, 0, 1, at);
      await fh.close();
      for (const [uncached, noDd] of [[false, false], [true, false], [true, true]] as const) {
        const check = () => vault.checksumBlob(blobId, { uncached });
        const failure = await (noDd ? withoutDd(check) : check()).catch((e: unknown) => e);
        expect(isVaultError(failure, 'BLOB_DAMAGED')).toBe(true);
        expect((failure as Error).message).toContain(`chunk ${damagedChunk + 1} of`);
      }
      await vault.lock();
    });
  }
});
