import { createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys, generateZipPassword, WinZipCtr, writeEncryptedZip } from '../../../electron/core/share/zip';
import { removeDir, tempDir } from '../../helpers/vault-fixtures';
import { extraFields, localEntries, run7z, source } from './zip-helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('kluis-zipfmt-');
});
afterAll(() => removeDir(dir));

/** Decrypts one WinZip AES entry's data with our key derivation and counter; checks verifier and auth code. */
async function open(password: string, data: Buffer): Promise<Buffer> {
  const keys = await deriveKeys(password, data.subarray(0, 16));
  expect(keys.verifier.toString('hex'), 'password verification value').toBe(data.subarray(16, 18).toString('hex'));
  const ciphertext = Buffer.from(data.subarray(18, data.length - 10));
  expect(createHmac('sha1', keys.macKey).update(ciphertext).digest().subarray(0, 10).toString('hex'), 'auth code').toBe(data.subarray(data.length - 10).toString('hex'));
  new WinZipCtr(keys.encKey).apply(ciphertext);
  return ciphertext;
}

describe('WinZip AES against 7-Zip\'s own encoder', () => {
  it('decrypts a fixed entry 7-Zip 26.02 wrote (a known answer, not made by our writer)', async () => {
    // 7zz a -tzip -mem=AES256 -mx0 -pkluis-test-vector-password fox.zip fox.txt
    const entry = Buffer.from(
      '706c448b3ab1c633c0b300f375770ea8' + '9389' +
        'a0dc7a72a81ef79043d80f02f9ecee01008394e2da223ae3b08682a3dc7fb4bf95a8e65f091aec6db1739eda681d2510b545b6c4f96801' +
        'bc6d9612de6bc7bcd311',
      'hex',
    );
    expect((await open('kluis-test-vector-password', entry)).toString()).toBe('The quick brown fox jumps over the lazy dog. 0123456789');
  });

  it('decrypts what the installed 7-Zip writes now, across several keystream batches', async () => {
    const plain = randomBytes(200_001);
    const password = generateZipPassword();
    await writeFile(join(dir, 'plain.bin'), plain);
    const r = run7z(['a', '-tzip', '-mem=AES256', '-mx0', `-p${password}`, join(dir, 'theirs.zip'), join(dir, 'plain.bin')]);
    expect(r.status, r.out).toBe(0);
    const [entry] = localEntries(await readFile(join(dir, 'theirs.zip')));
    expect(entry!.method).toBe(99);
    expect((await open(password, entry!.data)).equals(plain)).toBe(true);
  });
});

describe('what writeEncryptedZip writes (docs/encrypted-zip.md, section 3)', () => {
  const modified = new Date(2026, 2, 14, 9, 26, 55); // local time, as the DOS fields are

  it('local headers: version 51, flags 0x0801, method 99, CRC 0, AE-2 extra, timestamp, data = size + 28', async () => {
    const password = generateZipPassword();
    const zip = join(dir, 'fields.zip');
    const plain = randomBytes(1000);
    await writeEncryptedZip(zip, password, [source('één.bin', plain, 300, modified), source('leeg', Buffer.alloc(0), 1, modified)]);
    const [e, empty] = localEntries(await readFile(zip));
    expect(e).toMatchObject({ name: 'één.bin', version: 51, flags: 0x0801, method: 99, crc: 0, size: 1000 });
    expect(e!.data.length).toBe(1028);
    expect(e!.extra.get(0x9901)!.toString('hex')).toBe('0200' + '4145' + '03' + '0000');
    expect(e!.extra.get(0x5455)!.readInt32LE(1)).toBe(modified.getTime() / 1000);
    expect(e!.extra.has(0x0001)).toBe(false);
    expect(e!.time).toBe((9 << 11) | (26 << 5) | 27);
    expect(e!.date).toBe((46 << 9) | (3 << 5) | 14);
    expect((await open(password, e!.data)).equals(plain)).toBe(true);
    expect(empty!.data.length).toBe(28);
  });

  it('7-Zip lists AES-256 stored, UTF-8 names, Unix mode 0600 and the exact time', async () => {
    const password = generateZipPassword();
    const zip = join(dir, 'listed.zip');
    await writeEncryptedZip(zip, password, [source('map/één.txt', Buffer.from('x'), 1, modified)]);
    const r = run7z(['l', '-slt', `-p${password}`, zip]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('Path = map/één.txt');
    expect(r.out).toContain('Method = AES-256 Store');
    expect(r.out).toMatch(/Characteristics = .*WzAES.*UTF8/);
    expect(r.out).toContain('Attributes =  -rw-------');
    expect(r.out).toContain('Host OS = Unix');
  });

  it('forced ZIP64: both sizes in every local ZIP64 field, the offset in the central one', async () => {
    const zip = join(dir, 'z64.zip');
    await writeEncryptedZip(zip, generateZipPassword(), [source('a', randomBytes(10)), source('b', randomBytes(20))], { forceZip64: true });
    const bytes = await readFile(zip);
    const [a, b] = localEntries(bytes);
    expect(a!.extra.get(0x0001)!.length).toBe(16);
    expect([Number(b!.extra.get(0x0001)!.readBigUInt64LE(0)), Number(b!.extra.get(0x0001)!.readBigUInt64LE(8))]).toEqual([20, 48]);
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), 0);
    const second = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 4);
    expect(bytes.readUInt32LE(second + 42)).toBe(0xffffffff);
    const extra = extraFields(bytes.subarray(second + 46 + 1, second + 46 + 1 + bytes.readUInt16LE(second + 30)));
    expect(Number(extra.get(0x0001)!.readBigUInt64LE(16))).toBe(30 + 1 + 20 + 11 + 9 + 38); // where b's local header starts
  });
});
