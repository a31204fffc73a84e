import { randomBytes } from 'node:crypto';
import { ShareError } from '../errors';
import { aead, aeadBackend, TAG } from './aead';
import { hkdf } from './kdf';
import { inFlight as depth, openChunks, payloadWorkers, sealChunks } from './payload-workers';
import { ByteReader } from './reader';

export const CHUNK = 64 * 1024;
const SEALED = CHUNK + TAG;
const NONCE = 16;
/** Chunks handed on together: 1 MiB writes and reads cost far fewer system calls and awaits than 64 KiB ones. */
const BATCH = 16;

/** STREAM nonce: an 11-byte big-endian counter, then 1 for the last chunk and 0 before it. */
function chunkNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Electron's path: whole batches of not-last chunks go to worker threads (payload-workers.ts). */
const inWorkers = (): boolean => aeadBackend() === 'wasm' && payloadWorkers() > 0;

/**
 * Queued runs may fail before their turn (or be abandoned when the reader stops): marked handled
 * at once, so only the await in order reports them.
 */
function queued<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

export async function* encryptPayload(fileKey: Buffer, plaintext: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const nonce = randomBytes(NONCE);
  const key = hkdf(fileKey, nonce, 'payload');
  try {
    yield nonce;
    const r = new ByteReader(plaintext);
    const next = inWorkers() ? yield* sealInWorkers(key, r) : 0;
    yield* sealHere(key, r, next);
  } finally {
    key.fill(0);
  }
}

/** Seals batches while more than a batch follows, keeping a few of them in the workers; returns the next chunk's index. */
async function* sealInWorkers(key: Buffer, r: ByteReader): AsyncGenerator<Buffer, number> {
  const inFlight: Promise<Buffer>[] = [];
  let i = 0;
  while (await r.fill(BATCH * CHUNK + 1)) {
    inFlight.push(queued(sealChunks(key, i, BATCH, (into) => r.takeInto(into))));
    i += BATCH;
    if (inFlight.length >= depth()) yield await inFlight.shift()!;
  }
  while (inFlight.length) yield await inFlight.shift()!;
  return i;
}

/** Seals from chunk `first` to the end in this thread, into one buffer per batch. */
async function* sealHere(key: Buffer, r: ByteReader, first: number): AsyncGenerator<Buffer> {
  const box = aead(key);
  let batch = Buffer.allocUnsafe(BATCH * SEALED);
  let used = 0;
  // One byte past a full chunk tells whether that chunk is the last.
  for (let i = first; ; i++) {
    const more = await r.fill(CHUNK + 1);
    used += box.sealInto(chunkNonce(i, !more), r.take(CHUNK), batch, used);
    if (!more) break;
    if (used === batch.length) {
      yield batch;
      batch = Buffer.allocUnsafe(BATCH * SEALED);
      used = 0;
    }
  }
  yield batch.subarray(0, used);
}

const truncated = (why: string) => new ShareError('TRUNCATED', `The package is incomplete: ${why}. Copy or download it again; nothing from it was kept.`);
const damaged = (why: string) => new ShareError('DAMAGED', `The package is damaged: ${why}. Ask the sender to send it again; nothing from it was kept.`);

/** Yields each chunk's plaintext only after its tag verified, and fails if the last chunk is missing. */
export async function* decryptPayload(fileKey: Buffer, r: ByteReader): AsyncGenerator<Buffer> {
  if (!(await r.fill(NONCE))) throw truncated('it ends before its payload');
  const key = hkdf(fileKey, r.take(NONCE), 'payload');
  try {
    const next = inWorkers() ? yield* openInWorkers(key, r) : 0;
    yield* openHere(key, r, next);
  } finally {
    key.fill(0);
  }
}

/** Opens batches while more than a batch follows (so none holds the last chunk); returns the next chunk's index. */
async function* openInWorkers(key: Buffer, r: ByteReader): AsyncGenerator<Buffer, number> {
  const inFlight: Promise<Buffer>[] = [];
  const run = async (first: number, at: number): Promise<Buffer> => {
    const got = await openChunks(key, first, BATCH, (into) => r.takeInto(into));
    if (typeof got === 'number') throw damaged(`chunk ${first + got} (at byte ${at + got * SEALED}) fails its check`);
    return got;
  };
  let i = 0;
  while (await r.fill(BATCH * SEALED + 1)) {
    inFlight.push(queued(run(i, r.offset)));
    i += BATCH;
    if (inFlight.length >= depth()) yield await inFlight.shift()!;
  }
  while (inFlight.length) yield await inFlight.shift()!;
  return i;
}

/** Opens from chunk `first` to the end in this thread, telling the last chunk apart. */
async function* openHere(key: Buffer, r: ByteReader, first: number): AsyncGenerator<Buffer> {
  const box = aead(key);
  for (let i = first; ; i++) {
    if (await r.fill(SEALED + 1)) {
      const plain = box.open(chunkNonce(i, false), r.take(SEALED));
      if (!plain) throw damaged(`chunk ${i} (at byte ${r.offset - SEALED}) fails its check`);
      yield plain;
      continue;
    }
    const piece = r.take(SEALED);
    if (piece.length < TAG) throw truncated(i === 0 ? 'it has no encrypted content' : `it stops after chunk ${i - 1}, before the last chunk`);
    const plain = box.open(chunkNonce(i, true), piece);
    if (plain) {
      if (plain.length === 0 && i > 0) throw damaged('its last chunk is empty');
      if (plain.length > 0) yield plain;
      return;
    }
    // A full chunk that is valid but not marked last means the rest was cut off at a chunk boundary.
    if (piece.length === SEALED && box.open(chunkNonce(i, false), piece)) throw truncated(`it stops after chunk ${i}, before the last chunk`);
    throw damaged(`its last chunk (${i}) fails its check; it was changed or cut short`);
  }
}
