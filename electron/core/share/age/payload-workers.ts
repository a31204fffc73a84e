import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TAG } from './aead';
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
// In place in the caller's shared slot, which the caller copies out once this replies.
// Sealing goes from the last chunk to the first, since each sealed chunk is longer than its
// plaintext and would overwrite the next one's.
function seal(m) {
  const buf = new Uint8Array(m.slot);
  for (let j = m.count - 1; j >= 0; j--) {
    load(m.key, m.first + j, buf.subarray(j * CHUNK, (j + 1) * CHUNK));
    w.seal(CHUNK);
    buf.set(mem.subarray(w.out_ptr(), w.out_ptr() + SEALED), j * SEALED);
  }
  mem.fill(0, w.in_ptr(), w.in_ptr() + CHUNK);
  return {};
}
// In place from the first chunk on: each plaintext is shorter than its sealed chunk.
function open(m) {
  const buf = new Uint8Array(m.slot);
  for (let j = 0; j < m.count; j++) {
    load(m.key, m.first + j, buf.subarray(j * SEALED, (j + 1) * SEALED));
    if (w.open(SEALED) !== 1) {
      buf.fill(0, 0, j * CHUNK);
      mem.fill(0, w.out_ptr(), w.out_ptr() + CHUNK);
      return { failed: j };
    }
    buf.set(mem.subarray(w.out_ptr(), w.out_ptr() + CHUNK), j * CHUNK);
  }
  mem.fill(0, w.out_ptr(), w.out_ptr() + CHUNK);
  return {};
}
parentPort.on('message', (m) => {
  if (m.op === 'init') {
    w = new WebAssembly.Instance(m.module, {}).exports;
    mem = new Uint8Array(w.memory.buffer);
    return;
  }
  const r = m.op === 'seal' ? seal(m) : open(m);
  m.key.fill(0);
  parentPort.postMessage({ id: m.id, ...r });
});
`;

interface Pending {
  resolve(r: { failed?: number }): void;
  reject(e: Error): void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** STREAM chunks as payload.ts cuts them (which imports this file, so they are not taken from there). */
const CHUNK = 64 * 1024;
const SEALED = CHUNK + TAG;

/** Two cores here and on most school laptops; more workers than cores only add copying. */
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
  worker.on('message', (m: { id: number; failed?: number }) => {
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

/**
 * Slots shared with the workers, reused run after run: a batch is copied in, sealed or opened
 * in place by a worker, and copied out into a new buffer of this thread. With a new buffer per
 * batch transferred each way (the first design) this thread allocated three times the package's
 * size, and under load V8 answered with a full-heap collection every few dozen MiB (up to 80 per
 * GiB, some 30 ms each in a heap the size of the app's, measured with --trace-gc): half the speed.
 */
const freeSlots: SharedArrayBuffer[] = [];
const SLOT_BYTES = 16 * SEALED;

function takeSlot(bytes: number): SharedArrayBuffer {
  if (bytes > SLOT_BYTES) throw new RangeError(`a run of ${bytes} bytes does not fit a ${SLOT_BYTES}-byte slot`);
  return freeSlots.pop() ?? new SharedArrayBuffer(SLOT_BYTES);
}

/**
 * `fill` copies the run's input into the slot; the result is the slot's first `outBytes`
 * bytes copied out, or the index of the chunk that failed.
 */
async function run(op: 'seal' | 'open', key: Uint8Array, first: number, count: number, inBytes: number, outBytes: number, fill: (into: Uint8Array) => void): Promise<Buffer | number> {
  const slot = takeSlot(Math.max(inBytes, outBytes));
  try {
    fill(new Uint8Array(slot, 0, inBytes));
    // transferred, not cloned: no copy of the key stays behind in this thread
    const keyCopy = new Uint8Array(key);
    const pw = pick();
    const id = ++ids;
    const r = await new Promise<{ failed?: number }>((resolve, reject) => {
      pw.pending.set(id, { resolve, reject });
      pw.worker.ref();
      pw.worker.postMessage({ op, id, key: keyCopy, first, count, slot }, [keyCopy.buffer]);
    });
    if (r.failed !== undefined) return r.failed;
    // copied (a view would keep the slot); set() copies a shared view about 4x faster than Buffer.from
    const out = Buffer.allocUnsafe(outBytes);
    out.set(new Uint8Array(slot, 0, outBytes));
    return out;
  } finally {
    freeSlots.push(slot);
  }
}

/** Chunks first..first+count-1 (none of them the last) sealed, in order; `fill` writes their plaintext (count × 64 KiB). */
export async function sealChunks(key: Uint8Array, first: number, count: number, fill: (into: Uint8Array) => void): Promise<Buffer> {
  return (await run('seal', key, first, count, count * CHUNK, count * SEALED, fill)) as Buffer;
}

/**
 * Their plaintext, or the index (from 0) of the first chunk whose tag fails; nothing of a failed
 * run is released. `fill` writes the count sealed chunks.
 */
export function openChunks(key: Uint8Array, first: number, count: number, fill: (into: Uint8Array) => void): Promise<Buffer | number> {
  return run('open', key, first, count, count * SEALED, count * CHUNK, fill);
}

/** How many runs to keep in flight so every worker has the next one ready. */
export const inFlight = (): number => 2 * WORKERS;

/** Stops the idle workers (tests; the app keeps them for the next package). */
export async function stopPayloadWorkers(): Promise<void> {
  await Promise.all(pool.splice(0).map((p) => p.worker.terminate()));
}
