import { createHash, randomBytes } from 'node:crypto';
import { open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, filesUnder, kluis, initVault, NEW_PASSWORD, PASSWORD, prng, removeDir, sha256, spawnKluis, tempDir, testSeed, type CliResult, type CliVault, type Listed } from './helpers/cli';

const SEED = testSeed();
const KILLS = 10;
const BIG = 64 * 1024 * 1024;

interface Outcome {
  delayMs: number;
  /** the child finished before the kill landed */
  finished: boolean;
  result: CliResult;
}

/**
 * Starts the CLI and sends SIGKILL delayMs after `gate` first holds (at once without one):
 * no handler, no lock(), no cleanup runs.
 */
async function killAfter(args: string[], delayMs: number, gate?: () => Promise<boolean>): Promise<Outcome> {
  const child = spawnKluis(args);
  const done = collect(child);
  let finished = false;
  void done.then(() => (finished = true));
  if (gate) while (!finished && !(await gate())) await sleep(1);
  await sleep(delayMs);
  if (!finished) child.kill('SIGKILL');
  const result = await done;
  return { delayMs, finished: result.signal !== 'SIGKILL', result };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Kill moments spread over [0, span): one random moment in each of `count` equal slices. */
function delays(rnd: ReturnType<typeof prng>, spanMs: number, count = KILLS): number[] {
  return Array.from({ length: count }, (_, i) => Math.round((spanMs * (i + rnd.next())) / count));
}

async function timed(run: () => Promise<CliResult>): Promise<number> {
  const t0 = performance.now();
  const r = await run();
  if (r.code !== 0) throw new Error(`reference run failed (${r.code}): ${r.stderr}`);
  return performance.now() - t0;
}

async function sha256OfItem(v: CliVault, id: string, passwordFile = v.passwordFile): Promise<string> {
  const r = await kluis(['cat', '--vault', v.dir, '--password-file', passwordFile, id]);
  expect(r.code, r.stderr).toBe(0);
  return sha256(r.stdout);
}

/**
 * What must hold after any crash: the vault unlocks (which sweeps), staging/ is then empty,
 * every listed item is whole, no encrypted file is left without its item, and verify passes.
 */
async function checkAfterCrash(v: CliVault, passwordFile: string, what: string, lsDone?: CliResult): Promise<Listed[]> {
  const ls = lsDone ?? (await kluis(['ls', '--vault', v.dir, '--password-file', passwordFile, '--json']));
  expect(ls.code, `${what}: ls: ${ls.stderr}`).toBe(0);
  const items = JSON.parse(ls.stdout.toString()) as Listed[];
  expect(await readdir(join(v.dir, 'staging')), `${what}: staging after unlock`).toEqual([]);
  expect((await filesUnder(join(v.dir, 'objects'))).length, `${what}: blobs without items`).toBe(items.length);
  const verify = await kluis(['verify', '--vault', v.dir, '--password-file', passwordFile]);
  expect(verify.code, `${what}: verify: ${verify.stderr}${verify.stdout.toString()}`).toBe(0);
  return items;
}

describe(`crash safety: kill -9 at random moments (seed ${SEED}; rerun with KLUIS_TEST_SEED=${SEED})`, () => {
  let root: string;
  let v: CliVault;
  let big: string;
  let bigSha: string;
  const rnd = prng(SEED);

  beforeAll(async () => {
    root = await tempDir('kluis-crash-');
    v = await initVault(root);
    big = join(root, 'big.bin');
    const fh = await open(big, 'w');
    for (let i = 0; i < BIG / (4 << 20); i++) await fh.write(randomBytes(4 << 20));
    await fh.close();
    bigSha = createHash('sha256').update(await readFile(big)).digest('hex');
  });
  afterAll(() => removeDir(root));

  it(`add of a 64 MiB file: ${KILLS} kills; afterwards the item is whole or absent`, async () => {
    const staging = join(v.dir, 'staging');
    const blobInStaging = async (): Promise<{ size: number } | null> => {
      const name = (await readdir(staging)).find((f) => /^[0-9a-f]{32}$/.test(f));
      return name ? await stat(join(staging, name)).catch(() => null) : null;
    };
    // Timed reference run: how long start-up and unlock take before the blob file appears.
    const t0 = performance.now();
    const refDone = collect(spawnKluis(['add', '--vault', v.dir, '--password-file', v.passwordFile, big]));
    let refExited = false;
    void refDone.then(() => (refExited = true));
    while (!refExited && !(await blobInStaging())) await sleep(1);
    const startup = performance.now() - t0;
    expect((await refDone).code).toBe(0);
    const [ref] = (await checkAfterCrash(v, v.passwordFile, 'reference add')).filter((i) => i.name === 'big.bin');
    expect(await sha256OfItem(v, ref!.id)).toBe(bigSha);
    expect((await v.run('rm', [ref!.id])).code).toBe(0);

    // This VM's write speed swings several-fold from run to run, so kills during the write are
    // placed by progress (bytes of ciphertext on disk), not by time; the rest by time.
    const sealed = BIG + 24 + 16 * (BIG / 65536);
    const reached = (bytes: number) => async (): Promise<boolean> => ((await blobInStaging())?.size ?? -1) >= bytes;
    const renamed = (): (() => Promise<boolean>) => {
      let seen = false;
      return async () => {
        const b = await blobInStaging();
        if (b) seen = true;
        return seen && !b;
      };
    };
    const plan = [
      ...delays(rnd, startup, 3).map((delay) => ({ delay, gate: undefined, label: `${delay} ms after start` })),
      ...delays(rnd, sealed, KILLS - 5).map((bytes) => ({ delay: 0, gate: reached(bytes), label: `at ${bytes} of ${sealed} ciphertext bytes` })),
      ...[0, 1].map(() => rnd.int(40)).map((delay) => ({ delay, gate: renamed(), label: `${delay} ms after the blob left staging (commit, backup, exit)` })),
    ];
    const seen = { whole: 0, absent: 0, midWrite: 0 };
    for (const { delay, gate, label } of plan) {
      const o = await killAfter(['add', '--vault', v.dir, '--password-file', v.passwordFile, big], delay, gate);
      const what = `add killed ${label} (start-up ~${Math.round(startup)} ms; seed ${SEED})`;
      // Ciphertext left in staging means the kill landed while the blob was being written.
      if ((await readdir(join(v.dir, 'staging'))).some((f) => /^[0-9a-f]{32}$/.test(f))) seen.midWrite++;
      const items = await checkAfterCrash(v, v.passwordFile, what);
      const added = items.filter((i) => i.name === 'big.bin');
      expect(added.length, what).toBeLessThanOrEqual(1);
      if (o.finished) {
        expect(o.result.code, `${what}: it ended by itself, so it must have succeeded: ${o.result.stderr}`).toBe(0);
        expect(added.length, `${what}: it finished, so the item must be there`).toBe(1);
      }
      if (added.length === 1) {
        seen.whole++;
        expect(added[0]).toMatchObject({ size: BIG, sha256: bigSha });
        expect(await sha256OfItem(v, added[0]!.id), what).toBe(bigSha);
        expect((await v.run('rm', [added[0]!.id])).code).toBe(0);
      } else {
        seen.absent++;
      }
    }
    console.log(`add kills (seed ${SEED}): ${seen.midWrite} landed mid-write; ${seen.absent} left nothing, ${seen.whole} the whole item`);
    // Otherwise the kills all fell into start-up and unlock, and the test proved little.
    expect(seen.midWrite).toBeGreaterThanOrEqual(3);
  });

  it(`rm: ${KILLS} kills; afterwards the item is whole or gone, the others untouched`, async () => {
    const files: string[] = [];
    const shas = new Map<string, string>();
    for (let i = 0; i <= KILLS; i++) {
      const data = rnd.bytes(200_000 + rnd.int(300_000));
      const f = join(root, `item-${i}.bin`);
      await writeFile(f, data);
      files.push(f);
      shas.set(`item-${i}.bin`, sha256(data));
    }
    const added = await v.run('add', files);
    expect(added.code, added.stderr).toBe(0);
    const ids = added.stdout.toString().trim().split('\n');
    const span = await timed(() => v.run('rm', [ids.shift()!]));

    for (const [n, delay] of delays(rnd, span * 1.1).entries()) {
      const id = ids[n]!;
      const o = await killAfter(['rm', '--vault', v.dir, '--password-file', v.passwordFile, id], delay);
      const what = `rm killed at ${delay} ms of ~${Math.round(span)} ms (seed ${SEED})`;
      const items = await checkAfterCrash(v, v.passwordFile, what);
      const still = items.find((i) => i.id === id);
      if (o.finished) expect(still, `${what}: it finished, so the item must be gone`).toBeUndefined();
      if (still) expect(await sha256OfItem(v, id), what).toBe(shas.get(still.name));
      // The items not being removed are all there, each whole (verify checked their content).
      for (const other of ids.slice(n + 1)) expect(items.some((i) => i.id === other), what).toBe(true);
      for (const i of items.filter((x) => x.name.startsWith('item-'))) expect(i.sha256, what).toBe(shas.get(i.name));
    }
  });

  it(`passwd: ${KILLS} kills; afterwards the old or the new password opens the vault`, async () => {
    const pwFile = (pw: string): string => (pw === PASSWORD ? v.passwordFile : v.newPasswordFile);
    let current = PASSWORD;
    const swap = (pw: string): string => (pw === PASSWORD ? NEW_PASSWORD : PASSWORD);
    const span = await timed(() => kluis(['passwd', '--vault', v.dir, '--password-file', pwFile(current), '--new-password-file', pwFile(swap(current))]));
    current = swap(current);
    const counts = { old: 0, new: 0 };

    for (const delay of delays(rnd, span * 1.1)) {
      const next = swap(current);
      const o = await killAfter(['passwd', '--vault', v.dir, '--password-file', pwFile(current), '--new-password-file', pwFile(next)], delay);
      const what = `passwd killed at ${delay} ms of ~${Math.round(span)} ms (seed ${SEED})`;
      const withOld = await kluis(['ls', '--vault', v.dir, '--password-file', pwFile(current), '--json']);
      const withNew = await kluis(['ls', '--vault', v.dir, '--password-file', pwFile(next), '--json']);
      // Exactly one slot exists, so exactly one of the two passwords opens it.
      expect([withOld.code, withNew.code].sort(), `${what}: ${withOld.stderr} | ${withNew.stderr}`).toEqual([0, 3]);
      if (o.finished) expect(withNew.code, `${what}: it finished, so the new password must work`).toBe(0);
      if (withNew.code === 0) {
        counts.new++;
        current = next;
      } else {
        counts.old++;
        expect(withNew.stderr).toMatch(/password is wrong/);
      }
      await checkAfterCrash(v, pwFile(current), what, withNew.code === 0 ? withNew : withOld);
    }
    console.log(`passwd kills (seed ${SEED}): old password kept ${counts.old}x, new one in place ${counts.new}x`);
  });
});
