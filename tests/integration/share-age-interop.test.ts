/**
 * Interop with the real age tools (Debian's `age`, `age-keygen`) and GNU tar, both ways:
 * whatever Kluis writes, a recipient without Kluis can open, and the reverse.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decryptAge, encryptAge, forceAeadBackend, generateIdentity, type Identity } from '../../electron/core/share/age';
import { readTar, writeTar } from '../../electron/core/share/tar';
import { removeDir, tempDir } from '../helpers/vault-fixtures';
import { collect, pattern, pieces } from '../unit/share/age-helpers';

const PASS = 'Kraanvogel regenjas 42 boterham';
let dir: string;
let keyFile: string;
let agePub: string;
let pty: string;

// age reads passphrases only from a terminal; this gives it one and types at each prompt.
const PTY_DRIVER = `
import os, pty, sys
secret = os.environ['AGE_PASS'].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
seen = b''
while True:
    try:
        data = os.read(fd, 1024)
    except OSError:
        break
    if not data:
        break
    seen += data
    if seen.rstrip().endswith(b':'):
        os.write(fd, secret + b'\\n')
        seen = b''
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
`;

function ageWithPassphrase(args: string[]): void {
  const r = spawnSync('python3', [pty, 'age', ...args], { env: { ...process.env, AGE_PASS: PASS }, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`age ${args.join(' ')} failed: ${r.stdout} ${r.stderr}`);
}

beforeAll(async () => {
  dir = await tempDir('kluis-age-');
  keyFile = join(dir, 'key.txt');
  execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
  agePub = execFileSync('age-keygen', ['-y', keyFile]).toString().trim();
  pty = join(dir, 'type-at-prompts.py');
  await writeFile(pty, PTY_DRIVER);
});
afterAll(() => removeDir(dir));
afterEach(() => forceAeadBackend(undefined));

const fileStream = (path: string) => createReadStream(path, { highWaterMark: 100_000 }) as AsyncIterable<Buffer>;

describe.each(['node', 'wasm', 'noble'] as const)('with the %s ChaCha20-Poly1305', (backend) => {
  it('what Kluis encrypts to an age-keygen key, age -d decrypts (and with a second recipient too)', async () => {
    forceAeadBackend(backend);
    // over two worker batches of 16 chunks, so the wasm path seals in its workers too
    const plain = pattern(40 * 65536 + 123);
    const other = generateIdentity();
    const out = join(dir, `ours-${backend}.age`);
    await writeFile(out, await collect(encryptAge([{ type: 'x25519', publicKey: other.publicKey }, { type: 'x25519', publicKey: agePub }], pieces(plain))));
    expect(execFileSync('age', ['-d', '-i', keyFile, out], { maxBuffer: 1 << 26 }).equals(plain)).toBe(true);
  });

  it('what age -r encrypts to a Kluis share key, Kluis decrypts', async () => {
    forceAeadBackend(backend);
    const me = generateIdentity();
    for (const n of [0, 1, 65536, 200_000, 40 * 65536 + 7]) {
      const src = join(dir, `plain-${n}`);
      await writeFile(src, pattern(n));
      execFileSync('age', ['-r', me.publicKey, '-r', agePub, '-o', `${src}.age`, src]);
      const back = await collect(decryptAge([{ type: 'x25519', secretKey: me.secretKey }], fileStream(`${src}.age`)));
      expect(back.equals(pattern(n)), `${n} bytes`).toBe(true);
    }
  });
});

describe('passphrases', () => {
  it('a Kluis passphrase package opens with age -d and the passphrase typed at a terminal', async () => {
    const out = join(dir, 'pass.age');
    const plain = pattern(70_000);
    await writeFile(out, await collect(encryptAge([{ type: 'scrypt', passphrase: PASS, workFactor: 12 }], pieces(plain))));
    ageWithPassphrase(['-d', '-o', join(dir, 'pass.out'), out]);
    expect((await readFile(join(dir, 'pass.out'))).equals(plain)).toBe(true);
  });

  it('an age -p package opens in Kluis with the passphrase, and refuses a wrong one', async () => {
    const src = join(dir, 'p.txt');
    await writeFile(src, pattern(100_000));
    ageWithPassphrase(['-p', '-o', `${src}.age`, src]);
    expect((await readFile(`${src}.age`, 'latin1')).split('\n')[1]).toMatch(/^-> scrypt \S{22} 18$/);
    const ok: Identity[] = [{ type: 'scrypt', passphrase: PASS }];
    expect((await collect(decryptAge(ok, fileStream(`${src}.age`)))).equals(pattern(100_000))).toBe(true);
    await expect(collect(decryptAge([{ type: 'scrypt', passphrase: 'kraanvogel' }], fileStream(`${src}.age`)))).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });
});

describe('the tar inside', () => {
  it('a Kluis package decrypts with age and lists with tar -t, manifest.json first; tar -x gives the same bytes', async () => {
    const clip = pattern(300_000);
    const entries = [
      { name: 'manifest.json', size: 17, body: pieces(Buffer.from('{"format":"test"}')) },
      { name: 'clips/rec_01.mp4', size: clip.length, body: pieces(clip) },
      { name: 'thumbs/rec_01.jpg', size: 5, body: pieces(Buffer.from('thumb')) },
    ];
    const out = join(dir, 'pkg.age');
    await writeFile(out, await collect(encryptAge([{ type: 'x25519', publicKey: agePub }], writeTar(entries))));
    const tarFile = join(dir, 'pkg.tar');
    execFileSync('age', ['-d', '-i', keyFile, '-o', tarFile, out]);
    expect(execFileSync('tar', ['-tf', tarFile]).toString().split('\n').filter(Boolean)).toEqual(['manifest.json', 'clips/rec_01.mp4', 'thumbs/rec_01.jpg']);
    const x = join(dir, 'x');
    await mkdir(x);
    execFileSync('tar', ['-xf', tarFile, '-C', x]);
    expect((await readFile(join(x, 'clips/rec_01.mp4'))).equals(clip)).toBe(true);
  });

  it('a tar made by GNU tar (gnu and posix formats, a long name, a folder) and age -r opens with Kluis', async () => {
    const me = generateIdentity();
    const src = join(dir, 'by-hand');
    const longName = `clips/${'lang'.repeat(30)}.mp4`;
    await mkdir(join(src, 'clips'), { recursive: true });
    await writeFile(join(src, 'manifest.json'), '{"by":"hand"}');
    await writeFile(join(src, longName), pattern(80_000));
    for (const format of ['gnu', 'posix']) {
      const tarFile = join(dir, `hand-${format}.tar`);
      execFileSync('tar', ['-C', src, `--format=${format}`, '-cf', tarFile, 'manifest.json', 'clips']);
      execFileSync('age', ['-r', me.publicKey, '-o', `${tarFile}.age`, tarFile]);
      const got: [string, number][] = [];
      for await (const e of readTar(decryptAge([{ type: 'x25519', secretKey: me.secretKey }], fileStream(`${tarFile}.age`)))) {
        const body = await collect(e.body);
        got.push([e.name, body.length]);
        if (e.name === longName) expect(body.equals(pattern(80_000))).toBe(true);
      }
      expect(got, format).toEqual([['manifest.json', 13], [longName, 80_000]]);
    }
  });
});
