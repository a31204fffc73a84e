import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { CHUNK, chunkCount, chunkOffset, HEADER_BYTES, MAGIC, openChunk, SEALED_CHUNK, sealedSize } from './blob-format';
import { VaultError } from './errors';

export interface BlobRef {
  id: string;
  dataKey: Buffer;
  size: number;
  sha256: string;
  /** names the item in error messages, e.g. 'it_1234 ("lesson.mp4")' */
  label: string;
  path: string;
}

/** Decrypts the batch in one read of up to this many chunks (1 MiB of plaintext). */
const BATCH_CHUNKS = 16;

function damaged(ref: BlobRef, why: string): VaultError {
  return new VaultError('BLOB_DAMAGED', `Item ${ref.label} is damaged: ${why}. Its encrypted file cannot be trusted; restore it from the original or a backup.`);
}

async function openChecked(ref: BlobRef): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(ref.path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw damaged(ref, 'its encrypted file is missing');
    throw e;
  }
  try {
    const { size } = await fh.stat();
    const expected = sealedSize(ref.size);
    if (size !== expected) throw damaged(ref, size < expected ? `its encrypted file is truncated (${size} of ${expected} bytes)` : `its encrypted file is ${size - expected} bytes too long`);
    const head = Buffer.alloc(HEADER_BYTES);
    await fh.read(head, 0, HEADER_BYTES, 0);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged(ref, 'its file header is not a Kluis blob header');
    if (head.subarray(MAGIC.length).toString('hex') !== ref.id) throw damaged(ref, 'its encrypted file belongs to another item (files were swapped or renamed)');
    return fh;
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Decrypts chunks [first, last] and yields their plaintext, one batch at a time. */
async function* decryptChunks(fh: FileHandle, ref: BlobRef, first: number, last: number): AsyncGenerator<Buffer> {
  const total = chunkCount(ref.size);
  const idBytes = Buffer.from(ref.id, 'hex');
  const buf = Buffer.allocUnsafe(BATCH_CHUNKS * SEALED_CHUNK);
  for (let i = first; i <= last; i += BATCH_CHUNKS) {
    const end = Math.min(last, i + BATCH_CHUNKS - 1);
    const from = chunkOffset(i);
    const to = end === total - 1 ? sealedSize(ref.size) : chunkOffset(end + 1);
    const { bytesRead } = await fh.read(buf, 0, to - from, from);
    if (bytesRead !== to - from) throw damaged(ref, 'its encrypted file ended early');
    const plain: Buffer[] = [];
    for (let c = i; c <= end; c++) {
      const at = (c - i) * SEALED_CHUNK;
      const sealed = buf.subarray(at, Math.min(at + SEALED_CHUNK, to - from));
      const p = openChunk(ref.dataKey, idBytes, c, c === total - 1, sealed);
      if (!p) throw damaged(ref, `chunk ${c + 1} of ${total} failed its integrity check`);
      plain.push(p);
    }
    yield plain.length === 1 ? plain[0]! : Buffer.concat(plain);
  }
}

/**
 * Plaintext of bytes [start, end) of the blob, streamed in batches. Only the chunks that
 * cover the range are read, so a range anywhere in a large file costs about the same.
 */
export async function* readBlobRange(ref: BlobRef, start: number, end: number): AsyncGenerator<Buffer> {
  if (start < 0 || end > ref.size || start > end) {
    throw new VaultError('NOT_FOUND', `The range ${start}-${end} lies outside item ${ref.label} (${ref.size} bytes).`);
  }
  // An empty item still has one sealed chunk: check it, so a damaged empty blob is not read as "".
  if (ref.size === 0) return void (await verifyBlob(ref));
  if (start === end) return;
  const fh = await openChecked(ref);
  try {
    const first = Math.floor(start / CHUNK);
    const last = Math.floor((end - 1) / CHUNK);
    let pos = first * CHUNK;
    for await (const batch of decryptChunks(fh, ref, first, last)) {
      const from = Math.max(0, start - pos);
      const to = Math.min(batch.length, end - pos);
      pos += batch.length;
      yield batch.subarray(from, to);
    }
  } finally {
    await fh.close();
  }
}

export async function readBlobBytes(ref: BlobRef, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of readBlobRange(ref, start, end)) parts.push(p);
  return Buffer.concat(parts);
}

/**
 * Decrypts every chunk and compares the plaintext's SHA-256 with the catalog. Throws on damage;
 * returns the hash so an import can compare it with the source's.
 */
export async function verifyBlob(ref: BlobRef): Promise<string> {
  const fh = await openChecked(ref);
  try {
    const hash = createHash('sha256');
    for await (const batch of decryptChunks(fh, ref, 0, chunkCount(ref.size) - 1)) hash.update(batch);
    const digest = hash.digest('hex');
    if (digest !== ref.sha256) throw damaged(ref, 'its content does not match the hash recorded when it was added');
    return digest;
  } finally {
    await fh.close();
  }
}

