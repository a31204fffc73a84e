import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestReport, RecordingSummary } from '../../electron/core/api';
import { makeClip, makeFile, makeMixedCard, type FixtureCard } from '../fixtures/cards';
import { canMountTmpfs } from '../helpers/system';
import { collect, hashTree, initVault, kluis, removeDir, sha256, spawnKluis, tempDir, type CliVault } from './helpers/cli';
import { hasPty, onTerminal } from './helpers/terminal';

let root: string;
afterAll(() => removeDir(root));
beforeAll(async () => {
  root = await tempDir('kluis-cli-import-');
});

const json = <T>(b: Buffer): T => JSON.parse(b.toString('utf8')) as T;

async function recordings(v: CliVault): Promise<RecordingSummary[]> {
  const r = await v.run('recordings', ['--json']);
  expect(r.code, r.stderr).toBe(0);
  return json<RecordingSummary[]>(r.stdout);
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('kluis import: a mixed card with --wipe, then again', () => {
  let v: CliVault;
  let card: FixtureCard;
  let originals: Map<string, Buffer>;
  let report: IngestReport;

  beforeAll(async () => {
    v = await initVault(root, 'mixed');
    card = makeMixedCard(join(root, 'mixed-card'));
    originals = new Map(await Promise.all(card.importable.map(async (rel) => [rel, await readFile(join(card.root, rel))] as const)));
    const r = await v.run('import', [card.root, '--wipe', '--json']);
    expect(r.code, r.stderr).toBe(0);
    // Progress is for a terminal; a pipe gets none of it.
    expect(r.stderr).toBe('');
    report = json<IngestReport>(r.stdout);
  });

  it('verifies every unit by three equal hashes and wipes all but the ignored files', async () => {
    expect(report.ok).toBe(true);
    expect(report.units).toHaveLength(8);
    expect(report.units.every((u) => u.outcome === 'verified')).toBe(true);
    for (const f of report.units.flatMap((u) => u.files)) {
      expect(f.sha256).toBe(sha256(originals.get(f.relPath)!));
      expect(f.xxh3).toMatch(/^[0-9a-f]{16}$/);
      expect([f.sourceXxh3, f.vaultXxh3]).toEqual([f.xxh3, f.xxh3]);
      expect(f.wipe).toBe('wiped');
    }
    expect(Object.keys(await hashTree(card.root)).sort()).toEqual([...card.ignored].sort());
  });

  it('lists the 8 verified recordings', async () => {
    const list = await recordings(v);
    expect(list).toHaveLength(8);
    expect(new Set(list.map((r) => r.id)).size).toBe(8);
    expect(list.map((r) => r.layout).sort()).toEqual(['audio-recorder', 'avchd', 'dcf', 'dji', 'gopro', 'loose', 'phone', 'xavc']);
  });

  it('says "already in vault" for a clip put back on the card, and stores nothing twice', async () => {
    // The wipe removed the emptied camera folder too.
    await mkdir(join(card.root, 'DCIM/100CANON'), { recursive: true });
    for (const rel of ['DCIM/100CANON/MVI_0001.MP4', 'DCIM/100CANON/MVI_0001.THM']) await writeFile(join(card.root, rel), originals.get(rel)!);
    const r = await v.run('import', [card.root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.toString()).toMatch(/already in vault\s+MVI_0001\.MP4\s+\[dcf\]/);
    expect(r.stdout.toString()).toContain('nothing was wiped');
    expect(await recordings(v)).toHaveLength(8);
  });
});

describe('kluis import without --wipe, with report files', () => {
  let v: CliVault;
  let cardRoot: string;

  beforeAll(async () => {
    v = await initVault(root, 'keep');
    cardRoot = join(root, 'keep-card');
    makeClip(join(cardRoot, 'DCIM/100CANON/MVI_0007.MP4'), { seed: 11 });
    makeClip(join(cardRoot, 'Les 4 "groep 6".mp4'), { seed: 12 });
  });

  it('leaves the card untouched, exits 0 and writes a readable PDF and the JSON report', async () => {
    const before = await hashTree(cardRoot);
    const pdf = join(root, 'keep-report.pdf');
    const reportJson = join(root, 'keep-report.json');
    const r = await v.run('import', [cardRoot, '--label', 'SD_KEEP', '--report-pdf', pdf, '--report-json', reportJson]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.toString();
    expect(out).toMatch(/verified\s+MVI_0007\.MP4/);
    expect(out).toContain('Done: every clip is in the vault.');
    expect(await hashTree(cardRoot)).toEqual(before);

    const saved = json<IngestReport>(await readFile(reportJson));
    expect(saved.ok).toBe(true);
    expect(saved.sourceLabel).toBe('SD_KEEP');
    expect(saved.units.map((u) => u.label).sort()).toEqual(['Les 4 "groep 6".mp4', 'MVI_0007.MP4']);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdftotext()) {
      const text = execFileSync('pdftotext', [pdf, '-']).toString('utf8');
      expect(text).toContain('Kluis import report');
      expect(text).toContain('DCIM/100CANON/MVI_0007.MP4');
      expect(text).toContain('Les 4 "groep 6".mp4');
    }
    expect((await recordings(v)).map((x) => x.sourceLabel)).toEqual(['SD_KEEP', 'SD_KEEP']);
  });

  it('refuses a SOURCE that does not exist with a usage error (exit 2), before asking for the password', async () => {
    const r = await kluis(['import', '--vault', v.dir, join(root, 'no-such-card')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kluis import: The source .*no-such-card does not exist/);
    expect(r.stderr).not.toMatch(/unexpected|at .*\.ts/);
  });

  it('refuses a report file in a folder that does not exist, before importing', async () => {
    const before = await recordings(v);
    const r = await v.run('import', [cardRoot, '--report-pdf', join(root, 'nope', 'r.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
    expect(await recordings(v)).toEqual(before);
  });
});

describe('kluis cards', () => {
  it('prints a JSON array and exits 0', async () => {
    const r = await kluis(['cards', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(Array.isArray(json<unknown[]>(r.stdout))).toBe(true);
  });

  it('says plainly when there are none, or lists each with its path', async () => {
    const r = await kluis(['cards']);
    expect(r.code, r.stderr).toBe(0);
    const found = json<{ path: string }[]>((await kluis(['cards', '--json'])).stdout);
    if (found.length === 0) expect(r.stdout.toString()).toContain('No removable cards found; you can import any folder by path: kluis import --vault DIR FOLDER');
    else for (const c of found) expect(r.stdout.toString()).toContain(c.path);
  });
});

describe('kluis import: SIGTERM mid-import, then resume', () => {
  const CLIPS = 5;
  let v: CliVault;
  let cardRoot: string;
  const hashes = new Map<string, string>();

  beforeAll(async () => {
    v = await initVault(root, 'resume');
    cardRoot = join(root, 'resume-card');
    for (let i = 0; i < CLIPS; i++) makeFile(join(cardRoot, `DCIM/100CANON/MVI_000${i}.MP4`), 30_000_000);
    for (const [rel, h] of Object.entries(await hashTree(cardRoot))) hashes.set(rel, h);
  });

  it('exits 143 with the vault locked, and the next import --wipe verifies every clip exactly once', async () => {
    const child = spawnKluis(['import', '--vault', v.dir, '--password-file', v.passwordFile, cardRoot, '--wipe', '--json']);
    const done = collect(child);
    let exited = false;
    void done.then(() => (exited = true));
    // A file in staging/ is ciphertext being written: the copy phase has begun.
    const staging = join(v.dir, 'staging');
    const started = Date.now();
    while (!exited && (await readdir(staging).catch(() => [])).length === 0 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const first = await done;
    expect(first.code, first.stderr).toBe(143);
    expect(first.stderr).toContain('kluis: interrupted (SIGTERM)');
    expect(existsSync(join(v.dir, 'kluis.lock'))).toBe(false);
    // The partial report still comes out, so a script knows what was done.
    const partial = json<IngestReport>(first.stdout);
    expect(partial.ok).toBe(false);
    expect(partial.units.some((u) => u.outcome === 'cancelled')).toBe(true);
    // What was not wiped is still on the card, unchanged.
    const left = await hashTree(cardRoot);
    expect(Object.keys(left).length).toBeGreaterThan(0);
    for (const [rel, h] of Object.entries(left)) expect(h).toBe(hashes.get(rel));
    expect((await recordings(v)).length).toBeLessThan(CLIPS);

    const second = await v.run('import', [cardRoot, '--wipe', '--json']);
    expect(second.code, second.stderr).toBe(0);
    const report = json<IngestReport>(second.stdout);
    expect(report.ok).toBe(true);
    expect(report.units.map((u) => u.label).sort()).toEqual(Object.keys(left).map((rel) => rel.split('/').pop()).sort());
    expect(await hashTree(cardRoot)).toEqual({});

    const list = await recordings(v);
    expect(list.map((r) => r.label).sort()).toEqual([...hashes.keys()].map((rel) => rel.split('/').pop()).sort());
    expect(list.every((r) => r.files === 1 && r.bytes === 30_000_000)).toBe(true);
  });
});


// A full disk needs a real small file system; without mount rights the test is skipped, not faked.
describe.skipIf(!canMountTmpfs())('kluis import onto a full disk', () => {
  let mnt: string | undefined;
  afterAll(() => {
    if (mnt) execFileSync('umount', ['-l', mnt], { stdio: 'ignore' });
  });

  it('prints and writes the partial report, then the error, exit 3; nothing unverified is wiped', async () => {
    mnt = join(root, 'small');
    await mkdir(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', mnt]);
    const v = await initVault(mnt, 'vault');
    const cardRoot = join(root, 'full-card');
    makeFile(join(cardRoot, 'DCIM/100CANON/MVI_0001.MP4'), 1_000_000);
    makeFile(join(cardRoot, 'DCIM/100CANON/MVI_0002.MP4'), 20_000_000);
    const before = await hashTree(cardRoot);
    const reportJson = join(root, 'full-report.json');
    const r = await v.run('import', [cardRoot, '--wipe', '--json', '--report-json', reportJson]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/^kluis: The disk is full/m);
    const partial = json<IngestReport>(r.stdout);
    expect(partial.ok).toBe(false);
    expect(json<IngestReport>(await readFile(reportJson)).importId).toBe(partial.importId);
    const big = partial.units.find((u) => u.label === 'MVI_0002.MP4')!;
    expect(big.outcome).toBe('failed');
    // Whatever was wiped was verified first; the clip that did not fit is still on the card.
    const after = await hashTree(cardRoot);
    expect(after['DCIM/100CANON/MVI_0002.MP4']).toBe(before['DCIM/100CANON/MVI_0002.MP4']);
    for (const u of partial.units) for (const f of u.files.filter((x) => x.wipe === 'wiped')) expect(f.outcome).toBe('verified');
    expect(existsSync(join(v.dir, 'kluis.lock'))).toBe(false);
  });
});

describe.skipIf(!hasPty())('kluis import on a terminal', () => {
  it('shows phase, percent, MB/s, ETA and the current file', async () => {
    const v = await initVault(root, 'tty');
    const cardRoot = join(root, 'tty-card');
    makeFile(join(cardRoot, 'DCIM/100CANON/MVI_0100.MP4'), 3_000_000);
    const { code, screen } = await onTerminal(['import', '--vault', v.dir, '--password-file', v.passwordFile, cardRoot]);
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/copying \d+%\s+\d+\.\d MB\/s\s+ETA [\d:-]+\s+0\/1 files\s+DCIM\/100CANON\/MVI_0100\.MP4/);
    expect(screen).toMatch(/verifying \d+%/);
    expect(screen).toContain('Done: every clip is in the vault.');
  });
});

describe.skipIf(!canMountTmpfs())('kluis clear-free-space', () => {
  let mnt: string | undefined;
  afterAll(() => {
    if (mnt) execFileSync('umount', ['-l', mnt], { stdio: 'ignore' });
  });

  it("fills the card's free space, removes the filler, and says it is a clear, not a purge", async () => {
    mnt = join(root, 'free-card');
    await mkdir(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', mnt]);
    makeFile(join(mnt, 'MISC/keep.txt'), Buffer.from('stays'));
    const r = await kluis(['clear-free-space', mnt, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(json<{ bytesWritten: number }>(r.stdout).bytesWritten).toBeGreaterThan(10 * 1024 * 1024);
    expect(await readdir(mnt)).toEqual(['MISC']);
    const human = await kluis(['clear-free-space', mnt]);
    expect(human.stdout.toString()).toMatch(/not a purge/);
    const bad = await kluis(['clear-free-space', join(root, 'no-such-card')]);
    expect(bad.code).toBe(2);
  });
});
