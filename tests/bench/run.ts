/**
 * `npm run bench`: every figure beside a baseline measured in the same run, interleaved with
 * it, because this machine is shared and noisy. One JSON object goes to stdout; progress goes
 * to stderr. All temp files (several GiB) are removed at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { benchApp } from './app-figures';
import { benchDetect } from './detect-figures';
import { benchImport } from './import-figure';
import { benchMedia } from './media-figures';
import { benchRedact } from './redact-figures';
import { benchShare } from './share-figures';
import { elapsedSeconds, GiB, log, round, writeRandomFile } from './util';
import { benchAdd, benchReads, benchRss, benchUnlock } from './vault-figures';

type Group = readonly [string, (root: string) => Promise<Record<string, { pass: boolean }>>];

/** BENCH_ONLY=media,share runs only those groups (for working on one figure); unset runs all. */
const only = process.env.BENCH_ONLY?.split(',').map((g) => g.trim()).filter(Boolean);
const wanted = (group: string): boolean => !only || only.includes(group);

async function vaultGroup(root: string): Promise<Record<string, { pass: boolean }>> {
  const src = join(root, 'two.bin');
  log('writing a 2 GiB random file');
  await writeRandomFile(src, 2 * GiB);
  const add = await benchAdd(root, src);
  log('random reads');
  const reads = await benchReads(add.vault, add.itemId, src, 2 * GiB);
  await add.vault.lock();
  await rm(join(root, 'vault-add'), { recursive: true });
  await rm(src);
  log('unlock');
  const unlock = await benchUnlock(root);
  const rss = await benchRss(root);
  return { add2GiB: add.figure, randomRead1MiB: reads, unlockDefault: unlock, peakRssAdd4GiB: rss };
}

const GROUPS: readonly Group[] = [
  ['vault', vaultGroup],
  ['import', async (root) => ({ import2GiB: await benchImport(root) })],
  ['media', benchMedia],
  ['redact', benchRedact],
  ['detect', benchDetect],
  ['share', benchShare],
  ['app', benchApp],
];

async function main(): Promise<void> {
  // other work on a shared machine shows here; a high load explains a bad ratio better than the code does
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  const root = await mkdtemp(join(os.tmpdir(), 'kluis-bench-'));
  const cleanup = () => rm(root, { recursive: true, force: true });
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const figures: Record<string, { pass: boolean }> = {};
    for (const [group, run] of GROUPS) {
      if (!wanted(group)) continue;
      log(`group ${group}`);
      Object.assign(figures, await run(root));
    }
    const result = {
      benchmark: 'kluis',
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, memoryGiB: round(os.totalmem() / GiB, 1), loadAvg1_5_15: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => round(x, 2)) } },
      ...figures,
      allPass: Object.values(figures).every((f) => f.pass),
      totalSeconds: round(elapsedSeconds(), 1),
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    await cleanup();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
