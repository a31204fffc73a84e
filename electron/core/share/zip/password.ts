import { randomInt } from 'node:crypto';
import { ShareError } from '../errors';

/**
 * Digits 2-9 and lower-case letters without i, l and o: nothing in it can be taken for 0, O, 1,
 * l or I when read off paper, and one case means nobody says "capital" on the phone and a phone
 * keyboard needs no shift. 31 symbols, log2(31) = 4.95 bits each.
 */
export const PASSWORD_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const GROUPS = 5;
const GROUP_LENGTH = 5;
/** 25 symbols: 123.9 bits, where the zip format's weak KDF (PBKDF2-SHA1 x1000) needs the bits to come from the password itself. */
export const PASSWORD_BITS = GROUPS * GROUP_LENGTH * Math.log2(PASSWORD_ALPHABET.length);

/** A random zip password such as "k7m2q-x9dfa-3hw8e-pn4tc-ry6bz"; groups of five are how people read it aloud and check it. */
export function generateZipPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    // randomInt rejects out-of-range draws, so every symbol is equally likely.
    for (let i = 0; i < GROUP_LENGTH; i++) group += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Shorter than any generated password, long enough to refuse a word a person picked by mistake. */
export const MIN_PASSWORD_LENGTH = 20;

/**
 * The writer's last line of defence: it cannot tell a random password from a chosen one, but it
 * can refuse a short one, and non-ASCII, which unzip tools turn into different bytes.
 */
export function checkZipPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ShareError('NOT_ALLOWED', `A zip password must be at least ${MIN_PASSWORD_LENGTH} characters: the zip format's key derivation is weak, so use generateZipPassword() rather than a chosen password.`);
  }
  if (!/^[\x20-\x7e]+$/.test(password)) {
    throw new ShareError('NOT_ALLOWED', 'A zip password must be printable ASCII, because unzip tools disagree on how other characters become bytes; use generateZipPassword().');
  }
}
