/**
 * Shared fixtures for the vault tests: temp folders, a seeded PRNG, bit flips, file snapshots.
 * Everything here touches real files; nothing of core is replaced.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Vault } from '../../electron/core/vault';
import { VaultError, type VaultErrorCode } from '../../electron/core/vault/errors';

/** Strong enough for the policy; tests use it unless the password itself is the subject. */
export const PASSWORD = 'Vlinder-Kaasschaaf-73-Regenboog!';
/** The RFC 9106 floor: the cheapest the vault accepts, so tests stay quick. */
export const FAST_KDF = { memoryKiB: 65536, iterations: 3 } as const;

export async function tempDir(prefix = 'kluis-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export async function createVault(dir: string): Promise<{ vault: Vault; recoveryKey: string }> {
  return Vault.create(dir, PASSWORD, { kdf: FAST_KDF });
}

/** mulberry32: small, seedable, good enough to pick positions; the seed goes in the test name so a failure can be replayed. */
export function prng(seed: number): { next(): number; int(maxExclusive: number): number; bytes(n: number): Buffer } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    bytes: (n) => {
      const b = Buffer.allocUnsafe(n);
      for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
      return b;
    },
  };
}

/** Flips one bit in place and returns a function that flips it back. */
export async function flipBit(path: string, byteOffset: number, bit: number): Promise<() => Promise<void>> {
  const fh = await open(path, 'r+');
  try {
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, byteOffset);
    b[0] = b[0]! ^ (1 << bit);
    await fh.write(b, 0, 1, byteOffset);
  } finally {
    await fh.close();
  }
  return async () => {
    await flipBit(path, byteOffset, bit);
  };
}

export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** path (relative) -> sha256 of every file, to prove that an operation wrote nothing. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const snap: Record<string, string> = {};
  for (const f of await listFiles(dir)) snap[relative(dir, f)] = createHash('sha256').update(await readFile(f)).digest('hex');
  return snap;
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function readSlice(path: string, start: number, end: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(end - start);
    let done = 0;
    while (done < buf.length) {
      const { bytesRead } = await fh.read(buf, done, buf.length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buf.subarray(0, done);
  } finally {
    await fh.close();
  }
}

export async function writeRandomFile(path: string, size: number): Promise<void> {
  await writeFile(path, randomBytes(size));
}

/**
 * A large file that costs little to make: sparse, with random 1 MiB blocks at seeded offsets
 * (and one at the very end) so that a reader that skipped or misplaced data would be caught.
 */
export async function writeSparseFile(path: string, size: number, seed: number, blocks = 48): Promise<void> {
  const rnd = prng(seed);
  const block = 1024 * 1024;
  const fh = await open(path, 'w');
  try {
    await fh.truncate(size);
    for (let i = 0; i < blocks; i++) await fh.write(randomBytes(block), 0, block, rnd.int(size - block));
    await fh.write(randomBytes(block), 0, block, size - block);
    await fh.write(randomBytes(4099), 0, 4099, 0);
  } finally {
    await fh.close();
  }
}

/** Runs `fn` and returns the VaultError it throws; fails when it returns or throws anything else. */
export async function vaultError(fn: () => unknown): Promise<VaultError> {
  let result: unknown;
  try {
    result = await fn();
  } catch (e) {
    if (e instanceof VaultError) return e;
    throw new Error(`expected a VaultError, got ${String(e)}`, { cause: e });
  }
  throw new Error(`expected a VaultError, but it succeeded (${typeof result})`);
}

export async function expectCode(fn: () => unknown, code: VaultErrorCode): Promise<VaultError> {
  const e = await vaultError(fn);
  if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`, { cause: e });
  return e;
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
