import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORMAT_VERSION, HEADER_FILE, headerMacMatches, readHeader, sealHeader, writeHeader, type VaultHeader } from '../../../electron/core/vault/header';
import { newKey, wrapKey } from '../../../electron/core/vault/keys';
import { expectCode, removeDir, tempDir } from '../../helpers/vault-fixtures';

function unsealed(mk: Buffer) {
  const vaultId = randomBytes(16).toString('hex');
  return {
    format: 'kluis-vault' as const,
    version: FORMAT_VERSION,
    vaultId,
    createdAt: new Date().toISOString(),
    kdf: { alg: 'argon2id' as const, memoryKiB: 65536, iterations: 3, parallelism: 4, salt: randomBytes(16).toString('base64') },
    slots: [wrapKey(newKey(), mk, vaultId, 'password'), wrapKey(newKey(), mk, vaultId, 'recovery')],
  };
}

describe('header seal and verify', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
    await mkdir(join(dir, 'staging'));
  });
  afterEach(() => removeDir(dir));

  it('writes a header that reads back equal and whose mac checks with the master key only', async () => {
    const mk = newKey();
    const h = sealHeader(unsealed(mk), mk);
    expect(h.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(h.mac, 'base64').length).toBe(32);
    await writeHeader(dir, h);
    const back = await readHeader(dir);
    expect(back).toEqual(h);
    expect(headerMacMatches(back, mk)).toBe(true);
    expect(headerMacMatches(back, newKey())).toBe(false);
  });

  it('tells damage from a newer format without any key', async () => {
    const mk = newKey();
    const h = sealHeader(unsealed(mk), mk);
    const put = (v: unknown) => writeFile(join(dir, HEADER_FILE), typeof v === 'string' ? v : JSON.stringify(v));
    await expectCode(() => readHeader(dir), 'NOT_A_VAULT');
    await put('{"format": "kluis-vault", ');
    await expectCode(() => readHeader(dir), 'HEADER_DAMAGED');
    await put({ ...h, createdAt: '2020-01-01T00:00:00.000Z' });
    await expectCode(() => readHeader(dir), 'HEADER_DAMAGED');
    await put({ ...h, checksum: undefined });
    await expectCode(() => readHeader(dir), 'HEADER_DAMAGED');
    await put({ ...h, format: 'other' });
    await expectCode(() => readHeader(dir), 'HEADER_DAMAGED');
    // a newer format writes its own checksum, which a v1 reading cannot reproduce
    await put({ ...h, version: FORMAT_VERSION + 1, checksum: 'f'.repeat(64), futureField: true });
    await expectCode(() => readHeader(dir), 'NEWER_FORMAT');
    await put({ version: FORMAT_VERSION + 1, format: 'kluis-vault' });
    await expectCode(() => readHeader(dir), 'NEWER_FORMAT');
    // a v1 header whose version digit was damaged is damage, not "update Kluis"
    for (const v of [3, 5, 9]) {
      await put({ ...h, version: v });
      await expectCode(() => readHeader(dir), 'HEADER_DAMAGED');
    }
  });

  it('detects a downgraded KDF or a swapped slot whose checksum was recomputed, by the mac', async () => {
    const mk = newKey();
    const h = sealHeader(unsealed(mk), mk);
    // The checksum is public, so an attacker can make it match; only the mac needs the master key.
    const reseal = (changed: VaultHeader): VaultHeader => ({ ...changed, mac: h.mac });
    const downgraded = reseal({ ...h, kdf: { ...h.kdf, iterations: 1 } });
    expect(headerMacMatches(downgraded, mk)).toBe(false);
    const swapped = reseal({ ...h, slots: [h.slots[1]!, h.slots[0]!] });
    expect(headerMacMatches(swapped, mk)).toBe(false);
  });

  it('replaces the header atomically and leaves nothing in staging', async () => {
    const mk = newKey();
    await writeHeader(dir, sealHeader(unsealed(mk), mk));
    const second = sealHeader(unsealed(mk), mk);
    await writeHeader(dir, second);
    expect(JSON.parse(await readFile(join(dir, HEADER_FILE), 'utf8'))).toEqual(second);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(dir, 'staging'))).toEqual([]);
  });
});
