import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK, chunkCount, chunkOffset, HEADER_BYTES, openChunk, SEALED_CHUNK, sealChunk, sealedSize, TAG } from '../../../electron/core/vault/blob-format';

describe('blob format arithmetic (vault-format.md section 3)', () => {
  it('uses the constants of the spec', () => {
    expect(HEADER_BYTES).toBe(24);
    expect(CHUNK).toBe(65536);
    expect(TAG).toBe(16);
    expect(SEALED_CHUNK).toBe(65552);
  });

  it.each([
    [0, 1, 40],
    [1, 1, 41],
    [CHUNK - 1, 1, 24 + 65535 + 16],
    [CHUNK, 1, 24 + 65536 + 16],
    [CHUNK + 1, 2, 24 + 65537 + 32],
    [2 * CHUNK, 2, 24 + 2 * 65536 + 32],
    [3 * 1024 ** 3, 49152, 24 + 3 * 1024 ** 3 + 16 * 49152],
    // beyond 2^32: plain number arithmetic must stay exact
    [5 * 1024 ** 4 + 7, 83886081, 24 + 5 * 1024 ** 4 + 7 + 16 * 83886081],
  ])('size %d: %d chunks, %d bytes sealed', (size, chunks, sealed) => {
    expect(chunkCount(size)).toBe(chunks);
    expect(sealedSize(size)).toBe(sealed);
  });

  it('places chunk i at 24 + i * 65552, and the last chunk ends the file', () => {
    expect(chunkOffset(0)).toBe(24);
    expect(chunkOffset(1)).toBe(24 + 65552);
    expect(chunkOffset(49151)).toBe(24 + 49151 * 65552);
    for (const n of [0, 1, 65535, 65536, 65537, 1_000_000, 3 * 1024 ** 3 - 1]) {
      const last = chunkCount(n) - 1;
      expect(chunkOffset(last) + (n - last * CHUNK) + TAG).toBe(sealedSize(n));
    }
  });
});

describe('chunk sealing', () => {
  const key = randomBytes(32);
  const id = randomBytes(16);

  function seal(index: number, final: boolean, plain: Buffer): Buffer {
    const out = Buffer.alloc(plain.length + TAG);
    expect(sealChunk(key, id, index, final, plain, out, 0)).toBe(plain.length + TAG);
    return out;
  }

  it('opens what it sealed, and only with the same key, id, index and final flag', () => {
    const plain = randomBytes(CHUNK);
    const sealed = seal(5, false, plain);
    expect(openChunk(key, id, 5, false, sealed)!.equals(plain)).toBe(true);
    expect(openChunk(randomBytes(32), id, 5, false, sealed)).toBeNull();
    expect(openChunk(key, randomBytes(16), 5, false, sealed)).toBeNull();
    expect(openChunk(key, id, 6, false, sealed)).toBeNull();
    expect(openChunk(key, id, 5, true, sealed)).toBeNull();
  });

  it('seals an empty final chunk as a bare tag', () => {
    const sealed = seal(0, true, Buffer.alloc(0));
    expect(sealed.length).toBe(TAG);
    expect(openChunk(key, id, 0, true, sealed)!.length).toBe(0);
    expect(openChunk(key, id, 0, false, sealed)).toBeNull();
  });

  it('rejects any flipped bit and anything shorter than a tag', () => {
    const sealed = seal(0, true, randomBytes(100));
    for (let byte = 0; byte < sealed.length; byte += 7) {
      const bad = Buffer.from(sealed);
      bad[byte] = bad[byte]! ^ 0x10;
      expect(openChunk(key, id, 0, true, bad)).toBeNull();
    }
    expect(openChunk(key, id, 0, true, sealed.subarray(0, TAG - 1))).toBeNull();
  });
});
