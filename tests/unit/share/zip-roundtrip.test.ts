import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateZipPassword, writeEncryptedZip } from '../../../electron/core/share/zip';
import { removeDir, tempDir } from '../../helpers/vault-fixtures';
import { filesUnder, localEntries, run7z, sha256, sha256File, source } from './zip-helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('kluis-zip-');
});
afterAll(() => removeDir(dir));

const MiB = 1024 * 1024;
const odd = `01 Gesprek "Één" 'kort'/vidéo ✓ 2.mp4`;

/** Writes `files` into a new zip, extracts it with 7-Zip and returns what came out, by name. */
async function roundTrip(label: string, files: [string, Buffer][], opts: { forceZip64?: boolean; chunk?: number } = {}) {
  const password = generateZipPassword();
  const zip = join(dir, `${label}.zip`);
  const written = await writeEncryptedZip(zip, password, files.map(([n, d]) => source(n, d, opts.chunk)), opts);
  const out = join(dir, `${label}-out`);
  await mkdir(out);
  const x = run7z(['x', `-p${password}`, `-o${out}`, zip]);
  expect(x.status, x.out).toBe(0);
  const got = new Map<string, string>();
  for (const f of await filesUnder(out)) got.set(f, sha256(await readFile(join(out, f))));
  return { zip, password, written, got };
}

describe('writeEncryptedZip, opened by 7-Zip', () => {
  it('round-trips a read-me, a zero-byte file, an odd name and 3 MiB of random bytes', async () => {
    const files: [string, Buffer][] = [['LEESMIJ - README.txt', Buffer.from('Dit is je kopie.\n')], ['leeg.txt', Buffer.alloc(0)], [odd, randomBytes(3 * MiB)], ['02 b/c.bin', randomBytes(1000)]];
    const { zip, written, got } = await roundTrip('four', files);
    expect(got).toEqual(new Map(files.map(([n, d]) => [n, sha256(d)])));
    expect(written.path).toBe(zip);
    expect(written.size).toBe((await stat(zip)).size);
    expect(written.sha256).toBe(await sha256File(zip));
    expect((await stat(zip)).mode & 0o777).toBe(0o600);
  });

  it('7z t passes with the password and fails with a wrong one', async () => {
    const { zip, password } = await roundTrip('test', [['a.mp4', randomBytes(200_000)], ['b.txt', Buffer.from('b')]]);
    const good = run7z(['t', `-p${password}`, zip]);
    expect(good.status, good.out).toBe(0);
    expect(good.out).toContain('Everything is Ok');
    const wrong = run7z(['t', `-p${generateZipPassword()}`, zip]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.out).toMatch(/Wrong password/);
    // No password at all: 7-Zip must not find anything readable either.
    const none = run7z(['t', '-p', zip]);
    expect(none.status).not.toBe(0);
  });

  it('a forced ZIP64 zip opens too, and carries the ZIP64 end record and locator', async () => {
    const files: [string, Buffer][] = [['a.bin', randomBytes(70_000)], ['leeg', Buffer.alloc(0)], [odd, randomBytes(5)]];
    const { zip, got } = await roundTrip('zip64', files, { forceZip64: true });
    expect(got).toEqual(new Map(files.map(([n, d]) => [n, sha256(d)])));
    const bytes = await readFile(zip);
    const end = bytes.length - 22;
    expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
    expect(bytes.readUInt32LE(end - 20)).toBe(0x07064b50);
    expect(bytes.readUInt32LE(Number(bytes.readBigUInt64LE(end - 12)))).toBe(0x06064b50);
    expect(bytes.readUInt32LE(end + 16)).toBe(0xffffffff);
  });

  it('crosses the keystream batches (64 KiB) and the write pieces (1 MiB) at every edge', async () => {
    const sizes = [1, 15, 16, 17, 65535, 65536, 65537, 3 * 65536 + 5, MiB - 1, MiB, MiB + 1, 2 * MiB + 17];
    const files = sizes.map((n): [string, Buffer] => [`size-${n}.bin`, randomBytes(n)]);
    for (const chunk of [7777, 65536, 3 * MiB]) {
      const { got } = await roundTrip(`edges-${chunk}`, files, { chunk });
      expect(got, `fed in chunks of ${chunk}`).toEqual(new Map(files.map(([n, d]) => [n, sha256(d)])));
    }
  });

  it('gives every entry its own salt, so equal files encrypt differently', async () => {
    const same = randomBytes(4096);
    const { zip } = await roundTrip('salts', [['a', same], ['b', same]]);
    const bytes = await readFile(zip);
    const [a, b] = localEntries(bytes);
    expect(a!.data.subarray(0, 16).equals(b!.data.subarray(0, 16))).toBe(false);
    expect(a!.data.subarray(18).equals(b!.data.subarray(18))).toBe(false);
    expect(bytes.includes(same.subarray(0, 32))).toBe(false);
  });
});
