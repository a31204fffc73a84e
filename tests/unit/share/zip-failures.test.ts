import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isShareError } from '../../../electron/core/share/errors';
import { generateZipPassword, writeEncryptedZip, type ZipEntrySource } from '../../../electron/core/share/zip';
import { removeDir, tempDir } from '../../helpers/vault-fixtures';
import { source } from './zip-helpers';

let root: string;
beforeAll(async () => {
  root = await tempDir('kluis-zipfail-');
});
afterAll(() => removeDir(root));

let n = 0;
/** A fresh, empty folder per case, so "nothing left behind" is simply an empty listing. */
async function folder(): Promise<string> {
  const d = join(root, String(++n));
  await mkdir(d);
  return d;
}

const ok = source('ok.bin', randomBytes(100_000));
const password = generateZipPassword();

function lying(name: string, size: number, actual: number): ZipEntrySource {
  return { ...source(name, randomBytes(actual), 4096), size };
}

describe('writeEncryptedZip leaves nothing behind when it fails', () => {
  it.each([
    ['fewer', 5000, 4000],
    ['more', 5000, 6000],
  ])('an entry that yields %s bytes than its size: CHECKSUM_MISMATCH naming it and both sizes', async (_, size, actual) => {
    const d = await folder();
    const err = await writeEncryptedZip(join(d, 'copy.zip'), password, [ok, lying('02 clip/kort.mp4', size, actual)]).catch((e: unknown) => e);
    expect(isShareError(err, 'CHECKSUM_MISMATCH')).toBe(true);
    expect((err as Error).message).toContain('02 clip/kort.mp4');
    expect((err as Error).message).toContain(String(size));
    expect((err as Error).message).toMatch(actual > size ? /at least \d+/ : new RegExp(`gave ${actual} bytes`));
    expect(await readdir(d)).toEqual([]);
  });

  it('an abort in the middle of an entry rethrows the abort and removes the part file', async () => {
    const d = await folder();
    const ctl = new AbortController();
    const slow: ZipEntrySource = {
      name: 'slow.bin',
      size: 10 * 65536,
      modified: new Date(),
      read: async function* () {
        for (let i = 0; i < 10; i++) {
          if (i === 3) ctl.abort();
          yield randomBytes(65536);
        }
      },
    };
    const err = await writeEncryptedZip(join(d, 'copy.zip'), password, [ok, slow], { signal: ctl.signal }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(await readdir(d)).toEqual([]);
  });

  it('an abort before it starts, or a reason the caller gave, comes back as is', async () => {
    const d = await folder();
    const reason = new Error('user pressed cancel');
    await expect(writeEncryptedZip(join(d, 'copy.zip'), password, [ok], { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(await readdir(d)).toEqual([]);
  });

  it('a source that fails passes its error on and leaves nothing', async () => {
    const d = await folder();
    const broken: ZipEntrySource = { name: 'b', size: 10, modified: new Date(), read: async function* () { yield Buffer.alloc(3); throw new Error('card removed'); } };
    await expect(writeEncryptedZip(join(d, 'copy.zip'), password, [ok, broken])).rejects.toThrow('card removed');
    expect(await readdir(d)).toEqual([]);
  });

  it('refuses to overwrite a file, and does not touch it', async () => {
    const d = await folder();
    await writeFile(join(d, 'copy.zip'), 'mine');
    await expect(writeEncryptedZip(join(d, 'copy.zip'), password, [ok])).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('already exists') });
    expect(await readFile(join(d, 'copy.zip'), 'utf8')).toBe('mine');
    expect(await readdir(d)).toEqual(['copy.zip']);
  });

  it('refuses when a part file is in the way (an interrupted copy), and keeps it', async () => {
    const d = await folder();
    await writeFile(join(d, 'copy.zip.part'), 'half');
    await expect(writeEncryptedZip(join(d, 'copy.zip'), password, [ok])).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('interrupted') });
    expect(await readFile(join(d, 'copy.zip.part'), 'utf8')).toBe('half');
  });

  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['C:/x.mp4', 'drive letter'],
    ['a/../../b', '".."'],
    ['..', '".."'],
    ['a\\b.mp4', 'backslash'],
    ['a\u0000b', 'control character'],
    ['a\nb', 'control character'],
    ['a//b', 'empty or "."'],
    ['./a', 'empty or "."'],
    ['map/', 'ends in "/"'],
    ['x\ud800y', 'lone surrogate'],
    ['n'.repeat(1025), 'longer than 1024 bytes'],
  ])('refuses the name %j (%s) before writing anything', async (name, why) => {
    const d = await folder();
    const err = await writeEncryptedZip(join(d, 'copy.zip'), password, [ok, source(name, Buffer.from('x'))]).catch((e: unknown) => e);
    expect(isShareError(err, 'UNSAFE_NAME'), String(err)).toBe(true);
    expect((err as Error).message).toContain(why);
    expect(await readdir(d)).toEqual([]);
  });

  it.each([
    [['a.mp4', 'a.mp4'], 'given twice'],
    [['Clip.MP4', 'clip.mp4'], 'same file as "Clip.MP4"'],
    [['caf\u00e9.mp4', 'cafe\u0301.mp4'], 'same file'],
    [['a', 'a/b'], 'also a folder'],
    [['a/b/c', 'A/B'], 'also a folder'],
  ])('refuses names that unpack onto one file: %j', async (names, why) => {
    const d = await folder();
    const err = await writeEncryptedZip(join(d, 'copy.zip'), password, names.map((x) => source(x, Buffer.from('x')))).catch((e: unknown) => e);
    expect(isShareError(err, 'UNSAFE_NAME'), String(err)).toBe(true);
    expect((err as Error).message).toContain(why);
    expect(await readdir(d)).toEqual([]);
  });

  it('refuses a short or non-ASCII password and an impossible size', async () => {
    const d = await folder();
    const zip = join(d, 'copy.zip');
    await expect(writeEncryptedZip(zip, 'geheim', [ok])).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('generateZipPassword') });
    await expect(writeEncryptedZip(zip, 'één-lang-wachtwoord-met-accenten', [ok])).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    for (const size of [-1, 1.5, Number.NaN, 2 ** 53]) {
      await expect(writeEncryptedZip(zip, password, [{ ...ok, size }])).rejects.toMatchObject({ code: 'TOO_LARGE' });
    }
    expect(await readdir(d)).toEqual([]);
  });
});
