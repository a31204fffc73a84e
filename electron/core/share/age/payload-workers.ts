import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { wasmModule } from './wasm-aead';

/**
 * Seals and opens runs of whole, not-last STREAM chunks in worker threads with the WebAssembly
 * ChaCha20-Poly1305, so Electron uses every core for a package (chunks are independent given
 * their counter). The workers are kept between packages: starting one costs about 40 ms. They
 * know the STREAM nonce (counter, last flag 0) and nothing else of age; the caller keeps order
 * and handles the last chunk. Plain CommonJS as source text, so it loads the same way under
 * tsx, vitest, the bundled CLI and Electron's main process; the compiled module is posted to
 * it, so nothing is read from node_modules.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const CHUNK = 65536, TAG = 16, SEALED = CHUNK + TAG;
let w = null, mem = null;
function nonce(counter) {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  return n;
}
function load(key, counter, src) {
  mem.set(key, w.key_ptr());
  mem.set(nonce(counter), w.nonce_ptr());
  mem.set(src, w.in_ptr());
}
// In place, so no buffer is allocated per run: sealing goes from the last chunk to the first,
// since each sealed chunk is longer than its plaintext and would overwrite the next one's.
function seal(m) {
  const buf = new Uint8Array(m.buf);
  for (let j = m.count - 1; j >= 0; j--) {
    load(m.key, m.first + j, buf.subarray(j * CHUNK, (j + 1) * CHUNK));
    w.seal(CHUNK);
    buf.set(mem.subarray(w.out_ptr(), w.out_ptr() + SEALED), j * SEALED);
  }
  mem.fill(0, w.in_ptr(), w.in_ptr() + CHUNK);
  return { buf: m.buf };
}
// In place from the first chunk on: each plaintext is shorter than its sealed chunk.
function open(m) {
  const buf = new Uint8Array(m.buf);
  for (let j = 0; j < m.count; j++) {
    load(m.key, m.first + j, buf.subarray(j * SEALED, (j + 1) * SEALED));
    if (w.open(SEALED) !== 1) {
      buf.fill(0);
      mem.fill(0, w.out_ptr(), w.out_ptr() + CHUNK);
      return { failed: j };
    }
    buf.set(mem.subarray(w.out_ptr(), w.out_ptr() + CHUNK), j * CHUNK);
  }
  mem.fill(0, w.out_ptr(), w.out_ptr() + CHUNK);
  return { buf: m.buf };
}
parentPort.on('message', (m) => {
  if (m.op === 'init') {
    w = new WebAssembly.Instance(m.module, {}).exports;
    mem = new Uint8Array(w.memory.buffer);
    return;
  }
  const r = m.op === 'seal' ? seal(m) : open(m);
  m.key.fill(0);
  parentPort.postMessage({ id: m.id, ...r }, r.buf ? [r.buf] : []);
});
`;

interface Pending {
  resolve(r: { buf?: ArrayBuffer; failed?: number }): void;
  reject(e: Error): void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Two cores here and on most school laptops; more workers than cores only add copying. */
const CHUNK = 64 * 1024;
const SEALED = CHUNK + 16;

let WORKERS = Math.max(1, Math.min(4, availableParallelism()));

/** The benchmark compares worker counts; 0 seals and opens in the calling thread. */
export function setPayloadWorkers(n: number): void {
  WORKERS = n;
}

export const payloadWorkers = (): number => WORKERS;
const pool: PoolWorker[] = [];
let ids = 0;

function startWorker(): PoolWorker {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const pw: PoolWorker = { worker, pending: new Map() };
  worker.postMessage({ op: 'init', module: wasmModule() });
  worker.unref();
  worker.on('message', (m: { id: number; buf?: ArrayBuffer; failed?: number }) => {
    const p = pw.pending.get(m.id);
    pw.pending.delete(m.id);
    if (pw.pending.size === 0) worker.unref();
    p?.resolve(m);
  });
  const lost = (e: Error): void => {
    pool.splice(pool.indexOf(pw), 1);
    for (const p of pw.pending.values()) p.reject(e);
    pw.pending.clear();
  };
  worker.on('error', lost);
  worker.on('exit', () => {
    if (pool.includes(pw)) lost(new Error('a share encryption worker stopped'));
  });
  pool.push(pw);
  return pw;
}

/** The least busy worker, starting one while fewer than WORKERS run. */
function pick(): PoolWorker {
  const idle = pool.find((p) => p.pending.size === 0);
  if (idle) return idle;
  if (pool.length < WORKERS) return startWorker();
  return pool.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
}

/** `buf` is transferred, not cloned: no copy of the key or the data stays behind in this thread. */
function run(op: 'seal' | 'open', key: Uint8Array, first: number, count: number, buf: ArrayBuffer): Promise<{ buf?: ArrayBuffer; failed?: number }> {
  const keyCopy = new Uint8Array(key);
  const pw = pick();
  const id = ++ids;
  return new Promise((resolve, reject) => {
    pw.pending.set(id, { resolve, reject });
    pw.worker.ref();
    pw.worker.postMessage({ op, id, key: keyCopy, first, count, buf }, [buf, keyCopy.buffer]);
  });
}

/**
 * Chunks first..first+count-1 (none of them the last) sealed, in order. `space` is given away
 * (transferred to a worker): its first count × 64 KiB bytes are the plaintext, and it must hold
 * count sealed chunks, which are written over it.
 */
export async function sealChunks(key: Uint8Array, first: number, count: number, space: ArrayBuffer): Promise<Buffer> {
  if (space.byteLength < count * SEALED) throw new RangeError(`sealing ${count} chunks needs ${count * SEALED} bytes of space`);
  const r = await run('seal', key, first, count, space);
  return Buffer.from(r.buf!, 0, count * SEALED);
}

/**
 * Their plaintext, or the index (from 0) of the first chunk whose tag fails; nothing of a failed
 * run is released. `sealed` (count sealed chunks) is given away and decrypted over.
 */
export async function openChunks(key: Uint8Array, first: number, count: number, sealed: ArrayBuffer): Promise<Buffer | number> {
  const r = await run('open', key, first, count, sealed);
  return r.failed ?? Buffer.from(r.buf!, 0, count * CHUNK);
}

/** How many runs to keep in flight so every worker has the next one ready. */
export const inFlight = (): number => 2 * WORKERS;

/** Stops the idle workers (tests; the app keeps them for the next package). */
export async function stopPayloadWorkers(): Promise<void> {
  await Promise.all(pool.splice(0).map((p) => p.worker.terminate()));
}
