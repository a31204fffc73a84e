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
    ins = m.ins.map((sab) => Buffer.from(sab));
    outs = m.outs ? m.outs.map((sab) => Buffer.from(sab)) : null;
    key = m.key ? Buffer.from(m.key.buffer, m.key.byteOffset, m.key.byteLength) : null;
    hash = m.hash ? createHash('sha256') : null;
  } else if (m.op === 'end') {
    if (key) key.fill(0);
    ins = outs = key = hash = null;
  } else if (m.op === 'hash') {
    hash.update(ins[m.slot].subarray(0, m.len));
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
const idle: Worker[] = [];
let jobs = 0;

export interface Reply {
  job: number;
  op: string;
  slot?: number;
  [k: string]: unknown;
}

export interface JobSpec {
  ins: SharedArrayBuffer[];
  outs?: SharedArrayBuffer[];
  key?: Buffer;
  hash?: boolean;
}

/** One blob's use of a pooled worker; replies of this job reach `onReply`, a crash reaches `onError`. */
export class WorkerJob {
  private readonly job = ++jobs;
  private readonly worker: Worker;
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
    this.worker = idle.pop() ?? new Worker(WORKER_SOURCE, { eval: true });
    this.worker.ref();
    this.worker.on('message', this.onMessage);
    this.worker.on('error', this.onFailure);
    this.worker.on('exit', this.onExit);
    this.worker.postMessage({ op: 'begin', job: this.job, ins: spec.ins, outs: spec.outs, key: spec.key ? new Uint8Array(spec.key) : undefined, hash: spec.hash });
  }

  private readonly onExit = (): void => {
    if (!this.ended) this.onFailure(new Error('a crypto worker stopped'));
  };

  post(m: Record<string, unknown>): void {
    this.worker.postMessage(m);
  }

  /** Ends the job; the worker drops the key and goes back to the pool. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onFailure);
    this.worker.off('exit', this.onExit);
    if (this.dead) return;
    this.worker.postMessage({ op: 'end' });
    if (idle.length >= KEEP_IDLE) {
      void this.worker.terminate();
      return;
    }
    // an idle worker does not keep the process alive
    this.worker.unref();
    idle.push(this.worker);
  }
}

/** Stops the idle workers (at lock: nothing runs in the background of a locked vault). */
export async function stopIdleWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}
