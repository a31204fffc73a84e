import { randomBytes } from 'node:crypto';
import { open, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault';
import { createVault, PASSWORD, removeDir, tempDir } from '../helpers/vault-fixtures';

/** Files outside the vault larger than this belong to the big-file tests running beside this one; ours are small. */
const FOREIGN_SCAN_LIMIT = 1024 ** 3;

async function* walk(dir: string, since: number): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // vanished or not ours to read: another test's folder
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p, since);
    else if (e.isFile()) {
      const s = await stat(p).catch(() => null);
      if (s && s.mtimeMs >= since) yield p;
    }
  }
}

/** Streams the file, keeping an overlap so a marker split across two reads is still found. */
async function contains(path: string, needles: Buffer[]): Promise<boolean> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const overlap = Math.max(...needles.map((n) => n.length)) - 1;
    const buf = Buffer.alloc(4 * 1024 * 1024 + overlap);
    let carry = 0;
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(buf, carry, buf.length - carry, pos);
      if (bytesRead === 0) return false;
      pos += bytesRead;
      const view = buf.subarray(0, carry + bytesRead);
      if (needles.some((n) => view.includes(n))) return true;
      carry = Math.min(overlap, view.length);
      view.copy(buf, 0, view.length - carry);
    }
  } finally {
    await fh.close();
  }
}

describe('no plaintext on disk', () => {
  let root: string;
  let sourceDir: string;
  beforeAll(async () => {
    root = await tempDir('kluis-plain-');
    sourceDir = await tempDir('kluis-plain-src-');
  });
  afterAll(async () => {
    await removeDir(root);
    await removeDir(sourceDir);
  });

  it('a unique marker added with addFile and addBytes appears in no file in the vault or the temp folder', async () => {
    // mtime granularity and clock skew between processes: look a little before the start
    const since = Date.now() - 2000;
    const marker = `KLUIS-PLAINTEXT-MARKER-${randomBytes(12).toString('hex')}`;
    const needles = [Buffer.from(marker, 'ascii'), Buffer.from(marker, 'utf16le')];
    const content = (enc: BufferEncoding, size: number) => {
      const unit = Buffer.from(`${marker}\n`, enc);
      return Buffer.concat(Array.from({ length: Math.ceil(size / unit.length) }, () => unit)).subarray(0, size);
    };

    const dir = join(root, 'vault');
    const { vault } = await createVault(dir);
    // a small file (inline hash) and one past 8 MiB (worker hash with shared buffers)
    await writeFile(join(sourceDir, 'klein.txt'), content('ascii', 10_000));
    await writeFile(join(sourceDir, 'groot.txt'), content('utf16le', 9 * 1024 * 1024 + 5));
    const items = [
      await vault.addFile(join(sourceDir, 'klein.txt'), { name: `${marker}.txt` }),
      await vault.addFile(join(sourceDir, 'groot.txt')),
      await vault.addBytes(marker, content('ascii', 70_000)),
      await vault.addBytes('utf16', content('utf16le', 3 * 1024 * 1024)),
    ];
    const scanVault = async (when: string) => {
      let scanned = 0;
      for await (const f of walk(dir, 0)) {
        scanned++;
        expect(await contains(f, needles), `${when}: ${f}`).toBe(false);
      }
      return scanned;
    };
    // while open: the WAL holds the newest catalog pages
    expect(await scanVault('open')).toBeGreaterThanOrEqual(5);
    for (const item of items) {
      const head = await vault.readBytes(item.id, 0, 200);
      expect(needles.some((n) => head.includes(n)), item.name).toBe(true);
    }
    expect((await vault.verify()).ok).toBe(true);
    await vault.lock();
    const again = await Vault.open(dir, PASSWORD);
    expect(again.listItems().map((i) => i.name)).toContain(marker);
    await again.lock();
    expect(await scanVault('locked')).toBeGreaterThanOrEqual(5);

    // and nothing of it in the temp folder, apart from the sources we wrote on purpose
    let scanned = 0;
    for await (const f of walk(tmpdir(), since)) {
      if (f.startsWith(sourceDir)) continue;
      if (!f.startsWith(dir) && ((await stat(f).catch(() => null))?.size ?? 0) > FOREIGN_SCAN_LIMIT) continue;
      scanned++;
      expect(await contains(f, needles), f).toBe(false);
    }
    expect(scanned).toBeGreaterThan(0);
    // the scanner itself finds the marker where it is: otherwise this test could not fail
    expect(await contains(join(sourceDir, 'klein.txt'), needles)).toBe(true);
    expect(await contains(join(sourceDir, 'groot.txt'), needles)).toBe(true);
  });
});
