/** Small stream helpers for the age and tar tests; they feed real bytes to the real code. */
import { ShareError, type ShareErrorCode } from '../../../electron/core/share/errors';

export async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts);
}

/** Splits a buffer into pieces of `size` bytes, as a file stream or a pipe would deliver it. */
export async function* pieces(data: Buffer, size = 10_000): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

/** Runs a decryption to its end; returns what it released before failing, and the code. */
export async function failure(it: AsyncIterable<Buffer>): Promise<{ code: ShareErrorCode | 'none'; released: Buffer }> {
  const parts: Buffer[] = [];
  try {
    for await (const c of it) parts.push(c);
  } catch (e) {
    if (!(e instanceof ShareError)) throw e;
    return { code: e.code, released: Buffer.concat(parts) };
  }
  return { code: 'none', released: Buffer.concat(parts) };
}

/** Plaintext whose every 64 KiB chunk is different, so a released chunk can be located. */
export function pattern(n: number): Buffer {
  if (n < 4) return Buffer.alloc(n, 0x5a);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i += 4) b.writeUInt32BE((i * 2654435761) >>> 0, Math.min(i, n - 4));
  return b;
}
