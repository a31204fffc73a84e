import { createHmac, hkdfSync } from 'node:crypto';

/** HKDF-SHA-256 with 32 bytes of output, as every age key derivation uses it. */
export function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

export function hmac(key: Uint8Array, data: Uint8Array | string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
