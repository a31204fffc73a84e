import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey, RECOVERY_KEY_BYTES } from '../../../electron/core/vault/recovery-key';
import { expectCode } from '../../helpers/vault-fixtures';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){8}$/;

/** Fixed keys, so that the 2^-20 chance of a typo passing the checksum cannot make the test flaky. */
function fixedKey(n: number): Buffer {
  return createHash('sha256').update(`fixture ${n}`).digest().subarray(0, RECOVERY_KEY_BYTES);
}

describe('recovery key text', () => {
  it('round-trips random and edge keys, in nine groups of four', () => {
    const keys = [Buffer.alloc(20, 0), Buffer.alloc(20, 0xff), ...Array.from({ length: 200 }, () => newRecoveryKey())];
    for (const key of keys) {
      const text = formatRecoveryKey(key);
      expect(text).toMatch(SHAPE);
      expect(parseRecoveryKey(text).equals(key)).toBe(true);
    }
  });

  it('encodes the all-zero key as zeros followed by its checksum', () => {
    expect(formatRecoveryKey(Buffer.alloc(20, 0)).slice(0, 39)).toBe('0000-0000-0000-0000-0000-0000-0000-0000');
  });

  it('ignores case, spaces and dashes', async () => {
    const key = fixedKey(1);
    const text = formatRecoveryKey(key);
    expect(parseRecoveryKey(text.toLowerCase()).equals(key)).toBe(true);
    expect(parseRecoveryKey(text.replace(/-/g, '')).equals(key)).toBe(true);
    expect(parseRecoveryKey(` ${text.replace(/-/g, ' ')}\n`).equals(key)).toBe(true);
  });

  it('reads I and L as 1 and O as 0', () => {
    // a key that contains both digits, found deterministically
    let n = 0;
    while (!/0/.test(formatRecoveryKey(fixedKey(n))) || !/1/.test(formatRecoveryKey(fixedKey(n)))) n++;
    const key = fixedKey(n);
    const text = formatRecoveryKey(key);
    for (const [one, zero] of [['I', 'O'], ['L', 'o'], ['i', 'O'], ['l', 'o']] as const) {
      expect(parseRecoveryKey(text.replace(/1/g, one).replace(/0/g, zero)).equals(key)).toBe(true);
    }
  });

  it('catches every single-character typo with the checksum', async () => {
    for (let n = 0; n < 3; n++) {
      const clean = formatRecoveryKey(fixedKey(n)).replace(/-/g, '');
      for (let pos = 0; pos < clean.length; pos++) {
        for (const ch of ALPHABET) {
          if (ch === clean[pos]) continue;
          const typo = clean.slice(0, pos) + ch + clean.slice(pos + 1);
          await expectCode(() => parseRecoveryKey(typo), 'RECOVERY_KEY_TYPO');
        }
      }
    }
  });

  it('catches swapped neighbours', async () => {
    const clean = formatRecoveryKey(fixedKey(7)).replace(/-/g, '');
    for (let pos = 0; pos + 1 < clean.length; pos++) {
      if (clean[pos] === clean[pos + 1]) continue;
      const swapped = clean.slice(0, pos) + clean[pos + 1] + clean[pos] + clean.slice(pos + 2);
      await expectCode(() => parseRecoveryKey(swapped), 'RECOVERY_KEY_TYPO');
    }
  });

  it('refuses a wrong length or a letter outside the alphabet', async () => {
    const clean = formatRecoveryKey(fixedKey(3)).replace(/-/g, '');
    await expectCode(() => parseRecoveryKey(clean.slice(1)), 'RECOVERY_KEY_TYPO');
    await expectCode(() => parseRecoveryKey(clean + '0'), 'RECOVERY_KEY_TYPO');
    await expectCode(() => parseRecoveryKey(clean.slice(0, 32)), 'RECOVERY_KEY_TYPO');
    await expectCode(() => parseRecoveryKey(''), 'RECOVERY_KEY_TYPO');
    await expectCode(() => parseRecoveryKey('U' + clean.slice(1)), 'RECOVERY_KEY_TYPO');
    await expectCode(() => parseRecoveryKey(clean.slice(0, 10) + '*' + clean.slice(11)), 'RECOVERY_KEY_TYPO');
  });
});
