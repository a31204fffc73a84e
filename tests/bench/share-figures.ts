/**
 * The share figures of `npm run bench` (see docs/benchmarks.md): exporting a package (tar +
 * age encryption to a share key) and opening it (age decryption + tar reading) against the age
 * binary encrypting and decrypting the same bytes, interleaved in the same run.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { aeadBackend, decryptAge, encryptAge, forceAeadBackend, generateIdentity } from '../../electron/core/share/age';
import { readTar, writeTar, type TarEntry } from '../../electron/core/share/tar';
import { GiB, log, median, MiB, round, time, writeRandomFile } from './util';

export type Figures = Record<string, { pass: boolean } & Record<string, unknown>>;

const run = promisify(execFile);
const GOAL = 0.5;
const ROUNDS = 3;

/** What goes into the package; a later change can put a real export from a vault here. */
export type PackageInput = () => Promise<{ entries: () => Iterable<TarEntry>; bytes: number; rawFile: string }>;

function randomClip(root: string, size: number): PackageInput {
  return async () => {
    const rawFile = join(root, `share-clip-${size}.bin`);
    log(`writing a ${size / GiB} GiB random clip`);
    await writeRandomFile(rawFile, size);
    const manifest = Buffer.from('{"format":"kluis-share","version":1}');
    const entries = (): TarEntry[] => [
      { name: 'manifest.json', size: manifest.length, body: Readable.from([manifest]) },
      { name: 'clips/clip.mp4', size, body: createReadStream(rawFile, { highWaterMark: MiB }) },
    ];
    return { entries, bytes: size, rawFile };
  };
}

async function ours(input: Awaited<ReturnType<PackageInput>>, publicKey: string, secretKey: string, pkg: string) {
  const exportS = await time(() => pipeline(Readable.from(encryptAge([{ type: 'x25519', publicKey }], writeTar(input.entries()))), createWriteStream(pkg)));
  const openS = await time(async () => {
    for await (const e of readTar(decryptAge([{ type: 'x25519', secretKey }], createReadStream(pkg, { highWaterMark: MiB })))) {
      for await (const piece of e.body) void piece;
    }
  });
  return { exportS, openS };
}

async function theirs(rawFile: string, publicKey: string, keyFile: string, pkg: string) {
  const exportS = await time(() => run('age', ['-r', publicKey, '-o', pkg, rawFile]));
  const openS = await time(() => run('age', ['-d', '-i', keyFile, '-o', '/dev/null', pkg]));
  return { exportS, openS };
}

const mbps = (bytes: number, s: number): number => round(bytes / 1e6 / s, 1);

/** Interleaves ours and age's round by round, so load from other tenants hits both alike. */
async function measure(root: string, input: Awaited<ReturnType<PackageInput>>, rounds: number) {
  const me = generateIdentity();
  const keyFile = join(root, 'share-age-key.txt');
  await writeFile(keyFile, `${me.secretKey}\n`, { mode: 0o600 });
  const o: { exportS: number; openS: number }[] = [];
  const t: { exportS: number; openS: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    log(`share round ${i + 1}/${rounds} (${aeadBackend()})`);
    o.push(await ours(input, me.publicKey, me.secretKey, join(root, 'share-ours.age')));
    t.push(await theirs(input.rawFile, me.publicKey, keyFile, join(root, 'share-age.age')));
  }
  const size = (await stat(join(root, 'share-ours.age'))).size;
  await rm(join(root, 'share-ours.age'));
  await rm(join(root, 'share-age.age'));
  const side = (xs: typeof o, k: 'exportS' | 'openS') => median(xs.map((x) => x[k]));
  const fig = (k: 'exportS' | 'openS') => ({ oursMBps: mbps(input.bytes, side(o, k)), ageMBps: mbps(input.bytes, side(t, k)), ratio: round(side(t, k) / side(o, k)) });
  return { export: fig('exportS'), open: fig('openS'), packageBytes: size };
}

/** 1 GiB through the fast path (Node's OpenSSL); 256 MiB through Electron's JavaScript fallback, for the record. */
export async function benchShare(root: string, input: PackageInput = randomClip(root, GiB)): Promise<Figures> {
  const data = await input();
  const fast = await measure(root, data, ROUNDS);
  forceAeadBackend('noble');
  const small = await randomClip(root, 256 * MiB)();
  let fallback: Awaited<ReturnType<typeof measure>>;
  try {
    fallback = await measure(root, small, 1);
  } finally {
    forceAeadBackend(undefined);
    await rm(small.rawFile, { force: true });
    await rm(data.rawFile, { force: true });
  }
  return {
    sharePackage1GiB: {
      crypto: 'node:crypto chacha20-poly1305 (OpenSSL)',
      ...fast,
      rounds: ROUNDS,
      baseline: 'age -r KEY -o FILE clip; age -d -i KEY -o /dev/null FILE (same bytes, same run, interleaved)',
      goal: `ratio (our throughput / age's) >= ${GOAL} for export and for open`,
      pass: fast.export.ratio >= GOAL && fast.open.ratio >= GOAL,
      electronFallback256MiB: { crypto: '@noble/ciphers (what Electron runs: BoringSSL lacks chacha20-poly1305)', ...fallback, note: 'reported, not part of pass' },
    },
  };
}
