/**
 * The share figures of `npm run bench` (see docs/benchmarks.md): exporting a package (tar +
 * age encryption to a share key) and opening it (age decryption + tar reading) against the age
 * binary encrypting and decrypting the same bytes, interleaved in the same run: once through
 * Node's OpenSSL, once through what Electron runs (WebAssembly ChaCha20-Poly1305 in workers).
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { decryptAge, encryptAge, forceAeadBackend, generateIdentity, type AeadBackend } from '../../electron/core/share/age';
import { payloadWorkers, setPayloadWorkers } from '../../electron/core/share/age/payload-workers';
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

type Times = { exportS: number; openS: number };

/** One way of running our side: Node's OpenSSL, or Electron's WebAssembly with n payload workers (0: none). */
interface Path {
  name: string;
  backend: AeadBackend;
  workers?: number;
}

const PATHS: Path[] = [
  { name: 'node', backend: 'node' },
  { name: 'electron', backend: 'wasm' },
  { name: 'electronOneThread', backend: 'wasm', workers: 0 },
];

async function runPath(path: Path, input: Awaited<ReturnType<PackageInput>>, me: { publicKey: string; secretKey: string }, pkg: string): Promise<Times> {
  const workers = payloadWorkers();
  forceAeadBackend(path.backend);
  if (path.workers !== undefined) setPayloadWorkers(path.workers);
  try {
    return await ours(input, me.publicKey, me.secretKey, pkg);
  } finally {
    forceAeadBackend(undefined);
    setPayloadWorkers(workers);
  }
}

/** Interleaves each of our paths and age round by round, so load from other tenants hits all alike. */
async function measure(root: string, input: Awaited<ReturnType<PackageInput>>, rounds: number) {
  const me = generateIdentity();
  const keyFile = join(root, 'share-age-key.txt');
  await writeFile(keyFile, `${me.secretKey}\n`, { mode: 0o600 });
  const o: Record<string, Times[]> = Object.fromEntries(PATHS.map((p) => [p.name, []]));
  const t: Times[] = [];
  const pkg = join(root, 'share-ours.age');
  for (let i = 0; i < rounds; i++) {
    for (const path of PATHS) {
      log(`share round ${i + 1}/${rounds}: ${path.name}`);
      o[path.name]!.push(await runPath(path, input, me, pkg));
    }
    t.push(await theirs(input.rawFile, me.publicKey, keyFile, join(root, 'share-age.age')));
  }
  const size = (await stat(pkg)).size;
  await rm(pkg);
  await rm(join(root, 'share-age.age'));
  const side = (xs: Times[], k: keyof Times) => median(xs.map((x) => x[k]));
  const fig = (mine: Times[], k: keyof Times) => ({ oursMBps: mbps(input.bytes, side(mine, k)), ageMBps: mbps(input.bytes, side(t, k)), ratio: round(side(t, k) / side(mine, k)) });
  const figures = (name: string) => ({ export: fig(o[name]!, 'exportS'), open: fig(o[name]!, 'openS') });
  return { node: figures('node'), electron: figures('electron'), electronOneThread: figures('electronOneThread'), packageBytes: size };
}

const passes = (f: { export: { ratio: number }; open: { ratio: number } }): boolean => f.export.ratio >= GOAL && f.open.ratio >= GOAL;

/**
 * 1 GiB through Node's path (OpenSSL) and through Electron's (WebAssembly ChaCha20-Poly1305 in
 * worker threads, forced here as Electron chooses it), against age, in the same rounds.
 */
export async function benchShare(root: string, input: PackageInput = randomClip(root, GiB)): Promise<Figures> {
  const data = await input();
  let m: Awaited<ReturnType<typeof measure>>;
  try {
    m = await measure(root, data, ROUNDS);
  } finally {
    await rm(data.rawFile, { force: true });
  }
  const common = {
    rounds: ROUNDS,
    packageBytes: m.packageBytes,
    baseline: 'age -r KEY -o FILE clip; age -d -i KEY -o /dev/null FILE (same bytes, same run, interleaved)',
    goal: `ratio (our throughput / age's) >= ${GOAL} for export and for open`,
  };
  return {
    sharePackage1GiB: { crypto: 'node:crypto chacha20-poly1305 (OpenSSL): Node, the CLI', ...m.node, ...common, pass: passes(m.node) },
    sharePackage1GiBElectron: {
      crypto: `WebAssembly SIMD ChaCha20-Poly1305 in ${payloadWorkers()} worker threads (what Electron runs: its BoringSSL lacks chacha20-poly1305)`,
      ...m.electron,
      ...common,
      pass: passes(m.electron),
      withoutWorkers: { ...m.electronOneThread, note: 'the same WebAssembly in the calling thread only; reported, not part of pass' },
      // less sensitive to other tenants' load than the ratio to age, which runs in short bursts
      vsNodePath: { export: round(m.electron.export.oursMBps / m.node.export.oursMBps), open: round(m.electron.open.oursMBps / m.node.open.oursMBps) },
    },
  };
}
