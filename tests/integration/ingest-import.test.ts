import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard, importReportPdf, type ImportReport } from '../../electron/core/ingest';
import { Vault } from '../../electron/core/vault';
import { makeClip, makeFile, makeMixedCard, type FixtureCard } from '../fixtures/cards';

const PASSWORD = 'import test passphrase: zeven zwanen zwemmen 7';
const KDF = { memoryKiB: 64 * 1024, iterations: 3 };
const work = mkdtempSync(join(tmpdir(), 'kluis-ingest-'));
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const xxhsum = (b: Buffer): string => execFileSync('xxhsum', ['-H3'], { input: b }).toString().match(/[0-9a-f]{16}/)![0];

async function newVault(name: string): Promise<Vault> {
  return (await Vault.create(join(work, name), PASSWORD, { kdf: KDF })).vault;
}

async function plaintextOf(vault: Vault, blobId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of vault.readBlob(blobId)) parts.push(p);
  return Buffer.concat(parts);
}

function recordingFiles(vault: Vault): { rel_path: string; blob_id: string; state: string }[] {
  return vault.catalog.prepare("SELECT f.rel_path, f.blob_id, f.state FROM recording_files f JOIN recordings r ON r.id = f.recording_id WHERE r.state = 'verified'").all() as never;
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('import from a card (H5: move to secure storage on location, destroy the card copy)', () => {
  let card: FixtureCard;
  let originals: Map<string, Buffer>;
  let vault: Vault;
  let report: ImportReport;

  beforeAll(async () => {
    card = makeMixedCard(join(work, 'card'));
    originals = new Map(card.importable.map((rel) => [rel, readFileSync(join(card.root, rel))]));
    vault = await newVault('vault');
    report = await importCard(vault, card.root, { wipe: true, sourceLabel: 'CANON_SD' });
  });
  afterAll(async () => {
    await vault.lock();
  });

  it('groups every layout into its units and verifies each by three equal hashes', () => {
    expect(report.ok).toBe(true);
    expect(report.units.map((u) => u.layout).sort()).toEqual(['audio-recorder', 'avchd', 'dcf', 'dji', 'gopro', 'loose', 'phone', 'xavc']);
    expect(report.units.every((u) => u.outcome === 'verified')).toBe(true);
    for (const f of report.units.flatMap((u) => u.files)) {
      expect(f.outcome).toBe('verified');
      expect(f.sha256).toBe(sha(originals.get(f.relPath)!));
      // The three reads are compared by XXH3-64; xxhsum, a separate implementation, must agree.
      expect(f.xxh3).toBe(xxhsum(originals.get(f.relPath)!));
      expect([f.sourceXxh3, f.vaultXxh3]).toEqual([f.xxh3, f.xxh3]);
    }
    expect(report.ignored.sort()).toEqual([...card.ignored].sort());
  });

  it('keeps the exact bytes of every file in the vault', async () => {
    const rows = recordingFiles(vault);
    expect(rows.map((r) => r.rel_path).sort()).toEqual([...card.importable].sort());
    for (const r of rows) expect(sha(await plaintextOf(vault, r.blob_id))).toBe(sha(originals.get(r.rel_path)!));
  });

  it('wipes only the imported files, removes emptied camera folders, keeps the rest', () => {
    for (const rel of card.importable) expect(existsSync(join(card.root, rel))).toBe(false);
    for (const rel of card.ignored) expect(existsSync(join(card.root, rel))).toBe(true);
    expect(existsSync(join(card.root, 'DCIM/100GOPRO'))).toBe(false);
    expect(existsSync(join(card.root, 'DCIM'))).toBe(true);
    expect(existsSync(join(card.root, 'pwned'))).toBe(false);
    expect(report.totals.wipedFiles).toBe(card.importable.length);
    expect(report.wipeNote).toMatch(/not a purge/);
  });

  it('exports the report as a PDF that a PDF reader can read', () => {
    const pdf = importReportPdf(report);
    const file = join(work, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(text).toContain('Kluis import report');
    expect(text).toContain('Les 3 "groep 5" $(touch pwned) ü.mp4');
    expect(text).toContain('GX020042.MP4');
    expect(text).toContain(report.units[0]!.files[0]!.sha256!.slice(0, 32));
    expect(text.replace(/\s+/g, ' ')).toContain('not a purge');
  });

  it('stores the report encrypted in the vault', async () => {
    const row = vault.catalog.prepare('SELECT report_blob_id FROM imports WHERE id = ?').get(report.importId) as { report_blob_id: string };
    const stored = JSON.parse((await plaintextOf(vault, row.report_blob_id)).toString()) as ImportReport;
    expect(stored.totals).toEqual(report.totals);
  });
});

describe('import edge cases', () => {
  it('skips what is already in the vault, by content hash, and says so', async () => {
    const root = join(work, 'dup-card');
    makeClip(join(root, 'DCIM/100CANON/MVI_0100.MP4'), { seed: 11 });
    const vault = await newVault('dup-vault');
    const first = await importCard(vault, root, { wipe: false });
    expect(first.totals.verified).toBe(1);
    const second = await importCard(vault, root, { wipe: false });
    expect(second.units.map((u) => u.outcome)).toEqual(['already-in-vault']);
    expect((vault.catalog.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(3); // clip + two reports
    await vault.lock();
  });

  it('a file that changes between the copy and the check is not verified and not wiped', async () => {
    const root = join(work, 'changing-card');
    makeClip(join(root, 'DCIM/100CANON/MVI_0200.MP4'), { seed: 12 });
    makeClip(join(root, 'DCIM/100CANON/MVI_0201.MP4'), { seed: 13 });
    const victim = join(root, 'DCIM/100CANON/MVI_0200.MP4');
    const vault = await newVault('changing-vault');
    let tampered = false;
    const report = await importCard(vault, root, {
      wipe: true,
      onProgress: (p) => {
        if (p.phase === 'verifying' && p.current?.endsWith('MVI_0200.MP4') && !tampered) {
          tampered = true;
          appendFileSync(victim, 'x');
        }
      },
    });
    expect(tampered).toBe(true);
    const bad = report.units.find((u) => u.label === 'MVI_0200.MP4')!;
    expect(bad.outcome).toBe('failed');
    expect(bad.files[0]!.wipe).toBe('kept');
    expect(bad.files[0]!.error).toMatch(/changed on the card/);
    expect(bad.files[0]!.errorCode).toBe('CHANGED');
    expect(existsSync(victim)).toBe(true);
    expect(report.units.find((u) => u.label === 'MVI_0201.MP4')!.outcome).toBe('verified');
    expect(report.ok).toBe(false);
    // The half-verified recording is never listed.
    expect(recordingFiles(vault).map((r) => r.rel_path)).toEqual(['DCIM/100CANON/MVI_0201.MP4']);
    await vault.lock();
  });

  it('a cancelled import resumes where it stopped and lists nothing half-done', async () => {
    const root = join(work, 'resume-card');
    for (let i = 0; i < 4; i++) makeClip(join(root, `DCIM/100CANON/MVI_03${i}0.MP4`), { seed: 20 + i });
    const vault = await newVault('resume-vault');
    const ctrl = new AbortController();
    const first = await importCard(vault, root, {
      wipe: true,
      signal: ctrl.signal,
      onProgress: (p) => {
        if (p.filesDone >= 2) ctrl.abort();
      },
    });
    expect(first.units.some((u) => u.outcome === 'cancelled')).toBe(true);
    const listedAfterCancel = recordingFiles(vault).length;
    expect(listedAfterCancel).toBeLessThan(4);
    const second = await importCard(vault, root, { wipe: true });
    expect(second.ok).toBe(true);
    expect(recordingFiles(vault)).toHaveLength(4);
    expect(readdirSync(join(root, 'DCIM'))).toEqual([]);
    await vault.lock();
  });
});

describe('odd files on a card', () => {
  it('a zero-byte clip is imported and verified like any other, and wiped', async () => {
    const root = join(work, 'empty-card');
    makeFile(join(root, 'DCIM/100CANON/MVI_0900.MP4'), 0);
    makeClip(join(root, 'DCIM/100CANON/MVI_0901.MP4'), { seed: 90 });
    const vault = await newVault('empty-vault');
    const report = await importCard(vault, root, { wipe: true });
    expect(report.ok).toBe(true);
    const empty = report.units.find((u) => u.label === 'MVI_0900.MP4')!;
    expect(empty.outcome).toBe('verified');
    expect(empty.files[0]!.xxh3).toBe(xxhsum(Buffer.alloc(0)));
    expect(empty.files[0]!.sha256).toBe(sha(Buffer.alloc(0)));
    expect(existsSync(join(root, 'DCIM/100CANON/MVI_0900.MP4'))).toBe(false);
    await vault.lock();
  });
});
