import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export type SlotType = 'password' | 'recovery';

export interface WrappedSlot {
  type: SlotType;
  /** base64, 12 bytes */
  nonce: string;
  /** base64: 32 bytes of ciphertext then the 16-byte tag */
  wrapped: string;
}

export const KEY_BYTES = 32;

export function newKey(): Buffer {
  // Buffer.alloc (not the shared pool) so that wiping one key cannot touch another buffer.
  const key = Buffer.alloc(KEY_BYTES);
  randomBytes(KEY_BYTES).copy(key);
  return key;
}

export function hkdf(ikm: Buffer, vaultId: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, Buffer.from(vaultId, 'utf8'), Buffer.from(info, 'utf8'), KEY_BYTES));
}

export const catalogKey = (mk: Buffer, vaultId: string): Buffer => hkdf(mk, vaultId, 'kluis catalog key v1');
export const headerMacKey = (mk: Buffer, vaultId: string): Buffer => hkdf(mk, vaultId, 'kluis header mac v1');
export const recoveryKek = (rk: Buffer, vaultId: string): Buffer => hkdf(rk, vaultId, 'kluis recovery slot v1');

function slotAad(vaultId: string, type: SlotType): Buffer {
  return Buffer.from(`kluis-slot-v1|${vaultId}|${type}`, 'utf8');
}

export function wrapKey(kek: Buffer, mk: Buffer, vaultId: string, type: SlotType): WrappedSlot {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, nonce);
  c.setAAD(slotAad(vaultId, type));
  const body = Buffer.concat([c.update(mk), c.final(), c.getAuthTag()]);
  return { type, nonce: nonce.toString('base64'), wrapped: body.toString('base64') };
}

/** Returns the master key, or null when the KEK does not open the slot (wrong password or key). */
export function unwrapKey(kek: Buffer, slot: WrappedSlot, vaultId: string): Buffer | null {
  const body = Buffer.from(slot.wrapped, 'base64');
  if (body.length !== KEY_BYTES + 16) return null;
  const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.nonce, 'base64'));
  d.setAAD(slotAad(vaultId, slot.type));
  d.setAuthTag(body.subarray(KEY_BYTES));
  try {
    const mk = Buffer.alloc(KEY_BYTES);
    Buffer.concat([d.update(body.subarray(0, KEY_BYTES)), d.final()]).copy(mk);
    return mk;
  } catch {
    return null;
  }
}

export function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
