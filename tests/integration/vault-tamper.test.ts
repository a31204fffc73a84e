import { randomBytes } from 'node:crypto';
import { cp, readFile, rename, stat, truncate, writeFile, appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault, VaultError, type VerifyReport } from '../../electron/core/vault';
import { chunkCount, chunkOffset, HEADER_BYTES, SEALED_CHUNK } from '../../electron/core/vault/blob-format';
import { objectPath } from '../../electron/core/vault/blob-writer';
import { HEADER_FILE } from '../../electron/core/vault/header';
import { createVault, fileSize, flipBit, PASSWORD, prng, removeDir, tempDir, vaultError } from '../helpers/vault-fixtures';

const K = 64 * 1024;

/**
 * One pristine vault with items of telling sizes; each test works on its own copy.
 * A and B have the same size, so swapping their files is caught by the id, not the length.
 */
const SPEC = { A: 3 * K + 17, B: 3 * K + 17, C: 1, D: K, E: 0, F: 20 * K + 3 } as const;
type Name = keyof typeof SPEC;

let root: string;
let pristine: string;
const original = new Map<string, Buffer>();
const idOf = {} as Record<Name, string>;
let copies = 0;

async function freshCopy(): Promise<string> {
  const dir = join(root, `copy-${copies++}`);
  await cp(pristine, dir, { recursive: true });
  return dir;
}

function blobFile(vault: Vault, itemId: string): string {
  const r = vault.catalog.prepare('SELECT blob_id FROM items WHERE id = ?').get(itemId) as { blob_id: string };
  return objectPath(join(vault.dir, 'objects'), r.blob_id);
}

/** What every damage test demands: the damaged items, and only those, are reported, by id. */
function expectReport(report: VerifyReport, damaged: string[]): void {
  const bad = report.items.filter((i) => !i.ok).map((i) => i.id).sort();
  expect(bad).toEqual([...damaged].sort());
  expect(report.items.length).toBe(Object.keys(SPEC).length);
  for (const i of report.items.filter((x) => !x.ok)) expect(i.problem).toContain(i.id);
  expect(report.ok).toBe(damaged.length === 0);
}

/** A read of a damaged item fails with BLOB_DAMAGED naming the item; a read that succeeds returns the original bytes. */
async function expectNoWrongPlaintext(vault: Vault, itemId: string, seed: number, mustFailWhole: boolean): Promise<void> {
  const src = original.get(itemId)!;
  const whole = await vault.readBytes(itemId).then(
    (b) => b,
    (e: unknown) => e,
  );
  if (mustFailWhole) {
    expect(whole).toBeInstanceOf(VaultError);
    expect((whole as VaultError).code).toBe('BLOB_DAMAGED');
    expect((whole as VaultError).message).toContain(itemId);
  } else if (whole instanceof Buffer) {
    expect(whole.equals(src)).toBe(true);
  }
  const rnd = prng(seed);
  for (let i = 0; i < 12; i++) {
    const start = rnd.int(src.length + 1);
    const end = start + rnd.int(src.length - start + 1);
    try {
      const got = await vault.readBytes(itemId, start, end);
      expect(got.equals(src.subarray(start, end)), `range ${start}-${end} of ${itemId}`).toBe(true);
    } catch (e) {
      expect(e).toBeInstanceOf(VaultError);
      expect((e as VaultError).code).toBe('BLOB_DAMAGED');
      expect((e as VaultError).message).toContain(itemId);
    }
  }
}

beforeAll(async () => {
  root = await tempDir('kluis-tamper-');
  pristine = join(root, 'pristine');
  const { vault } = await createVault(pristine);
  for (const [name, size] of Object.entries(SPEC) as [Name, number][]) {
    const data = randomBytes(size);
    const item = await vault.addBytes(name, data);
    idOf[name] = item.id;
    original.set(item.id, data);
  }
  await vault.lock();
});

afterAll(() => removeDir(root));

describe('a damaged header', () => {
  it('every single bit flip of kluis-vault.json is HEADER_DAMAGED, never WRONG_PASSWORD or an open vault', async () => {
    const dir = await freshCopy();
    const path = join(dir, HEADER_FILE);
    const size = await fileSize(path);
    const codes = new Map<string, number>();
    for (let byte = 0; byte < size; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const restore = await flipBit(path, byte, bit);
        const e = await vaultError(async () => {
          const v = await Vault.open(dir, PASSWORD);
          await v.lock();
        });
        codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        expect(e.code, `byte ${byte} bit ${bit}: ${e.message}`).toBe('HEADER_DAMAGED');
        await restore();
      }
    }
    expect(codes.get('HEADER_DAMAGED')).toBe(size * 8);
    // the flips were undone: the vault opens again
    await (await Vault.open(dir, PASSWORD)).lock();
  });

  it('verify() of an open vault reports a header flipped behind its back (seed 4242)', async () => {
    const dir = await freshCopy();
    const vault = await Vault.open(dir, PASSWORD);
    try {
      const path = join(dir, HEADER_FILE);
      const size = await fileSize(path);
      const rnd = prng(4242);
      for (let i = 0; i < 10; i++) {
        const restore = await flipBit(path, rnd.int(size), rnd.int(8));
        const report = await vault.verify();
        expect(report.header.ok, JSON.stringify(report)).toBe(false);
        expect(report.ok).toBe(false);
        expect(report.items.every((x) => x.ok)).toBe(true);
        await restore();
      }
      expect((await vault.verify()).ok).toBe(true);
    } finally {
      await vault.lock();
    }
  });
});

describe('a damaged catalog', () => {
  it('bit flips in catalog.db after a lock are CATALOG_DAMAGED at open or in verify, never wrong plaintext (seed 2002)', async () => {
    const rnd = prng(2002);
    const outcomes = { atOpen: 0, inVerify: 0 };
    for (let trial = 0; trial < 16; trial++) {
      const dir = await freshCopy();
      const path = join(dir, 'catalog.db');
      const size = await fileSize(path);
      const at = rnd.int(size);
      const bit = rnd.int(8);
      await flipBit(path, at, bit);
      const where = `trial ${trial}, byte ${at} of ${size}, bit ${bit}`;
      let vault: Vault;
      try {
        vault = await Vault.open(dir, PASSWORD);
      } catch (e) {
        expect(e, where).toBeInstanceOf(VaultError);
        expect((e as VaultError).code, `${where}: ${(e as Error).message}`).toBe('CATALOG_DAMAGED');
        outcomes.atOpen++;
        await rm(dir, { recursive: true });
        continue;
      }
      try {
        const report = await vault.verify();
        expect(report.catalog.ok, where).toBe(false);
        expect(report.ok, where).toBe(false);
        outcomes.inVerify++;
        // a catalog whose pages fail may still serve some rows: whatever it serves must be right
        for (const id of Object.values(idOf)) {
          try {
            const got = await vault.readBytes(id);
            expect(got.equals(original.get(id)!), `${where}: ${id}`).toBe(true);
          } catch (e) {
            expect(e, `${where}: ${String(e)} ${(e as { code?: string }).code}`).toBeInstanceOf(VaultError);
            expect(['CATALOG_DAMAGED', 'BLOB_DAMAGED', 'NOT_FOUND'], `${where}: ${(e as Error).message}`).toContain((e as VaultError).code);
          }
        }
      } finally {
        await vault.lock();
      }
      await rm(dir, { recursive: true });
    }
    expect(outcomes.atOpen + outcomes.inVerify).toBe(16);
  });
});

describe('damaged blobs', () => {
  let dir: string;
  let vault: Vault;
  beforeAll(async () => {
    dir = await freshCopy();
    vault = await Vault.open(dir, PASSWORD);
  });
  afterAll(async () => {
    await vault.lock();
  });

  it('single bit flips anywhere in a blob file are BLOB_DAMAGED for that item only (seed 1337)', async () => {
    const rnd = prng(1337);
    const names = Object.keys(SPEC) as Name[];
    let inHeader = 0;
    for (let trial = 0; trial < 120; trial++) {
      const name = names[rnd.int(names.length)]!;
      const id = idOf[name];
      const path = blobFile(vault, id);
      const size = await fileSize(path);
      // a quarter of the flips go to the 24-byte blob header, which random offsets would rarely hit
      const at = rnd.next() < 0.25 ? rnd.int(HEADER_BYTES) : rnd.int(size);
      if (at < HEADER_BYTES) inHeader++;
      const restore = await flipBit(path, at, rnd.int(8));
      try {
        expectReport(await vault.verify(), [id]);
        // an empty item's whole read touches no chunk, so it cannot fail; it still cannot lie
        await expectNoWrongPlaintext(vault, id, trial, SPEC[name] > 0);
      } finally {
        await restore();
      }
    }
    expect(inHeader).toBeGreaterThan(10);
    expectReport(await vault.verify(), []);
  });

  async function withChangedFile(id: string, change: (path: string) => Promise<void>): Promise<void> {
    const path = blobFile(vault, id);
    const saved = await readFile(path);
    await change(path);
    try {
      expectReport(await vault.verify(), [id]);
      await expectNoWrongPlaintext(vault, id, 7, original.get(id)!.length > 0);
    } finally {
      await writeFile(path, saved);
    }
  }

  it('truncation at a chunk boundary', async () => {
    await withChangedFile(idOf.F, (p) => truncate(p, chunkOffset(10)));
  });

  it('truncation in the middle of a chunk, and inside the blob header', async () => {
    await withChangedFile(idOf.F, (p) => truncate(p, chunkOffset(4) + 1000));
    await withChangedFile(idOf.A, (p) => truncate(p, 10));
    await withChangedFile(idOf.E, (p) => truncate(p, HEADER_BYTES + 15));
  });

  it('removing the last chunk', async () => {
    // F has 21 chunks, D exactly one full (final) chunk
    expect(chunkCount(SPEC.F)).toBe(21);
    await withChangedFile(idOf.F, (p) => truncate(p, chunkOffset(20)));
    await withChangedFile(idOf.D, (p) => truncate(p, chunkOffset(0)));
  });

  it('appended bytes', async () => {
    await withChangedFile(idOf.C, (p) => appendFile(p, Buffer.alloc(1)));
  });

  it('two sealed chunks swapped within a file', async () => {
    for (const [a, b] of [[0, 1], [3, 17], [0, 19]] as [number, number][]) {
      await withChangedFile(idOf.F, async (p) => {
        const buf = await readFile(p);
        const ca = Buffer.from(buf.subarray(chunkOffset(a), chunkOffset(a) + SEALED_CHUNK));
        buf.copy(buf, chunkOffset(a), chunkOffset(b), chunkOffset(b) + SEALED_CHUNK);
        ca.copy(buf, chunkOffset(b));
        await writeFile(p, buf);
      });
    }
    // chunks that were not moved still read correctly
    const path = blobFile(vault, idOf.F);
    const saved = await readFile(path);
    const buf = Buffer.from(saved);
    buf.copy(buf, chunkOffset(0), chunkOffset(1), chunkOffset(1) + SEALED_CHUNK);
    saved.copy(buf, chunkOffset(1), chunkOffset(0), chunkOffset(0) + SEALED_CHUNK);
    await writeFile(path, buf);
    try {
      expect((await vault.readBytes(idOf.F, 2 * K, 5 * K)).equals(original.get(idOf.F)!.subarray(2 * K, 5 * K))).toBe(true);
      await expect(vault.readBytes(idOf.F, 0, 10)).rejects.toMatchObject({ code: 'BLOB_DAMAGED' });
    } finally {
      await writeFile(path, saved);
    }
  });

  it("two items' files swapped, of the same and of different sizes", async () => {
    for (const [x, y] of [['A', 'B'], ['A', 'F'], ['C', 'E']] as [Name, Name][]) {
      const px = blobFile(vault, idOf[x]);
      const py = blobFile(vault, idOf[y]);
      const tmp = `${px}.swap`;
      await rename(px, tmp);
      await rename(py, px);
      await rename(tmp, py);
      try {
        expectReport(await vault.verify(), [idOf[x], idOf[y]]);
        await expectNoWrongPlaintext(vault, idOf[x], 1, SPEC[x] > 0);
        await expectNoWrongPlaintext(vault, idOf[y], 2, SPEC[y] > 0);
      } finally {
        await rename(px, tmp);
        await rename(py, px);
        await rename(tmp, py);
      }
    }
  });

  it('a missing blob file', async () => {
    const p = blobFile(vault, idOf.B);
    const saved = await readFile(p);
    await rm(p);
    try {
      expectReport(await vault.verify(), [idOf.B]);
      const e = await vaultError(() => vault.readBytes(idOf.B));
      expect(e.code).toBe('BLOB_DAMAGED');
      expect(e.message).toContain(idOf.B);
    } finally {
      await writeFile(p, saved);
    }
    expect((await stat(p)).size).toBe(saved.length);
    expectReport(await vault.verify(), []);
  });
});
