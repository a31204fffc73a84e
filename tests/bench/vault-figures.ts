/** The vault's figures (issue 2): add, random reads, unlock, peak RSS of an add. */
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Vault } from '../../electron/core/vault';
import { copyAndSync, GiB, log, median, MiB, peakRssOfChild, percentile, PASSWORD, round, time, writeRandomFile } from './util';

const RUNS = 3;
/** the add is the noisiest figure (page-cache writes on a VM that returns memory to its host) */
const ADD_RUNS = 5;
const READS = 240;

export async function benchAdd(root: string, src: string) {
  const vault = (await Vault.create(join(root, 'vault-add'), PASSWORD, { kdf: { memoryKiB: 65536, iterations: 3 } })).vault;
  const subject: number[] = [];
  const baseline: number[] = [];
  let itemId = '';
  for (let run = 0; run < ADD_RUNS; run++) {
    // alternate which goes first, so a slow spell of the host does not favour one side
    const order = run % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline'];
    for (const which of order) {
      if (which === 'baseline') {
        const dst = join(root, 'copy.bin');
        baseline.push(await time(() => copyAndSync(src, dst)));
        await rm(dst);
        log(`add: copyFile+fsync ${baseline.at(-1)!.toFixed(2)} s`);
      } else {
        if (itemId) await vault.removeItem(itemId);
        subject.push(
          await time(async () => {
            itemId = (await vault.addFile(src)).id;
          }),
        );
        log(`add: vault.addFile ${subject.at(-1)!.toFixed(2)} s`);
      }
    }
  }
  const ratio = median(subject) / median(baseline);
  return {
    vault,
    itemId,
    figure: {
      what: 'add a 2 GiB file of random bytes (encrypt, hash, fsync) vs copyFile + fsync of the same file',
      seconds: round(median(subject)),
      baselineSeconds: round(median(baseline)),
      ratio: round(ratio),
      runs: { seconds: subject.map((x) => round(x)), baselineSeconds: baseline.map((x) => round(x)) },
      goal: 'ratio <= 1.3',
      pass: ratio <= 1.3,
    },
  };
}

export async function benchReads(vault: Vault, itemId: string, src: string, size: number) {
  const offsets = Array.from({ length: READS }, () => Math.floor(Math.random() * (size - MiB)));
  const fh = await open(src, 'r');
  const buf = Buffer.alloc(MiB);
  const subject: number[] = [];
  const baseline: number[] = [];
  try {
    // one unmeasured pass each, so both sides start from the same (warm) page cache
    for (const off of offsets.slice(0, 10)) {
      await vault.readBytes(itemId, off, off + MiB);
      await fh.read(buf, 0, MiB, off);
    }
    for (const [i, off] of offsets.entries()) {
      const plain = async () => {
        const s = performance.now();
        await fh.read(buf, 0, MiB, off);
        baseline.push(performance.now() - s);
      };
      const vaulted = async () => {
        const s = performance.now();
        const got = await vault.readBytes(itemId, off, off + MiB);
        subject.push(performance.now() - s);
        if (got.length !== MiB) throw new Error(`short read at ${off}`);
      };
      if (i % 2 === 0) {
        await plain();
        await vaulted();
      } else {
        await vaulted();
        await plain();
      }
    }
  } finally {
    await fh.close();
  }
  // spot check: the bytes measured are the right ones
  const off = offsets[0]!;
  const check = Buffer.alloc(MiB);
  const f = await open(src, 'r');
  await f.read(check, 0, MiB, off);
  await f.close();
  if (!(await vault.readBytes(itemId, off, off + MiB)).equals(check)) throw new Error('vault read differs from the source');
  const p50 = percentile(subject, 50);
  return {
    what: `random 1 MiB reads of the 2 GiB item via vault.readBytes vs the same reads of the source with fs (warm cache, ${READS} each)`,
    reads: READS,
    p50Ms: round(p50),
    p99Ms: round(percentile(subject, 99)),
    baselineP50Ms: round(percentile(baseline, 50)),
    baselineP99Ms: round(percentile(baseline, 99)),
    ratioP50: round(p50 / percentile(baseline, 50)),
    goal: 'p50 <= 5 ms',
    pass: p50 <= 5,
  };
}

export async function benchUnlock(root: string) {
  const dir = join(root, 'vault-unlock');
  const created = await Vault.create(dir, PASSWORD);
  await created.vault.lock();
  const kdf = (JSON.parse(await readFile(join(dir, 'kluis-vault.json'), 'utf8')) as { kdf: { memoryKiB: number; iterations: number; parallelism: number } }).kdf;
  const subject: number[] = [];
  const baseline: number[] = [];
  const rfc = () =>
    argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 4, salt: randomBytes(16), hashLength: 32, raw: true });
  for (let run = 0; run < RUNS; run++) {
    const openOnce = async () => {
      let v: Vault | undefined;
      subject.push(
        await time(async () => {
          v = await Vault.open(dir, PASSWORD);
        }),
      );
      await v!.lock();
    };
    const hashOnce = async () => {
      baseline.push(await time(rfc));
    };
    if (run % 2 === 0) {
      await hashOnce();
      await openOnce();
    } else {
      await openOnce();
      await hashOnce();
    }
    log(`unlock: Vault.open ${subject.at(-1)!.toFixed(3)} s, argon2id 64 MiB t=3 p=4 ${baseline.at(-1)!.toFixed(3)} s`);
  }
  const s = median(subject);
  return {
    what: 'Vault.open with the default (calibrated) KDF vs one argon2id hash at RFC 9106 second recommendation (64 MiB, t=3, p=4)',
    kdf: { memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism },
    seconds: round(s),
    baselineSeconds: round(median(baseline)),
    ratio: round(s / median(baseline)),
    runs: { seconds: subject.map((x) => round(x)), baselineSeconds: baseline.map((x) => round(x)) },
    goal: 'seconds <= 1',
    pass: s <= 1,
  };
}

export async function benchRss(root: string) {
  const file = join(root, 'four.bin');
  log('rss: writing a 4 GiB random file');
  await writeRandomFile(file, 4 * GiB);
  const dir = join(root, 'vault-rss');
  await (await Vault.create(dir, PASSWORD, { kdf: { memoryKiB: 65536, iterations: 3 } })).vault.lock();
  const peak = await peakRssOfChild([dir, PASSWORD, file]);
  await rm(file);
  log(`rss: after unlock ${peak.baselineMB} MB, peak during add ${peak.peakMB} MB, add ${peak.seconds} s`);
  return {
    what: 'peak RSS of a child process while it adds a 4 GiB file vs its RSS just after unlock',
    ...peak,
    goal: 'peakMB <= 300',
    pass: peak.peakMB <= 300,
  };
}

