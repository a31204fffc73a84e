import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { CHUNK, chunkAad, chunkCount, chunkNonce, chunkOffset, HEADER_BYTES, MAGIC, openChunk, SEALED_CHUNK, sealedSize } from './blob-format';
import { ChunkOpener, type OpenResult, type SealedChunkPlace } from './chunk-opener';
import { checksummer } from './checksum';
import { DirectFile, DIRECT_ALIGN } from './direct-read';
import { dropPageCache } from './page-cache';
import { VaultError } from './errors';
import { ParallelHasher } from './hasher';

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
const HASH_SLOTS = 4;
/** A read-back keeps this many reads in flight (the device's queue stays full) in OPEN_SLOTS slots. */
const OPEN_READS_AHEAD = 3;
const OPEN_SLOTS = 6;
/**
 * Decrypting workers per read-back, batches dealt round them in turn. The import checks a batch
 * of files after copying it, so a read-back has both cores: one worker decrypted at 1.4 GB/s,
 * below what the device delivers (docs/benchmarks.md, "Import", session 8).
 */
const OPENERS = 2;
/** Below this a worker thread costs more than it saves. */
const PARALLEL_HASH_MIN = 8 * 1024 * 1024;

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

/**
 * Decrypts chunks [first, last] and yields each batch's plaintext chunks. The next batch is
 * read while the current one is decrypted: an uncached read-back would otherwise wait on the
 * disk and the CPU in turn.
 */
async function* decryptChunks(fh: FileHandle, ref: BlobRef, first: number, last: number): AsyncGenerator<Buffer[]> {
  const total = chunkCount(ref.size);
  const idBytes = Buffer.from(ref.id, 'hex');
  const bufs = [Buffer.allocUnsafe(BATCH_CHUNKS * SEALED_CHUNK), Buffer.allocUnsafe(BATCH_CHUNKS * SEALED_CHUNK)];
  const span = (i: number) => {
    const end = Math.min(last, i + BATCH_CHUNKS - 1);
    const from = chunkOffset(i);
    const to = end === total - 1 ? sealedSize(ref.size) : chunkOffset(end + 1);
    return { end, from, len: to - from };
  };
  const readBatch = (i: number, buf: Buffer) => fh.read(buf, 0, span(i).len, span(i).from);
  let next = readBatch(first, bufs[0]!);
  for (let i = first, turn = 0; i <= last; i += BATCH_CHUNKS, turn ^= 1) {
    const { end, len } = span(i);
    const { bytesRead } = await next;
    const buf = bufs[turn]!;
    if (i + BATCH_CHUNKS <= last) next = readBatch(i + BATCH_CHUNKS, bufs[turn ^ 1]!);
    if (bytesRead !== len) throw damaged(ref, 'its encrypted file ended early');
    const plain: Buffer[] = [];
    for (let c = i; c <= end; c++) {
      const at = (c - i) * SEALED_CHUNK;
      const p = openChunk(ref.dataKey, idBytes, c, c === total - 1, buf.subarray(at, Math.min(at + SEALED_CHUNK, len)));
      if (!p) throw damaged(ref, `chunk ${c + 1} of ${total} failed its integrity check`);
      plain.push(p);
    }
    yield plain;
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
    for await (const chunks of decryptChunks(fh, ref, first, last)) {
      const batch = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
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
    const digest = await hashChunks(decryptChunks(fh, ref, 0, chunkCount(ref.size) - 1), ref.size);
    if (digest !== ref.sha256) throw damaged(ref, 'its content does not match the hash recorded when it was added');
    return digest;
  } finally {
    await fh.close();
  }
}


/** SHA-256 of decrypted batches; a large blob is hashed on a second core while this one decrypts. */
async function hashChunks(batches: AsyncGenerator<Buffer[]>, size: number): Promise<string> {
  if (size < PARALLEL_HASH_MIN) {
    const hash = createHash('sha256');
    for await (const chunks of batches) for (const c of chunks) hash.update(c);
    return hash.digest('hex');
  }
  const hasher = new ParallelHasher(HASH_SLOTS, BATCH_CHUNKS * CHUNK);
  try {
    let slot = 0;
    for await (const chunks of batches) {
      await hasher.free(slot);
      let len = 0;
      for (const c of chunks) len += c.copy(hasher.slots[slot]!, len);
      hasher.update(slot, len);
      slot = (slot + 1) % HASH_SLOTS;
    }
    return await hasher.digest();
  } finally {
    await hasher.close();
  }
}

/**
 * Decrypts every chunk (each tag checked) and returns the XXH3-64 of the plaintext. `uncached`:
 * the bytes must come from the device (its cached pages dropped first, else read with O_DIRECT).
 */
export async function checksumBlob(ref: BlobRef, opts: { uncached?: boolean } = {}): Promise<string> {
  const fh = await openChecked(ref);
  try {
    const sum = checksummer();
    // Dropped pages and buffered reads first (faster here, as for the card: checksum.ts); O_DIRECT
    // where the pages cannot be dropped.
    const dropped = opts.uncached ? await dropPageCache(ref.path) : false;
    if (opts.uncached && !dropped && ref.size >= PARALLEL_HASH_MIN) {
      const direct = await DirectFile.open(ref.path);
      if (direct) {
        try {
          if (await openDirectOnSecondCore(direct, ref, (plain) => sum.update(plain))) return sum.digest();
        } finally {
          await direct.close();
        }
      }
    }
    if (ref.size < PARALLEL_HASH_MIN) {
      for await (const chunks of decryptChunks(fh, ref, 0, chunkCount(ref.size) - 1)) for (const c of chunks) sum.update(c);
    } else {
      await openOnWorkers(fh, ref, (plain) => sum.update(plain));
    }
    return sum.digest();
  } finally {
    await fh.close();
  }
}

/** Direct reads of WINDOW bytes; a chunk cut by a window's end is carried into the next slot's headroom. */
const WINDOW = 2 * 1024 * 1024;
const HEADROOM = Math.ceil(SEALED_CHUNK / DIRECT_ALIGN) * DIRECT_ALIGN;
const DIRECT_SLOTS = 4;
const DIRECT_AHEAD = 2;

/**
 * As openOnWorkers (with one worker), but the sealed bytes are read with O_DIRECT straight into the worker's
 * slots. Returns false (having consumed nothing) where the slots cannot be aligned for this file.
 */
async function openDirectOnSecondCore(file: DirectFile, ref: BlobRef, consume: (plain: Buffer) => void): Promise<boolean> {
  const total = chunkCount(ref.size);
  const end = sealedSize(ref.size);
  const windows = Math.ceil(end / WINDOW);
  const idBytes = Buffer.from(ref.id, 'hex');
  const opener = new ChunkOpener(DIRECT_SLOTS, DIRECT_ALIGN + HEADROOM + WINDOW, ref.dataKey);
  const reads: Promise<number>[] = [];
  const consumed: Promise<void>[] = [];
  let chain: Promise<void> = Promise.resolve();
  try {
    const base: number[] = [];
    for (const slot of opener.slots) {
      const a = await file.alignmentOf(slot);
      if (a === null) return false;
      base.push(a + HEADROOM);
    }
    const startRead = (w: number): Promise<number> => {
      const read = (async () => {
        if (w >= DIRECT_SLOTS) await consumed[w - DIRECT_SLOTS];
        return file.read(opener.slots[w % DIRECT_SLOTS]!, base[w % DIRECT_SLOTS]!, WINDOW, w * WINDOW);
      })();
      // A damaged chunk fails the reads queued behind it too, before anyone awaits them: marked
      // handled here (an unhandled rejection otherwise), reported by the await in order.
      read.catch(() => undefined);
      return read;
    };
    for (let w = 0; w < Math.min(DIRECT_AHEAD, windows); w++) reads.push(startRead(w));
    let c = 0;
    let carry = 0;
    for (let w = 0; w < windows; w++) {
      const s = w % DIRECT_SLOTS;
      const slot = opener.slots[s]!;
      const wpos = w * WINDOW;
      const n = await reads[w]!;
      if (w + DIRECT_AHEAD < windows) reads.push(startRead(w + DIRECT_AHEAD));
      const chunks: SealedChunkPlace[] = [];
      const first = c;
      let f = chunkOffset(c);
      for (; c < total; c++) {
        const len = c === total - 1 ? end - f : SEALED_CHUNK;
        if (f + len > wpos + n) break;
        chunks.push({ at: base[s]! + f - wpos, len, nonce: chunkNonce(c), aad: chunkAad(idBytes, c, c === total - 1) });
        f += len;
      }
      if (c < total && (n < WINDOW || w + 1 === windows)) throw damaged(ref, 'its encrypted file ended early');
      carry = c < total ? wpos + n - f : 0;
      if (carry > 0) {
        const s1 = (w + 1) % DIRECT_SLOTS;
        if (w + 1 >= DIRECT_SLOTS) await consumed[w + 1 - DIRECT_SLOTS];
        slot.copy(opener.slots[s1]!, base[s1]! - carry, base[s]! + f - wpos, base[s]! + n);
      }
      const result = chunks.length > 0 ? opener.open(s, chunks) : Promise.resolve<OpenResult>({ slot: s, plainLen: 0 });
      chain = chain.then(async () => {
        const r = await result;
        if ('failed' in r) throw damaged(ref, r.failed < 0 ? 'the decrypting worker stopped' : `chunk ${first + r.failed + 1} of ${total} failed its integrity check`);
        consume(slot.subarray(0, r.plainLen));
      });
      // A damaged chunk rejects this link while the loop waits on the next read, before a later
      // link attaches to it: marked handled here, reported by the awaits below.
      chain.catch(() => undefined);
      consumed.push(chain);
    }
    await chain;
    return true;
  } catch (e) {
    // a damaged chunk also fails the reads queued behind it; report the damage
    throw (await chain.then(() => null, (d: unknown) => d)) ?? e;
  } finally {
    await Promise.allSettled([...reads, chain]);
    await opener.close();
  }
}

/**
 * Reads sealed batches into shared slots and lets OPENERS workers decrypt them while the next
 * batches are read; plaintext is handed to `consume` in order. The key leaves this thread only
 * for the workers, whose jobs end with the call.
 */
async function openOnWorkers(fh: FileHandle, ref: BlobRef, consume: (plain: Buffer) => void): Promise<void> {
  const total = chunkCount(ref.size);
  const idBytes = Buffer.from(ref.id, 'hex');
  const openers = Array.from({ length: OPENERS }, () => new ChunkOpener(OPEN_SLOTS, BATCH_CHUNKS * SEALED_CHUNK, ref.dataKey));
  const inflight: { result: Promise<OpenResult>; first: number }[] = [];
  const take = async (): Promise<void> => {
    const { result, first } = inflight.shift()!;
    const r = await result;
    if ('failed' in r) throw damaged(ref, r.failed < 0 ? 'the decrypting worker stopped' : `chunk ${first + r.failed + 1} of ${total} failed its integrity check`);
    consume(placeOf(first).opener.slots[r.slot]!.subarray(0, r.plainLen));
  };
  const span = (first: number) => {
    const last = Math.min(total - 1, first + BATCH_CHUNKS - 1);
    const from = chunkOffset(first);
    return { last, from, len: (last === total - 1 ? sealedSize(ref.size) : chunkOffset(last + 1)) - from };
  };
  // Batches go round the openers, and each opener's slots, in order; a slot is read into again only after its last batch was consumed.
  const placeOf = (first: number) => {
    const b = first / BATCH_CHUNKS;
    return { opener: openers[b % OPENERS]!, slot: Math.floor(b / OPENERS) % OPEN_SLOTS };
  };
  const reads: Promise<{ bytesRead: number }>[] = [];
  let readFirst = 0;
  const readAhead = async (): Promise<void> => {
    if (readFirst >= total) return;
    while (inflight.length + reads.length >= OPEN_SLOTS * OPENERS) await take();
    const { from, len } = span(readFirst);
    const p = placeOf(readFirst);
    reads.push(fh.read(p.opener.slots[p.slot]!, 0, len, from));
    readFirst += BATCH_CHUNKS;
  };
  try {
    for (let i = 0; i < OPEN_READS_AHEAD * OPENERS; i++) await readAhead();
    for (let first = 0; first < total; first += BATCH_CHUNKS) {
      const { last, len } = span(first);
      const { bytesRead } = await reads.shift()!;
      if (bytesRead !== len) throw damaged(ref, 'its encrypted file ended early');
      const chunks: SealedChunkPlace[] = [];
      for (let c = first; c <= last; c++) {
        const at = (c - first) * SEALED_CHUNK;
        chunks.push({ at, len: Math.min(SEALED_CHUNK, len - at), nonce: chunkNonce(c), aad: chunkAad(idBytes, c, c === total - 1) });
      }
      const p = placeOf(first);
      inflight.push({ result: p.opener.open(p.slot, chunks), first });
      await readAhead();
    }
    while (inflight.length) await take();
  } finally {
    await Promise.allSettled([...reads, ...inflight.map((i) => i.result)]);
    await Promise.all(openers.map((o) => o.close()));
  }
}
