import { describe, expect, it } from 'vitest';
import { ratePassword, Vault } from '../../../electron/core/vault';
import { assertStrongPassword } from '../../../electron/core/vault/password-policy';
import { expectCode, PASSWORD, removeDir, tempDir } from '../../helpers/vault-fixtures';

const WEAK = ['password123', 'wachtwoord', 'welkom01', 'kluis2024!', '1234567890', 'qwertyuiop', 'Amsterdam1', 'abc'];
const STRONG = [PASSWORD, 'tulp gieter vensterbank ochtendmist', 'Xq7#vR2!mK9$pL4w', 'zeven-zwarte-zwanen-zwommen-zuid'];

describe('password policy', () => {
  it.each(WEAK)('refuses %s', async (pw) => {
    expect(ratePassword(pw).acceptable).toBe(false);
    const e = await expectCode(() => assertStrongPassword(pw), 'WEAK_PASSWORD');
    expect(e.message).toMatch(/too easy to guess/);
  });

  it.each(STRONG)('accepts %s', (pw) => {
    const r = ratePassword(pw);
    expect(r.acceptable).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(3);
    expect(() => assertStrongPassword(pw)).not.toThrow();
  });

  it('refuses a long-enough password that is still guessable, and a strong-looking one that is too short', () => {
    expect(ratePassword('passwordpassword').acceptable).toBe(false);
    const short = ratePassword('Xq7#vR2!m');
    expect(short.acceptable).toBe(false);
    expect(short.suggestions).toContain('Use at least 10 characters.');
  });

  it('gives Dutch feedback in Dutch and English in English', () => {
    const nl = ratePassword('wachtwoord', 'nl');
    const text = [nl.warning, ...nl.suggestions].join(' ');
    expect(text.length).toBeGreaterThan(0);
    // Dutch words from the nl-be translations, not the English ones
    expect(text).toMatch(/wachtwoord|woorden|makkelijk|Voeg|Gebruik|Vermijd/);
    expect(text).not.toMatch(/\b(the|password|Add more words)\b/);
    expect(ratePassword('abc', 'nl').suggestions).toContain('Gebruik minstens 10 tekens.');
    // switching back must not leave Dutch behind (the rater's options are global)
    const en = ratePassword('wachtwoord', 'en');
    expect([en.warning, ...en.suggestions].join(' ')).toMatch(/[Aa]dd|word|guess|common/);
    expect([en.warning, ...en.suggestions].join(' ')).not.toMatch(/Vermijd|Gebruik|makkelijk/);
  });

  it('stops Vault.create with a weak password before touching the folder', async () => {
    const dir = await tempDir();
    try {
      await expectCode(() => Vault.create(dir, 'welkom01', { kdf: { memoryKiB: 65536, iterations: 3 } }), 'WEAK_PASSWORD');
      const { readdir } = await import('node:fs/promises');
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await removeDir(dir);
    }
  });
});
