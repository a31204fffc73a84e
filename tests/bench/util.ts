/** Shared pieces of the benchmark: timing, statistics, random files, logging. */
import { createCipheriv, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { copyFile, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;
export const PASSWORD = 'Bench-Vlinder-Kaasschaaf-73!';

const t0 = performance.now();
export const elapsedSeconds = (): number => (performance.now() - t0) / 1000;

export const log = (msg: string): void => {
  process.stderr.write(`[bench ${elapsedSeconds().toFixed(1)}s] ${msg}\n`);
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** Incompressible content at a few GB/s: AES-CTR keystream, which randomBytes would make far slower. */
export async function writeRandomFile(path: string, size: number): Promise<void> {
  const cipher = createCipheriv('aes-256-ctr', randomBytes(32), randomBytes(16));
  const zeros = Buffer.alloc(16 * MiB);
  const fh = await open(path, 'w');
  try {
    for (let done = 0; done < size; ) {
      const n = Math.min(zeros.length, size - done);
      await fh.write(cipher.update(zeros.subarray(0, n)), 0, n, done);
      done += n;
    }
    // written back now, so that the first timed run does not pay for this file's dirty pages
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function copyAndSync(src: string, dst: string): Promise<void> {
  await copyFile(src, dst);
  const fh = await open(dst, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function time(fn: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await fn();
  return (performance.now() - s) / 1000;
}


export function rssKiBOf(pid: number): Promise<number> {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (t) => Number(/^VmRSS:\s+(\d+) kB/m.exec(t)?.[1] ?? NaN),
    () => NaN,
  );
}


/**
 * Runs rss-child.ts with `args` and returns its peak RSS during the work against its RSS just
 * after unlock. The kernel's high-water mark sees every page; polling is a cross-check.
 */
export async function peakRssOfChild(args: string[]) {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'rss-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  let polledMaxKiB = 0;
  const poll = setInterval(() => {
    if (!out.includes('"unlocked"')) return;
    void rssKiBOf(child.pid!).then((k) => {
      if (k > polledMaxKiB) polledMaxKiB = k;
    });
  }, 20);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  clearInterval(poll);
  if (code !== 0) throw new Error(`rss child exited ${code}`);
  const done = JSON.parse(out.trim().split('\n').at(-1)!) as { afterUnlockKiB: number; hwmKiB: number; hwmReset: boolean; addSeconds: number };
  const peakKiB = done.hwmReset ? Math.max(done.hwmKiB, polledMaxKiB) : polledMaxKiB;
  const mb = (kib: number): number => round((kib * 1024) / 1e6, 1);
  return {
    peakMB: mb(peakKiB),
    polledPeakMB: mb(polledMaxKiB),
    baselineMB: mb(done.afterUnlockKiB),
    ratio: round(peakKiB / done.afterUnlockKiB),
    seconds: round(done.addSeconds, 2),
    method: done.hwmReset ? 'VmHWM reset via /proc/self/clear_refs after unlock, read after the work; also VmRSS polled every 20 ms' : 'VmRSS polled every 20 ms',
  };
}
