import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Vault } from '../../../electron/core/vault';
import { HEADER_FILE, type VaultHeader } from '../../../electron/core/vault/header';
import { assertKdfStrongEnough, chooseKdfParams, deriveKek, KDF_FLOOR } from '../../../electron/core/vault/kdf';
import { createVault, expectCode, PASSWORD, removeDir, tempDir } from '../../helpers/vault-fixtures';
import { createHash } from 'node:crypto';

describe('KDF floor (RFC 9106, second recommendation)', () => {
  let dir: string | undefined;
  afterEach(() => removeDir(dir));

  it('accepts the floor and refuses anything below it', async () => {
    expect(KDF_FLOOR).toEqual({ memoryKiB: 65536, iterations: 3 });
    expect(() => assertKdfStrongEnough({ memoryKiB: 65536, iterations: 3, parallelism: 1 })).not.toThrow();
    await expectCode(() => assertKdfStrongEnough({ memoryKiB: 65535, iterations: 3, parallelism: 4 }), 'KDF_TOO_WEAK');
    await expectCode(() => assertKdfStrongEnough({ memoryKiB: 262144, iterations: 2, parallelism: 4 }), 'KDF_TOO_WEAK');
    await expectCode(() => assertKdfStrongEnough({ memoryKiB: 262144, iterations: 3, parallelism: 0 }), 'KDF_TOO_WEAK');
    await expectCode(() => chooseKdfParams({ memoryKiB: 32768, iterations: 3 }), 'KDF_TOO_WEAK');
  });

  it('refuses to create a vault below the floor, and writes nothing that looks like a vault', async () => {
    dir = await tempDir();
    await expectCode(() => Vault.create(dir!, PASSWORD, { kdf: { memoryKiB: 32768, iterations: 3 } }), 'KDF_TOO_WEAK');
    await expectCode(() => Vault.create(dir!, PASSWORD, { kdf: { memoryKiB: 65536, iterations: 2 } }), 'KDF_TOO_WEAK');
    await expectCode(() => Vault.open(dir!, PASSWORD), 'NOT_A_VAULT');
  });

  it('refuses to open a vault whose header was edited below the floor, before deriving any key', async () => {
    dir = await tempDir();
    const { vault } = await createVault(dir);
    await vault.lock();
    const path = join(dir, HEADER_FILE);
    const h = JSON.parse(await readFile(path, 'utf8')) as VaultHeader;
    const weakened = { ...h, kdf: { ...h.kdf, memoryKiB: 8 } };
    // keep the (public) checksum valid so that the KDF check, not the checksum, is what refuses it
    const canonical = JSON.stringify({
      format: weakened.format, version: weakened.version, vaultId: weakened.vaultId, createdAt: weakened.createdAt,
      kdf: { alg: weakened.kdf.alg, memoryKiB: weakened.kdf.memoryKiB, iterations: weakened.kdf.iterations, parallelism: weakened.kdf.parallelism, salt: weakened.kdf.salt },
      slots: weakened.slots.map((s) => ({ type: s.type, nonce: s.nonce, wrapped: s.wrapped })),
    });
    weakened.checksum = createHash('sha256').update(canonical).update(weakened.mac).digest('hex');
    await writeFile(path, JSON.stringify(weakened));
    await expectCode(() => Vault.open(dir!, PASSWORD), 'KDF_TOO_WEAK');
  });

  it('defaults to at least 128 MiB, 3 passes and 4 lanes, calibrated so one derivation fits the unlock goal', async () => {
    const p = await chooseKdfParams();
    expect([131072, 262144]).toContain(p.memoryKiB);
    expect(p.iterations).toBeGreaterThanOrEqual(3);
    expect(p.iterations).toBeLessThanOrEqual(12);
    expect(p.parallelism).toBe(4);
    expect(Buffer.from(p.salt, 'base64').length).toBe(16);
    // an explicit memory choice is kept even where it is slow
    const fixed = await chooseKdfParams({ memoryKiB: 262144, iterations: 3 });
    expect(fixed.memoryKiB).toBe(262144);
  });

  it('derives 32 bytes, the same for the same salt, different for another salt or password', async () => {
    const p = await chooseKdfParams({ memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(p).toMatchObject({ alg: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    const a = await deriveKek('één wachtwoord', p);
    expect(a.length).toBe(32);
    expect((await deriveKek('één wachtwoord', p)).equals(a)).toBe(true);
    expect((await deriveKek('één wachtwoord', { ...p, salt: Buffer.alloc(16, 1).toString('base64') })).equals(a)).toBe(false);
    expect((await deriveKek('een wachtwoord', p)).equals(a)).toBe(false);
  });
});
