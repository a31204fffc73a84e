import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initVault, removeDir, tempDir, type CliVault } from './helpers/cli';

/** Every regular file below dir changed at or after `since` (a vanished or unreadable entry is skipped). */
async function changedFiles(dir: string, since: number, out: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await changedFiles(p, since, out);
    else if (e.isFile()) {
      const s = await stat(p).catch(() => null);
      if (s && s.mtimeMs >= since) out.push(p);
    }
  }
  return out;
}

/** Streams each file (a neighbour's test may leave files of gigabytes in /tmp), overlapping reads by a needle's length. */
async function holds(file: string, needles: Buffer[]): Promise<boolean> {
  const keep = Math.max(...needles.map((n) => n.length)) - 1;
  let tail = Buffer.alloc(0);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      const window = Buffer.concat([tail, chunk as Buffer]);
      if (needles.some((n) => window.includes(n))) return true;
      tail = window.subarray(Math.max(0, window.length - keep));
    }
  } catch {
    // Vanished or unreadable while we looked: another process's temporary file.
  }
  return false;
}

async function filesHolding(files: string[], needles: Buffer[]): Promise<string[]> {
  const hits: string[] = [];
  for (const f of files) if (await holds(f, needles)) hits.push(f);
  return hits;
}

describe('no plaintext outside the vault', () => {
  const started = Date.now() - 2000; // mtime granularity and clock steps
  const marker = `KLUIS-PLAINTEXT-MARKER-${randomBytes(12).toString('hex')}`;
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  let root: string;
  let v: CliVault;
  let source: string;
  let content: Buffer;

  beforeAll(async () => {
    root = await tempDir('kluis-marker-');
    v = await initVault(root);
    // The marker sits in several places, one straddling the first 64 KiB chunk boundary.
    const pad = randomBytes(3 * 1024 * 1024);
    const parts = [needles[0]!, needles[1]!];
    pad.set(needles[0]!, 65536 - 10);
    pad.set(needles[1]!, 1024 * 1024 + 5);
    content = Buffer.concat([...parts, pad, ...parts]);
    source = join(root, 'recording.bin');
    await writeFile(source, content);
  });
  afterAll(() => removeDir(root));

  it('add, ls, cat, verify leave the marker nowhere on disk but in the source', async () => {
    const added = await v.run('add', [source]);
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.toString().trim();
    expect((await v.run('ls', ['--json'])).code).toBe(0);
    const cat = await v.run('cat', [id]);
    expect(cat.stdout.equals(content)).toBe(true);
    expect((await v.run('cat', [id, '--range', '65000-70000'])).stdout.includes(needles[0]!)).toBe(true);
    expect((await v.run('verify')).code).toBe(0);

    const vaultFiles = await changedFiles(v.dir, 0);
    const tmpFiles = (await changedFiles(tmpdir(), started)).filter((f) => f !== source);
    // The scanner must be able to see what it looks for, or "no hits" means nothing.
    expect(await filesHolding([source], needles)).toEqual([source]);
    expect(vaultFiles.length).toBeGreaterThanOrEqual(4);
    expect(tmpFiles).toEqual(expect.arrayContaining(vaultFiles));
    expect(await filesHolding(vaultFiles, needles)).toEqual([]);
    expect(await filesHolding(tmpFiles, needles)).toEqual([]);
  });
});
