import { createHash, randomBytes } from 'node:crypto';
import { VaultError } from './errors';

// Crockford base32: no I, L, O, U, so handwriting cannot be misread into another valid key.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_KEY_BYTES = 20;
const KEY_CHARS = 32;
const CHECK_CHARS = 4;

function toBase32(bytes: Buffer, chars: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function fromBase32(text: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return Buffer.from(out);
}

function checksum(key: Buffer): string {
  const digest = createHash('sha256').update('kluis-rk-v1').update(key).digest();
  return toBase32(digest, CHECK_CHARS);
}

export function newRecoveryKey(): Buffer {
  return randomBytes(RECOVERY_KEY_BYTES);
}

/** 36 characters in nine groups of four, e.g. 7Q2M-KD0X-.... */
export function formatRecoveryKey(key: Buffer): string {
  const text = toBase32(key, KEY_CHARS) + checksum(key);
  return text.match(/.{4}/g)!.join('-');
}

/** Reads a typed or printed recovery key; a typo is reported before any key work is done. */
export function parseRecoveryKey(text: string): Buffer {
  const clean = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (clean.length !== KEY_CHARS + CHECK_CHARS || [...clean].some((c) => !ALPHABET.includes(c))) {
    throw new VaultError('RECOVERY_KEY_TYPO', `A recovery key has ${KEY_CHARS + CHECK_CHARS} letters and digits in nine groups of four; this one does not. Check it against the printed key.`);
  }
  const key = fromBase32(clean.slice(0, KEY_CHARS));
  if (checksum(key) !== clean.slice(KEY_CHARS)) {
    throw new VaultError('RECOVERY_KEY_TYPO', 'The recovery key has a typo: its last group does not match the rest. Check every group against the printed key.');
  }
  return key;
}
