import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, writeTar, type TarEntry } from '../../../electron/core/share/tar';
import { removeDir, tempDir } from '../../helpers/vault-fixtures';
import { collect, failure, pattern, pieces } from './age-helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('kluis-tar-');
});
afterAll(() => removeDir(dir));

const entry = (name: string, data: Buffer): TarEntry => ({ name, size: data.length, body: pieces(data, 3000) });

async function names(tar: Buffer): Promise<[string, number][]> {
  const out: [string, number][] = [];
  for await (const e of readTar(pieces(tar, 777))) out.push([e.name, (await collect(e.body)).length]);
  return out;
}

/** Python's tarfile makes the hostile archives GNU tar would refuse to create. */
function pythonTar(file: string, script: string): Buffer {
  execFileSync('python3', ['-c', `import tarfile, io\nt = tarfile.open(${JSON.stringify(file)}, 'w', format=tarfile.USTAR_FORMAT)\n${script}\nt.close()`]);
  return execFileSync('cat', [file]);
}
const member = (name: string, type = 'REGTYPE', extra = '') => `i = tarfile.TarInfo(${JSON.stringify(name)}); i.type = tarfile.${type}; i.size = 3${extra}; t.addfile(i, io.BytesIO(b'abc'))`;

describe('writeTar', () => {
  it('GNU tar lists and extracts what it writes: long names (prefix and pax), empty and odd-sized files', async () => {
    const split = `clips/${'a'.repeat(120)}/${'b'.repeat(90)}.mp4`;
    const paxName = `clips/${'c'.repeat(200)}.mp4`;
    const files: [string, Buffer][] = [['manifest.json', Buffer.from('{}')], ['clips/one.mp4', pattern(70_001)], [split, pattern(513)], [paxName, Buffer.alloc(0)], ['thumbs/één.jpg', pattern(512)]];
    const tar = await collect(writeTar(files.map(([n, d]) => entry(n, d)), { mtime: new Date('2026-11-23T10:00:00Z') }));
    expect(tar.length % 512).toBe(0);
    const file = join(dir, 'ours.tar');
    await writeFile(file, tar);
    expect(execFileSync('tar', ['-tf', file]).toString().split('\n').filter(Boolean)).toEqual(files.map(([n]) => n));
    const x = join(dir, 'x');
    await mkdir(x);
    execFileSync('tar', ['-xf', file, '-C', x]);
    for (const [n, d] of files) expect((await readFile(join(x, n))).equals(d), n).toBe(true);
    expect(await names(tar)).toEqual(files.map(([n, d]) => [n, d.length]));
  });

  it('refuses unsafe names and a body that is not its stated size', async () => {
    for (const bad of ['/etc/passwd', '../up', 'a/../../b', 'a//b', './a', 'C:/x', 'a\\b', 'a\nb', '']) {
      await expect(collect(writeTar([entry(bad, Buffer.from('x'))])), bad).rejects.toMatchObject({ code: 'UNSAFE_NAME' });
    }
    await expect(collect(writeTar([{ name: 'a', size: 5, body: pieces(Buffer.from('abc')) }]))).rejects.toMatchObject({ code: 'BAD_TAR' });
    await expect(collect(writeTar([{ name: 'a', size: 2, body: pieces(Buffer.from('abc')) }]))).rejects.toMatchObject({ code: 'BAD_TAR' });
  });

  it('sizes of 8 GiB and more get a pax size record that GNU tar reads', async () => {
    // Only the header is checked: GNU tar -t reads the header, then finds the archive short.
    const huge = 9 * 1024 ** 3;
    const it = writeTar([{ name: 'big.mp4', size: huge, body: pieces(Buffer.alloc(0)) }])[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    for (let i = 0; i < 4; i++) head.push((await it.next()).value as Buffer);
    const file = join(dir, 'big-head.tar');
    await writeFile(file, Buffer.concat(head));
    const r = execFileSync('sh', ['-c', `tar -tvf ${file} 2>/dev/null || true`]).toString();
    expect(r).toContain(String(huge));
  });
});

describe('readTar', () => {
  it('refuses links, devices, traversal and absolute names, whoever made the archive', async () => {
    const cases: [string, string, string][] = [
      ['symlink', member('evil', 'SYMTYPE', "; i.linkname = '/etc/passwd'"), 'UNSAFE_NAME'],
      ['hard link', member('evil', 'LNKTYPE', "; i.linkname = 'manifest.json'"), 'UNSAFE_NAME'],
      ['fifo', member('fifo', 'FIFOTYPE'), 'BAD_TAR'],
      ['char device', member('dev', 'CHRTYPE'), 'BAD_TAR'],
      ['traversal', member('../../outside'), 'UNSAFE_NAME'],
      ['absolute', member('/etc/cron.d/x'), 'UNSAFE_NAME'],
    ];
    for (const [what, script, code] of cases) {
      const tar = pythonTar(join(dir, `${what}.tar`), `${member('manifest.json')}\n${script}`);
      const r = await failure((async function* () {
        for await (const e of readTar(pieces(tar))) yield* e.body;
      })());
      expect([what, r.code]).toEqual([what, code]);
    }
  });

  it('a flipped bit in a header fails its checksum; a cut archive and data after the end are refused', async () => {
    const tar = await collect(writeTar([entry('manifest.json', Buffer.from('{}')), entry('clips/a.mp4', pattern(2000))]));
    const flipped = Buffer.from(tar);
    flipped[512 * 2 + 10]! ^= 1; // the second entry's name
    expect((await failure(drain(flipped))).code).toBe('BAD_TAR');
    for (const cut of [100, 512, 1500, tar.length - 1024, tar.length - 1]) expect((await failure(drain(tar.subarray(0, cut)))).code, `cut at ${cut}`).toBe('BAD_TAR');
    expect((await failure(drain(Buffer.concat([tar, Buffer.from('trailing')])))).code).toBe('BAD_TAR');
    expect((await failure(drain(Buffer.concat([tar, Buffer.alloc(8192)])))).code).toBe('none');
  });

  it('skips a body the reader did not consume and goes on with the next entry', async () => {
    const tar = await collect(writeTar([entry('a', pattern(100_000)), entry('b', Buffer.from('bee'))]));
    const seen: string[] = [];
    for await (const e of readTar(pieces(tar))) seen.push(e.name === 'b' ? (await collect(e.body)).toString() : e.name);
    expect(seen).toEqual(['a', 'bee']);
  });
});

async function* drain(tar: Buffer): AsyncGenerator<Buffer> {
  for await (const e of readTar(pieces(tar, 333))) yield* e.body;
}
