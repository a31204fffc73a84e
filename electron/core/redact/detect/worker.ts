import { Worker } from 'node:worker_threads';
import type { RawOutput } from './blazeface';
import { INPUT_SIZE } from './blazeface';
import { detectorFiles } from './packages';
import type { Region } from './types';

/**
 * Inference runs on its own thread so the UI's main process never waits on it. The worker is
 * plain CommonJS given as source text (as in core/vault), so it loads the same way under tsx,
 * vitest, the bundled CLI and Electron; it only crops, resizes and runs the model, and hands
 * back the raw outputs: decoding and tracking stay in typed, tested code on this side.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { files, size } = workerData;
const tf = require(files.core);
const tfc = require(files.converter);
const wasm = require(files.wasm);
async function init() {
  wasm.setWasmPaths(files.wasmDir);
  if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend did not start');
  await tf.ready();
  const json = JSON.parse(fs.readFileSync(files.modelJson, 'utf8'));
  const dir = path.dirname(files.modelJson);
  const bin = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p)))));
  return tfc.loadGraphModel({ load: async () => ({
    modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length),
  }) });
}
const ready = init();
ready.then(() => parentPort.postMessage({ op: 'ready' }), (e) => parentPort.postMessage({ op: 'ready', error: String(e && e.message || e) }));
parentPort.on('message', async (m) => {
  try {
    const model = await ready;
    const { width: w, height: h, regions } = m;
    const results = tf.tidy(() => {
      const img = tf.cast(tf.tensor4d(new Uint8Array(m.frame), [1, h, w, 3], 'int32'), 'float32');
      // past the frame's edge cropAndResize fills with 0: black letterboxing
      const boxes = regions.map((r) => [r.y / h, r.x / w, (r.y + r.size) / h, (r.x + r.size) / w]);
      const crops = tf.sub(tf.div(tf.image.cropAndResize(img, boxes, regions.map(() => 0), [size, size], 'bilinear', 0), 127.5), 1);
      return regions.map((_, i) => model.execute(tf.slice(crops, [i, 0, 0, 0], [1, size, size, 3])));
    });
    const outputs = [];
    const transfer = [];
    for (const res of results) {
      const sorted = [...res].sort((a, b) => a.size - b.size);
      const [s384, s512, b384, b512] = await Promise.all(sorted.map((t) => t.data()));
      res.forEach((t) => t.dispose());
      outputs.push({ scores384: s384, scores512: s512, boxes384: b384, boxes512: b512 });
      transfer.push(s384.buffer, s512.buffer, b384.buffer, b512.buffer);
    }
    parentPort.postMessage({ op: 'result', id: m.id, outputs }, transfer);
  } catch (e) {
    parentPort.postMessage({ op: 'result', id: m.id, error: String(e && e.message || e) });
  }
});
`;

interface Reply {
  op: 'ready' | 'result';
  id?: number;
  outputs?: RawOutput[];
  error?: string;
}

/** One inference thread with BlazeFace loaded. */
export class FaceModel {
  private readonly pending = new Map<number, { resolve: (o: RawOutput[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: Reply) => {
      if (m.op !== 'result') return;
      const p = this.pending.get(m.id!);
      this.pending.delete(m.id!);
      if (m.error) p?.reject(new Error(`face detection failed: ${m.error}`));
      else p?.resolve(m.outputs!);
    });
    const fail = (e: Error): void => {
      this.failure = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the face detection thread stopped (exit code ${code})`)));
  }

  static async open(): Promise<FaceModel> {
    const files = detectorFiles();
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { files, size: INPUT_SIZE } });
    const ready = await new Promise<Reply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (ready.error) {
      await worker.terminate();
      throw new Error(`The face detector cannot start: ${ready.error}. Reinstall Kluis, or in a source checkout run \`npm ci\`.`);
    }
    return new FaceModel(worker);
  }

  /** Runs the model on each region of one RGB24 frame. The frame's buffer is handed over to the thread. */
  run(frame: Uint8Array, width: number, height: number, regions: Region[]): Promise<RawOutput[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const own = frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength ? frame : frame.slice();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ op: 'run', id, frame: own.buffer, width, height, regions }, [own.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
