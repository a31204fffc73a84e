import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAge, ensureShareKey, getShareKey, shareIdentity, shareKeyQrPng, shareKeyQrSvg } from '../../electron/core/share';
import { Vault } from '../../electron/core/vault';
import { createVault, PASSWORD, removeDir, tempDir } from '../helpers/vault-fixtures';
import { collect, pieces } from '../unit/share/age-helpers';

let dir: string;
let vault: Vault;
beforeAll(async () => {
  dir = await tempDir('kluis-sharekey-');
  ({ vault } = await createVault(join(dir, 'vault')));
});
afterAll(async () => {
  await vault?.lock();
  await removeDir(dir);
});

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { recursive: true })) if ((await stat(join(root, e))).isFile()) out.push(join(root, e));
  return out;
}

describe('the owner share key', () => {
  it('a vault has no share key until asked; then one, the same every time and after unlocking again', async () => {
    expect(getShareKey(vault)).toBeUndefined();
    await expect(async () => shareIdentity(vault)).rejects.toMatchObject({ code: 'NO_MATCHING_KEY' });
    const key = ensureShareKey(vault);
    expect(key.publicKey).toMatch(/^age1[0-9a-z]{58}$/);
    expect(ensureShareKey(vault)).toEqual(key);
    await vault.lock();
    vault = await Vault.open(join(dir, 'vault'), PASSWORD);
    expect(getShareKey(vault)).toEqual(key);
  });

  it('opens what the age tool encrypted to its public part', async () => {
    const { publicKey } = ensureShareKey(vault);
    const src = join(dir, 'note.txt');
    await writeFile(src, 'feedback bij clip 2');
    execFileSync('age', ['-r', publicKey, '-o', `${src}.age`, src]);
    const plain = await collect(decryptAge([shareIdentity(vault)], pieces(await readFile(`${src}.age`))));
    expect(plain.toString()).toBe('feedback bij clip 2');
  });

  it('the secret half is nowhere on disk in plaintext', async () => {
    const secret = shareIdentity(vault);
    if (secret.type !== 'x25519') throw new Error('expected an X25519 identity');
    await vault.lock();
    for (const f of await filesUnder(join(dir, 'vault'))) {
      const bytes = await readFile(f);
      expect(bytes.includes(secret.secretKey), f).toBe(false);
      expect(bytes.includes(secret.secretKey.toLowerCase()), f).toBe(false);
    }
    vault = await Vault.open(join(dir, 'vault'), PASSWORD);
  });

  it('shows the public part as a QR code in SVG and PNG, and refuses to draw anything else', async () => {
    const { publicKey } = ensureShareKey(vault);
    const svg = await shareKeyQrSvg(publicKey);
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/);
    const png = await shareKeyQrPng(publicKey, 4);
    expect(png.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe(true);
    // 62 characters in byte mode at level M need version 4: 33 modules, 2 of margin each side.
    expect(png.readUInt32BE(16)).toBe((33 + 4) * 4);
    await expect(shareKeyQrSvg('age1notakey')).rejects.toMatchObject({ code: 'BAD_KEY' });
  });
});
