import { createCipheriv, createDecipheriv } from 'node:crypto';

/** The blob format of docs/vault-format.md section 3. */
export const MAGIC = Buffer.from('KLUISBL1', 'ascii');
export const BLOB_ID_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + BLOB_ID_BYTES;
export const CHUNK = 64 * 1024;
export const TAG = 16;
export const SEALED_CHUNK = CHUNK + TAG;

export function chunkCount(size: number): number {
  return Math.max(1, Math.ceil(size / CHUNK));
}

export function sealedSize(size: number): number {
  return HEADER_BYTES + size + TAG * chunkCount(size);
}

export function chunkOffset(index: number): number {
  return HEADER_BYTES + index * SEALED_CHUNK;
}

export function blobHeader(id: Buffer): Buffer {
  return Buffer.concat([MAGIC, id]);
}

export function chunkNonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 4);
  return n;
}

export function chunkAad(id: Buffer, index: number, final: boolean): Buffer {
  const a = Buffer.alloc(HEADER_BYTES + 9);
  MAGIC.copy(a, 0);
  id.copy(a, MAGIC.length);
  a.writeBigUInt64BE(BigInt(index), HEADER_BYTES);
  a[HEADER_BYTES + 8] = final ? 1 : 0;
  return a;
}

/** Seals one chunk into `out` at `at`; returns the number of bytes written. */
export function sealChunk(key: Buffer, id: Buffer, index: number, final: boolean, plain: Buffer, out: Buffer, at: number): number {
  const c = createCipheriv('aes-256-gcm', key, chunkNonce(index));
  c.setAAD(chunkAad(id, index, final));
  // update() into a fresh buffer then copy costs one extra memcpy; at 64 KiB that is noise next to AES.
  const body = c.update(plain);
  body.copy(out, at);
  c.final();
  c.getAuthTag().copy(out, at + body.length);
  return body.length + TAG;
}

/** Opens one sealed chunk; returns null when its tag does not verify (damaged, moved or swapped). */
export function openChunk(key: Buffer, id: Buffer, index: number, final: boolean, sealed: Buffer): Buffer | null {
  if (sealed.length < TAG) return null;
  const d = createDecipheriv('aes-256-gcm', key, chunkNonce(index));
  d.setAAD(chunkAad(id, index, final));
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = d.update(sealed.subarray(0, sealed.length - TAG));
  try {
    d.final();
  } catch {
    return null;
  }
  return plain;
}
