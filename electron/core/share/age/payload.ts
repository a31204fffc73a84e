import { randomBytes } from 'node:crypto';
import { ShareError } from '../errors';
import { aead, TAG } from './aead';
import { hkdf } from './kdf';
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

export async function* encryptPayload(fileKey: Buffer, plaintext: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const nonce = randomBytes(NONCE);
  const box = aead(hkdf(fileKey, nonce, 'payload'));
  yield nonce;
  const r = new ByteReader(plaintext);
  let batch: Buffer[] = [];
  // One byte past a full chunk tells whether that chunk is the last.
  for (let i = 0; ; i++) {
    const more = await r.fill(CHUNK + 1);
    batch.push(box.seal(chunkNonce(i, !more), r.take(CHUNK)));
    if (!more) break;
    if (batch.length === BATCH) {
      yield Buffer.concat(batch);
      batch = [];
    }
  }
  yield Buffer.concat(batch);
}

const truncated = (why: string) => new ShareError('TRUNCATED', `The package is incomplete: ${why}. Copy or download it again; nothing from it was kept.`);
const damaged = (why: string) => new ShareError('DAMAGED', `The package is damaged: ${why}. Ask the sender to send it again; nothing from it was kept.`);

/** Yields each chunk's plaintext only after its tag verified, and fails if the last chunk is missing. */
export async function* decryptPayload(fileKey: Buffer, r: ByteReader): AsyncGenerator<Buffer> {
  if (!(await r.fill(NONCE))) throw truncated('it ends before its payload');
  const box = aead(hkdf(fileKey, r.take(NONCE), 'payload'));
  let batch: Buffer[] = [];
  for (let i = 0; ; i++) {
    if (await r.fill(SEALED + 1)) {
      const plain = box.open(chunkNonce(i, false), r.take(SEALED));
      if (!plain) throw damaged(`chunk ${i} (at byte ${r.offset - SEALED}) fails its check`);
      batch.push(plain);
      if (batch.length === BATCH) {
        yield Buffer.concat(batch);
        batch = [];
      }
      continue;
    }
    if (batch.length) yield Buffer.concat(batch);
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
