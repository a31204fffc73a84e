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
function seal(m) {
  const src = new Uint8Array(m.buf), out = new Uint8Array(m.count * SEALED);
  for (let j = 0; j < m.count; j++) {
    load(m.key, m.first + j, src.subarray(j * CHUNK, (j + 1) * CHUNK));
    w.seal(CHUNK);
    out.set(mem.subarray(w.out_ptr(), w.out_ptr() + SEALED), j * SEALED);
  }
  src.fill(0);
  mem.fill(0, w.in_ptr(), w.in_ptr() + CHUNK);
  return { buf: out.buffer };
}
function open(m) {
  const src = new Uint8Array(m.buf), out = new Uint8Array(m.count * CHUNK);
  for (let j = 0; j < m.count; j++) {
    load(m.key, m.first + j, src.subarray(j * SEALED, (j + 1) * SEALED));
    if (w.open(SEALED) !== 1) {
      out.fill(0);
      mem.fill(0, w.out_ptr(), w.out_ptr() + CHUNK);
      return { failed: j };
    }
    out.set(mem.subarray(w.out_ptr(), w.out_ptr() + CHUNK), j * CHUNK);
  }
  mem.fill(0, w.out_ptr(), w.out_ptr() + CHUNK);
  return { buf: out.buffer };
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

function run(op: 'seal' | 'open', key: Uint8Array, first: number, count: number, data: Uint8Array): Promise<{ buf?: ArrayBuffer; failed?: number }> {
  // A private copy is transferred: the caller's buffer may be a slice of a larger one.
  const buf = new Uint8Array(data.length);
  buf.set(data);
  const keyCopy = new Uint8Array(key);
  const pw = pick();
  const id = ++ids;
  return new Promise((resolve, reject) => {
    pw.pending.set(id, { resolve, reject });
    pw.worker.ref();
    // transferred, not cloned: no copy of the key or the data stays behind in this thread
    pw.worker.postMessage({ op, id, key: keyCopy, first, count, buf: buf.buffer }, [buf.buffer, keyCopy.buffer]);
  });
}

/** Chunks first..first+count-1 (none of them the last) sealed, in order. */
export async function sealChunks(key: Uint8Array, first: number, count: number, plaintext: Uint8Array): Promise<Buffer> {
  const r = await run('seal', key, first, count, plaintext);
  return Buffer.from(r.buf!);
}

/** Their plaintext, or the index (from 0) of the first chunk whose tag fails; nothing of a failed run is released. */
export async function openChunks(key: Uint8Array, first: number, count: number, sealed: Uint8Array): Promise<Buffer | number> {
  const r = await run('open', key, first, count, sealed);
  return r.failed ?? Buffer.from(r.buf!);
}

/** How many runs to keep in flight so every worker has the next one ready. */
export const inFlight = (): number => 2 * WORKERS;

/** Stops the idle workers (tests; the app keeps them for the next package). */
export async function stopPayloadWorkers(): Promise<void> {
  await Promise.all(pool.splice(0).map((p) => p.worker.terminate()));
}
