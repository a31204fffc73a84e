import { availableParallelism } from 'node:os';
import { FaceModel } from './worker';

/** Two inference threads on a 2-core machine: frames alternate between them, so both cores infer. */
export const defaultWorkers = (): number => Math.max(1, Math.min(2, availableParallelism()));

/**
 * A fixed set of inference threads handing out one frame each. `take` waits until a thread is
 * free, so the decoder holds at most one frame per thread (and ffmpeg waits on the pipe).
 */
export class ModelPool {
  private readonly free: FaceModel[];
  private readonly waiting: Array<(m: FaceModel) => void> = [];
  private readonly running = new Set<Promise<unknown>>();
  private failure: unknown = null;

  private constructor(private readonly models: FaceModel[]) {
    this.free = [...models];
  }

  static async open(size: number): Promise<ModelPool> {
    const opened = await Promise.allSettled(Array.from({ length: Math.max(1, size) }, () => FaceModel.open()));
    const models = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await Promise.all(models.map((m) => m.close()));
      throw failed.reason;
    }
    return new ModelPool(models);
  }

  /** Starts `job` on the next free thread; resolves once it has started, not when it ends. */
  async start(job: (m: FaceModel) => Promise<void>): Promise<void> {
    if (this.failure) throw this.failure;
    const model = this.free.pop() ?? (await new Promise<FaceModel>((resolve) => this.waiting.push(resolve)));
    if (this.failure) throw this.failure;
    const run = job(model)
      .catch((e: unknown) => {
        this.failure ??= e;
      })
      .finally(() => {
        this.running.delete(run);
        const next = this.waiting.shift();
        if (next) next(model);
        else this.free.push(model);
      });
    this.running.add(run);
  }

  /** Waits for the started jobs; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.models.map((m) => m.close()));
  }
}
