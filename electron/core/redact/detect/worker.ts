import { Worker } from 'node:worker_threads';
import type { RawOutput } from './blazeface';
import { INPUT_SIZE } from './blazeface';
import { detectorFiles } from './packages';
import type { Region } from './types';
import { WORKER_SOURCE } from './worker-source';

/** What the thread found in one frame: BlazeFace's outputs per region, CenterNet's raw rows if asked. */
export interface FrameOutput {
  faces: RawOutput[];
  /** 100 rows of x1, y1, x2, y2 (model pixels), score, class; null when not asked for */
  persons: Float32Array | null;
}

interface BatchedRaw {
  scores384: Float32Array;
  scores512: Float32Array;
  boxes384: Float32Array;
  boxes512: Float32Array;
}

interface Reply {
  op: 'ready' | 'result';
  id?: number;
  faces?: BatchedRaw | null;
  persons?: Float32Array | null;
  error?: string;
}

/** Views of one region's rows in the batched outputs (no copies). */
export function splitBatch(b: BatchedRaw | null | undefined, count: number): RawOutput[] {
  if (!b) return [];
  const part = (a: Float32Array, i: number): Float32Array => {
    const n = a.length / count;
    return a.subarray(i * n, (i + 1) * n);
  };
  return Array.from({ length: count }, (_, i) => ({ scores384: part(b.scores384, i), scores512: part(b.scores512, i), boxes384: part(b.boxes384, i), boxes512: part(b.boxes512, i) }));
}

/** One inference thread with BlazeFace loaded (and CenterNet once people are asked for). */
export class FaceModel {
  private readonly pending = new Map<number, { resolve: (o: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: Reply) => {
      if (m.op !== 'result') return;
      const p = this.pending.get(m.id!);
      this.pending.delete(m.id!);
      if (m.error) p?.reject(new Error(`face detection failed: ${m.error}`));
      else p?.resolve(m);
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

  /** Runs BlazeFace on each region of one RGB24 frame. The frame's buffer is handed over to the thread. */
  async run(frame: Uint8Array, width: number, height: number, regions: Region[]): Promise<RawOutput[]> {
    return (await this.runFrame(frame, width, height, regions, false)).faces;
  }

  /** BlazeFace on the regions and, if `persons`, CenterNet on the whole frame. The frame's buffer is handed over. */
  async runFrame(frame: Uint8Array, width: number, height: number, regions: Region[], persons: boolean): Promise<FrameOutput> {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const own = frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength ? frame : frame.slice();
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ op: 'run', id, frame: own.buffer, width, height, regions, persons }, [own.buffer as ArrayBuffer]);
    });
    return { faces: splitBatch(reply.faces, regions.length), persons: reply.persons ?? null };
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
