import { execFileSync, spawnSync } from 'node:child_process';

/**
 * The real 7-Zip CLI (Debian package 7zip: /usr/bin/7zz), an unzip tool written by others, is
 * how the tests open our encrypted zips as the person getting a copy would. Missing, it fails
 * the test with what to install rather than skipping it.
 */
function find(): string {
  // Debian's package "7zip" installs 7zz; p7zip-full, on older systems, 7z
  for (const bin of ['7zz', '7z']) if (spawnSync(bin, ['i'], { stdio: 'ignore' }).status === 0) return bin;
  // thrown inside each test that needs 7-Zip, so every one of them fails with this message
  throw new Error('7-Zip is not installed, and these tests open the zips with it: run `apt-get install -y 7zip` (Debian; it installs 7zz).');
}

let found: string | null = null;
const bin = (): string => (found ??= find());

export const sevenZip = {
  get bin(): string {
    return bin();
  },
  /** the entry names of an encrypted zip, after 7-Zip tested every entry with the password */
  list(zip: string, password: string): string[] {
    execFileSync(bin(), ['t', `-p${password}`, zip], { stdio: 'ignore' });
    const text = execFileSync(bin(), ['l', '-slt', `-p${password}`, zip], { encoding: 'utf8' });
    return [...text.matchAll(/^Path = (.+)$/gm)].map((m) => m[1]!).filter((p) => p !== zip);
  },
  /** one entry's bytes, decrypted to memory only (-so): the test puts no plaintext on disk */
  extract(zip: string, password: string, name: string): Buffer {
    return execFileSync(bin(), ['e', '-so', `-p${password}`, zip, name], { maxBuffer: 1 << 30 });
  },
};
