import { describe, expect, it } from 'vitest';
import { checkZipPassword, generateZipPassword, MIN_PASSWORD_LENGTH, PASSWORD_ALPHABET, PASSWORD_BITS } from '../../../electron/core/share/zip';

describe('generateZipPassword', () => {
  it('is five dash-separated groups of five from an alphabet without look-alikes', () => {
    const p = generateZipPassword();
    expect(p).toMatch(/^[2-9a-hjkmnp-z]{5}(-[2-9a-hjkmnp-z]{5}){4}$/);
    expect(PASSWORD_ALPHABET).toHaveLength(31);
    expect(new Set(PASSWORD_ALPHABET).size).toBe(31);
    for (const lookAlike of ['0', 'O', 'o', '1', 'l', 'I', 'i']) expect(PASSWORD_ALPHABET).not.toContain(lookAlike);
    expect(PASSWORD_ALPHABET).toBe(PASSWORD_ALPHABET.toLowerCase());
  });

  it('carries more than 100 bits, counted from its length and alphabet', () => {
    const p = generateZipPassword();
    const symbols = p.replaceAll('-', '').length;
    expect(symbols * Math.log2(PASSWORD_ALPHABET.length)).toBeGreaterThan(100);
    expect(PASSWORD_BITS).toBeCloseTo(symbols * Math.log2(31), 6);
    expect(p.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    expect(() => checkZipPassword(p)).not.toThrow();
  });

  it('differs every time and uses every symbol about equally', () => {
    const many = Array.from({ length: 400 }, generateZipPassword);
    expect(new Set(many).size).toBe(400);
    const counts = new Map<string, number>();
    for (const ch of many.join('').replaceAll('-', '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe(PASSWORD_ALPHABET);
    // 10,000 symbols over 31: about 323 each; a biased draw (a modulo, a missing symbol) lands far outside.
    for (const [ch, c] of counts) expect(c, ch).toBeGreaterThan(230);
    for (const [ch, c] of counts) expect(c, ch).toBeLessThan(420);
  });
});
