import { createCipheriv, type Cipher } from 'node:crypto';
import { endianness } from 'node:os';

/** Counter blocks encrypted per step: large enough that OpenSSL, not the loop, sets the pace. */
export const BATCH = 64 * 1024;
const BLOCK = 16;

/**
 * AES-256-CTR as WinZip counts (docs/encrypted-zip.md, section 4): block i is encrypted with
 * the counter u64le(i) || 8 zero bytes, i from 1. Node's aes-256-ctr increments big-endian, so
 * the counter blocks are built here and encrypted with ECB, which is what CTR does inside.
 */
export class WinZipCtr {
  private readonly ecb: Cipher;
  private readonly counters = Buffer.alloc(BATCH);
  private readonly words = new Uint32Array(this.counters.buffer, this.counters.byteOffset, BATCH / 4);
  private next = 1;
  private ended = false;

  constructor(key: Uint8Array) {
    if (endianness() !== 'LE') throw new Error('WinZipCtr builds little-endian counters with 32-bit words; this CPU is big-endian');
    if (key.length !== 32) throw new RangeError('WinZipCtr needs a 32-byte AES-256 key');
    this.ecb = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  }

  /**
   * Encrypts (or decrypts: CTR is its own inverse) `data` in place. Every call but the last
   * must be a whole number of batches, so the keystream never has to carry bytes over a call.
   */
  apply(data: Uint8Array): void {
    if (this.ended) throw new Error('WinZipCtr: only the last piece may end inside a batch');
    for (let off = 0; off < data.length; off += BATCH) {
      const n = Math.min(BATCH, data.length - off);
      xorInto(data.subarray(off, off + n), this.keystream(n));
    }
    if (data.length % BATCH !== 0) this.ended = true;
  }

  private keystream(n: number): Buffer {
    const blocks = Math.ceil(n / BLOCK);
    const w = this.words;
    for (let b = 0; b < blocks; b++, this.next++) {
      // Words are little-endian (the constructor checks), as WinZip's counter is; the upper 8 bytes stay zero.
      w[4 * b] = this.next >>> 0;
      w[4 * b + 1] = Math.floor(this.next / 2 ** 32);
    }
    return this.ecb.update(this.counters.subarray(0, blocks * BLOCK));
  }
}

/** data ^= stream, 32 bits per step where both are aligned (a byte loop is 4-8x slower). */
export function xorInto(data: Uint8Array, stream: Uint8Array): void {
  let i = 0;
  if (data.byteOffset % 4 === 0 && stream.byteOffset % 4 === 0) {
    const words = data.length >>> 2;
    const d = new Int32Array(data.buffer, data.byteOffset, words);
    const s = new Int32Array(stream.buffer, stream.byteOffset, words);
    for (let w = 0; w < words; w++) d[w]! ^= s[w]!;
    i = words << 2;
  }
  for (; i < data.length; i++) data[i]! ^= stream[i]!;
}
