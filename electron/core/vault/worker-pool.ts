import { Worker } from 'node:worker_threads';

/**
 * Long-lived crypto workers (SHA-256, GCM sealing, GCM opening), leased for one blob at a time.
 * Starting a worker costs about 40 ms of CPU; an import of a card of clips used to start three
 * per clip. A lease sends the job's shared slots (and key) in a 'begin' message and ends with
 * 'end', after which the worker zeroes its copy of the key and forgets the slots. Replies carry
 * the job number, so a late reply of an abandoned job never reaches the next lessee.
 * Plain CommonJS given as source text: it loads the same way under tsx, vitest, the bundled CLI
 * and Electron's main process. The workers know nothing of the blob format: callers give each
 * chunk's nonce, AAD and place (blob-format.ts owns the format).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash, createCipheriv, createDecipheriv } = require('node:crypto');
let job = 0, ins = null, outs = null, key = null, hash = null;
const reply = (m) => parentPort.postMessage({ job, ...m });
parentPort.on('message', (m) => {
  if (m.op === 'begin') {
    job = m.job;
    // slots of the same shape as the last job's are kept (undefined here): no new shared memory per blob
    if (m.ins !== undefined) ins = m.ins.map((sab) => Buffer.from(sab));
    if (m.outs !== undefined) outs = m.outs ? m.outs.map((sab) => Buffer.from(sab)) : null;
    key = m.key ? Buffer.from(m.key.buffer, m.key.byteOffset, m.key.byteLength) : null;
    hash = m.hash ? createHash('sha256') : null;
  } else if (m.op === 'end') {
    if (key) key.fill(0);
    key = hash = null;
    reply({ op: 'ended' });
  } else if (m.op === 'hash') {
    hash.update(ins[m.slot].subarray(m.at, m.at + m.len));
    reply({ op: 'freed', slot: m.slot });
  } else if (m.op === 'digest') {
    reply({ op: 'digest', hex: hash.digest('hex') });
  } else if (m.op === 'seal') {
    const src = ins[m.slot];
    const dst = outs[m.slot];
    let out = 0;
    for (const c of m.chunks) {
      const cipher = createCipheriv('aes-256-gcm', key, c.nonce);
      cipher.setAAD(c.aad);
      out += cipher.update(src.subarray(c.inAt, c.inAt + c.len)).copy(dst, out);
      cipher.final();
      out += cipher.getAuthTag().copy(dst, out);
    }
    reply({ op: 'sealed', slot: m.slot, outLen: out });
  } else if (m.op === 'open') {
    const buf = ins[m.slot];
    let out = 0;
    for (let i = 0; i < m.chunks.length; i++) {
      const c = m.chunks[i];
      const d = createDecipheriv('aes-256-gcm', key, c.nonce);
      d.setAAD(c.aad);
      d.setAuthTag(buf.subarray(c.at + c.len - 16, c.at + c.len));
      const plain = d.update(buf.subarray(c.at, c.at + c.len - 16));
      try {
        d.final();
      } catch {
        return reply({ op: 'opened', slot: m.slot, failed: i });
      }
      // Plaintext i lands before sealed chunk i+1 begins, so packing in place is safe.
      plain.copy(buf, out);
      out += plain.length;
    }
    reply({ op: 'opened', slot: m.slot, plainLen: out });
  }
});
`;

/** Idle workers kept for the next blob: an import runs a hash, a sealer and an opener at once. */
const KEEP_IDLE = 4;

/**
 * A worker with the shared slots of its last job. Reusing them matters for memory: a slot the
 * worker once held is freed only after a garbage collection in both threads, and an idle
 * worker hardly ever collects, so fresh slots per blob piled up (about 20 MB per clip).
 */
interface Pooled {
  worker: Worker;
  ins: SharedArrayBuffer[];
  outs: SharedArrayBuffer[] | null;
}
const idle: Pooled[] = [];
let jobs = 0;

export interface Reply {
  job: number;
  op: string;
  slot?: number;
  [k: string]: unknown;
}

export interface JobSpec {
  /** count and bytes of the input slots (and of the output slots) */
  ins: [number, number];
  outs?: [number, number];
  key?: Buffer;
  hash?: boolean;
}

const shaped = (sabs: SharedArrayBuffer[] | null, shape: [number, number] | undefined): boolean =>
  shape ? sabs !== null && sabs.length === shape[0] && sabs.every((s) => s.byteLength === shape[1]) : sabs === null;

const fresh = ([count, bytes]: [number, number]): SharedArrayBuffer[] => Array.from({ length: count }, () => new SharedArrayBuffer(bytes));

/** An idle worker whose slots have the job's shape, else any idle one, else a new one. */
function take(spec: JobSpec): { pooled: Pooled; sendIns: boolean; sendOuts: boolean } {
  let i = idle.findIndex((p) => shaped(p.ins, spec.ins) && shaped(p.outs, spec.outs));
  if (i < 0) i = idle.length - 1;
  const found = i >= 0 ? idle.splice(i, 1)[0]! : null;
  const worker = found?.worker ?? new Worker(WORKER_SOURCE, { eval: true });
  const keepIns = found !== null && shaped(found.ins, spec.ins);
  const keepOuts = found !== null && shaped(found.outs, spec.outs);
  const pooled = { worker, ins: keepIns ? found.ins : fresh(spec.ins), outs: keepOuts ? found.outs : spec.outs ? fresh(spec.outs) : null };
  return { pooled, sendIns: !keepIns, sendOuts: !keepOuts };
}

/** One blob's use of a pooled worker; replies of this job reach `onReply`, a crash reaches `onError`. */
export class WorkerJob {
  private readonly job = ++jobs;
  private readonly worker: Worker;
  private readonly pooled: Pooled;
  /** the job's shared slots, as the worker sees them */
  readonly ins: Buffer[];
  readonly outs: Buffer[];
  private ended = false;
  private readonly onMessage = (m: Reply): void => {
    if (m.job === this.job) this.onReply(m);
  };
  private readonly onFailure = (e: Error): void => {
    // a dead worker is never handed out again
    this.dead = true;
    this.onError(e);
  };
  private dead = false;

  constructor(
    spec: JobSpec,
    private readonly onReply: (m: Reply) => void,
    private readonly onError: (e: Error) => void,
  ) {
    const { pooled, sendIns, sendOuts } = take(spec);
    this.pooled = pooled;
    this.worker = pooled.worker;
    this.ins = pooled.ins.map((s) => Buffer.from(s));
    this.outs = (pooled.outs ?? []).map((s) => Buffer.from(s));
    this.worker.ref();
    this.worker.on('message', this.onMessage);
    this.worker.on('error', this.onFailure);
    this.worker.on('exit', this.onExit);
    this.worker.postMessage({ op: 'begin', job: this.job, ins: sendIns ? pooled.ins : undefined, outs: sendOuts ? pooled.outs : undefined, key: spec.key ? new Uint8Array(spec.key) : undefined, hash: spec.hash });
  }

  private readonly onExit = (): void => {
    if (!this.ended) this.onFailure(new Error('a crypto worker stopped'));
  };

  post(m: Record<string, unknown>): void {
    this.worker.postMessage(m);
  }

  /**
   * Ends the job; the worker drops the key and goes back to the pool once it has answered, so
   * the job's last messages are done before another job fills the same slots.
   */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onFailure);
    this.worker.off('exit', this.onExit);
    if (this.dead) return;
    const worker = this.worker;
    const onEnded = (m: Reply): void => {
      if (m.job !== this.job || m.op !== 'ended') return;
      worker.off('message', onEnded);
      worker.off('error', onLost);
      if (idle.length >= KEEP_IDLE) return void worker.terminate();
      // an idle worker does not keep the process alive
      worker.unref();
      idle.push(this.pooled);
    };
    const onLost = (): void => {
      worker.off('message', onEnded);
    };
    worker.on('message', onEnded);
    worker.once('error', onLost);
    worker.postMessage({ op: 'end' });
  }
}

/** Stops the idle workers (at lock: nothing runs in the background of a locked vault). */
export async function stopIdleWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((p) => p.worker.terminate()));
}
