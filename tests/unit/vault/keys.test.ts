import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalogKey, headerMacKey, newKey, recoveryKek, unwrapKey, wrapKey } from '../../../electron/core/vault/keys';

const vaultId = randomBytes(16).toString('hex');

describe('key slots', () => {
  it('unwraps the master key it wrapped', () => {
    const kek = newKey();
    const mk = newKey();
    const slot = wrapKey(kek, mk, vaultId, 'password');
    expect(Buffer.from(slot.nonce, 'base64').length).toBe(12);
    expect(Buffer.from(slot.wrapped, 'base64').length).toBe(48);
    expect(unwrapKey(kek, slot, vaultId)!.equals(mk)).toBe(true);
  });

  it('uses a fresh nonce for every wrap', () => {
    const kek = newKey();
    const mk = newKey();
    expect(wrapKey(kek, mk, vaultId, 'password').wrapped).not.toBe(wrapKey(kek, mk, vaultId, 'password').wrapped);
  });

  it('returns null for a wrong KEK, another vault, another slot type or a damaged slot', () => {
    const kek = newKey();
    const slot = wrapKey(kek, newKey(), vaultId, 'password');
    expect(unwrapKey(newKey(), slot, vaultId)).toBeNull();
    expect(unwrapKey(kek, slot, randomBytes(16).toString('hex'))).toBeNull();
    expect(unwrapKey(kek, { ...slot, type: 'recovery' }, vaultId)).toBeNull();
    const body = Buffer.from(slot.wrapped, 'base64');
    for (let i = 0; i < body.length; i++) {
      const bad = Buffer.from(body);
      bad[i] = bad[i]! ^ 1;
      expect(unwrapKey(kek, { ...slot, wrapped: bad.toString('base64') }, vaultId)).toBeNull();
    }
    expect(unwrapKey(kek, { ...slot, wrapped: body.subarray(0, 40).toString('base64') }, vaultId)).toBeNull();
    const nonce = Buffer.from(slot.nonce, 'base64');
    nonce[0] = nonce[0]! ^ 1;
    expect(unwrapKey(kek, { ...slot, nonce: nonce.toString('base64') }, vaultId)).toBeNull();
  });

  it('derives distinct subkeys per purpose and per vault', () => {
    const mk = newKey();
    const keys = [catalogKey(mk, vaultId), headerMacKey(mk, vaultId), recoveryKek(mk, vaultId), catalogKey(mk, randomBytes(16).toString('hex'))];
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(4);
    expect(catalogKey(mk, vaultId).equals(catalogKey(mk, vaultId))).toBe(true);
    for (const k of keys) expect(k.length).toBe(32);
  });
});
