import { basename } from 'node:path';
import { checksumFile, isVaultError, toVaultError, VaultError, type Vault } from '../vault';
import { Journal, type JournalFile } from './journal';
import { unitBytes } from './layouts';
import { ProgressMeter } from './progress';
import { WIPE_NOTE, type FileProblem, type FileReport, type ImportProgress, type ImportReport, type UnitReport } from './report-types';
import { scanCard } from './scan';
import { INGEST_MIGRATIONS } from './schema';
import type { Unit } from './types';
import { finishInterruptedWipes, joinRel, overwriteAndUnlink, removeEmptiedFolders } from './wipe';

export interface ImportOptions {
  /** overwrite and delete each verified clip's files on the card */
  wipe: boolean;
  /** the card's name; defaults to the folder's name. Resuming matches on it. */
  sourceLabel?: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

/** Errors after which no further file can succeed: the import stops, the journal keeps its place. */
const FATAL = new Set(['NO_SPACE', 'NOT_WRITABLE', 'LOCKED', 'CANCELLED']);

interface Ctx {
  vault: Vault;
  journal: Journal;
  root: string;
  meter: ProgressMeter;
  opts: ImportOptions;
  /** checks, wipes and unit reports, in order; held while a batch is being copied */
  checks: Promise<void>;
  /** an error after which nothing more can succeed; the import stops at the next file */
  fatal: VaultError | null;
}

/** The system's error code, also where the vault wrapped the error in one of its own. */
function errnoOf(e: unknown): string | undefined {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if (typeof x.code === 'string' && /^E[A-Z]+$/.test(x.code)) return x.code;
  }
  return undefined;
}

/** A per-file failure: a code the UI translates, and a sentence for logs and the report. */
function problem(e: unknown, relPath: string): FileProblem {
  const code = errnoOf(e);
  if (code === 'EIO') return { code: 'READ_ERROR', message: `Reading ${relPath} failed (EIO): the card may have been pulled out or be damaged. Put it back and import again; the rest is kept.` };
  if (code === 'ENOENT') return { code: 'DISAPPEARED', message: `${relPath} disappeared from the card during the import.` };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'NO_ACCESS', message: `Kluis may not read ${relPath} (${code}).` };
  if (isVaultError(e, 'SOURCE_CHANGED')) return { code: 'CHANGED', message: e.message };
  return { code: 'OTHER', message: toVaultError(e, `importing ${relPath}`).message };
}

function cancelled(opts: ImportOptions): boolean {
  return opts.signal?.aborted === true;
}

function stopped(ctx: Ctx): boolean {
  return cancelled(ctx.opts) || ctx.fatal !== null;
}

async function storeFile(ctx: Ctx, recordingId: string, f: JournalFile): Promise<void> {
  if (f.blob_id) {
    // A copy that failed verification earlier: start this file again from the card.
    await ctx.vault.removeBlob(f.blob_id).catch(() => undefined);
    ctx.journal.clearBlob(recordingId, f.rel_path);
  }
  let last = 0;
  ctx.meter.enter('copying', f.rel_path);
  await ctx.vault.storeFile(
    joinRel(ctx.root, f.rel_path),
    {
      name: f.rel_path,
      ...(ctx.opts.signal ? { signal: ctx.opts.signal } : {}),
      checksum: true,
      onProgress: ({ bytesDone }) => {
        ctx.meter.add(bytesDone - last);
        last = bytesDone;
      },
    },
    (blob) => ctx.journal.markStored(recordingId, f.rel_path, blob.id, blob.sha256, blob.xxh3!),
  );
}

/** Second read of the card and read-back of the vault copy; only three equal hashes verify. */
async function verifyFile(ctx: Ctx, recordingId: string, f: JournalFile): Promise<void> {
  ctx.meter.enter('verifying', f.rel_path);
  // The card and the vault are usually different devices: read both at once.
  const [sourceRead, vaultRead] = await Promise.allSettled([
    checksumFile(joinRel(ctx.root, f.rel_path), ctx.opts.signal).finally(() => ctx.meter.add(f.size)),
    ctx.vault.checksumBlob(f.blob_id!, { uncached: true }).finally(() => ctx.meter.add(f.size)),
  ]);
  if (sourceRead.status === 'rejected') throw sourceRead.reason;
  const source = sourceRead.value;
  if (vaultRead.status === 'rejected') {
    ctx.journal.markFailed(recordingId, f.rel_path, { code: 'READBACK_FAILED', message: toVaultError(vaultRead.reason, `reading back ${f.rel_path}`).message }, { source: source.xxh3 });
    return;
  }
  const vaultXxh3 = vaultRead.value;
  if (source.xxh3 === f.xxh3 && vaultXxh3 === f.xxh3) {
    ctx.journal.markVerified(recordingId, f.rel_path, source.xxh3, vaultXxh3, source.uncached);
  } else {
    ctx.journal.markFailed(recordingId, f.rel_path, { code: 'CHANGED', message: `${f.rel_path} changed on the card between the copy and the check (or the card returns different bytes on each read). It was not verified and will not be wiped; import it again.` }, { source: source.xxh3, vault: vaultXxh3 });
  }
}

function fileReport(f: JournalFile, wipe: FileReport['wipe'], wipeProblem?: FileProblem): FileReport {
  const outcome = f.state === 'verified' ? 'verified' : f.state === 'failed' ? 'failed' : 'skipped';
  const p = wipeProblem ?? (f.error ? { code: (f.error_code ?? 'OTHER') as FileProblem['code'], message: f.error } : undefined);
  return { relPath: f.rel_path, role: f.role, size: f.size, sha256: f.sha256, xxh3: f.xxh3, sourceXxh3: f.source_xxh3, vaultXxh3: f.vault_xxh3, uncached: f.uncached === 1, outcome, wipe, ...(p ? { error: p.message, errorCode: p.code } : {}) };
}

async function wipeFiles(ctx: Ctx, relPaths: string[], onWiped: (rel: string) => void): Promise<Map<string, FileProblem>> {
  const failures = new Map<string, FileProblem>();
  for (const rel of relPaths) {
    ctx.meter.enter('wiping', rel);
    try {
      await overwriteAndUnlink(joinRel(ctx.root, rel));
      onWiped(rel);
    } catch (e) {
      const code = errnoOf(e);
      failures.set(rel, code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? { code: 'WRITE_PROTECTED', message: `The card is write-protected (${code}); ${rel} was verified but not wiped. Slide the card's lock switch and import again to wipe.` } : problem(e, rel));
    }
  }
  return failures;
}

/** Every file already in the vault (same hash, and the vault copy reads back intact)? Then only wipe. */
async function alreadyInVault(ctx: Ctx, unit: Unit): Promise<FileReport[] | null> {
  const reports: FileReport[] = [];
  for (const f of unit.files) {
    const copies = ctx.journal.verifiedCopies(f.size, basename(f.relPath));
    if (copies.length === 0) return null;
    const source = await checksumFile(joinRel(ctx.root, f.relPath), ctx.opts.signal);
    const copy = copies.find((c) => c.xxh3 === source.xxh3);
    if (!copy) return null;
    const vaultXxh3 = await ctx.vault.checksumBlob(copy.blob_id, { uncached: true });
    if (vaultXxh3 !== source.xxh3) return null;
    reports.push({ relPath: f.relPath, role: f.role, size: f.size, sha256: copy.sha256, xxh3: copy.xxh3, sourceXxh3: source.xxh3, vaultXxh3, uncached: source.uncached, outcome: 'duplicate', wipe: 'kept' });
  }
  return reports;
}

/** Copies a unit's files; their checks, the wipe and the unit's report are queued in ctx.checks. */
async function importUnit(ctx: Ctx, importId: string, label: string, unit: Unit): Promise<{ done: Promise<UnitReport> }> {
  const dup = await alreadyInVault(ctx, unit);
  if (dup) {
    for (const f of unit.files) {
      ctx.meter.add(3 * f.size);
      ctx.meter.fileDone();
    }
    if (ctx.opts.wipe) {
      const failed = await wipeFiles(ctx, dup.map((d) => d.relPath), () => undefined);
      for (const d of dup) {
        const p = failed.get(d.relPath);
        d.wipe = p ? 'failed' : 'wiped';
        if (p) Object.assign(d, { error: p.message, errorCode: p.code });
      }
    }
    return { done: Promise.resolve({ recordingId: null, label: unit.label, layout: unit.layout, outcome: 'already-in-vault', files: dup }) };
  }

  const resumed = ctx.journal.resumable(label, unit);
  for (const stale of ctx.journal.staleBlobs(label, unit, resumed)) {
    for (const b of stale.blobIds) await ctx.vault.removeBlob(b).catch(() => undefined);
    ctx.journal.dropRecording(stale.recordingId);
  }
  const recordingId = resumed ?? ctx.journal.createRecording(importId, label, unit);

  for (const f of ctx.journal.files(recordingId)) {
    if (stopped(ctx)) break;
    try {
      if (f.state === 'pending' || f.state === 'failed') await storeFile(ctx, recordingId, f);
      else ctx.meter.add(f.size);
    } catch (e) {
      recordFailure(ctx, recordingId, f.rel_path, e);
      ctx.meter.fileDone();
      continue;
    }
    void queueCheck(ctx, async () => {
      const stored = ctx.journal.files(recordingId).find((x) => x.rel_path === f.rel_path)!;
      try {
        if (stored.state === 'stored' && !stopped(ctx)) await verifyFile(ctx, recordingId, stored);
        else if (stored.state === 'verified') ctx.meter.add(2 * f.size);
      } catch (e) {
        try {
          recordFailure(ctx, recordingId, f.rel_path, e);
        } catch (fatal) {
          ctx.fatal ??= toVaultError(fatal, `checking ${f.rel_path}`);
        }
      }
      ctx.meter.fileDone();
    });
  }
  const done = queueCheck(ctx, () => finishUnit(ctx, recordingId, unit)).catch((e: unknown): UnitReport => {
    ctx.fatal ??= toVaultError(e, `finishing ${unit.label}`);
    return { recordingId: null, label: unit.label, layout: unit.layout, outcome: 'failed', files: [] };
  });
  return { done };
}

/**
 * The import copies a batch of units, then checks them, then copies the next: on the build
 * machines' virtual disk reads and writes side by side were slower than one after the other,
 * and a check that runs alone has both cores for decrypting (docs/ingest.md, section 3). A batch
 * ends after the unit that reaches this size, so wipes and verified recordings still come along
 * during a long import of a large card.
 */
const CHECK_BATCH_BYTES = 4 * 1024 ** 3;

function heldChecks(): { held: Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const held = new Promise<void>((r) => (release = r));
  return { held, release };
}

/** Lets the batch's checks (and wipes, and unit reports) run, and waits until they have. */
async function runChecks(ctx: Ctx, batch: { release: () => void }): Promise<void> {
  batch.release();
  await ctx.checks;
}

/** Runs `step` after every check queued so far; the queue goes on after a failed step. */
function queueCheck<T>(ctx: Ctx, step: () => Promise<T>): Promise<T> {
  const run = ctx.checks.then(step);
  ctx.checks = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** A per-file failure is journaled and the import goes on; a fatal one stops it. */
function recordFailure(ctx: Ctx, recordingId: string, relPath: string, e: unknown): void {
  if ((e as Error).name === 'AbortError') throw new VaultError('CANCELLED', 'The import was cancelled; the next import of this card continues where it stopped.');
  const err = toVaultError(e, `importing ${relPath}`);
  if (FATAL.has(err.code)) throw isVaultError(e) ? e : err;
  ctx.journal.markFailed(recordingId, relPath, problem(e, relPath));
}

async function finishUnit(ctx: Ctx, recordingId: string, unit: Unit): Promise<UnitReport> {
  let files = ctx.journal.files(recordingId);
  const verified = files.every((f) => f.state === 'verified');
  if (verified) ctx.journal.completeRecording(recordingId);
  let failures = new Map<string, FileProblem>();
  if (verified && ctx.opts.wipe) {
    failures = await wipeFiles(ctx, files.filter((f) => !f.wiped_at).map((f) => f.rel_path), (rel) => ctx.journal.markWiped(recordingId, rel));
    files = ctx.journal.files(recordingId);
  }
  const outcome = verified ? 'verified' : cancelled(ctx.opts) ? 'cancelled' : 'failed';
  return {
    recordingId: verified ? recordingId : null,
    label: unit.label,
    layout: unit.layout,
    outcome,
    files: files.map((f) => fileReport(f, failures.has(f.rel_path) ? 'failed' : f.wiped_at ? 'wiped' : 'kept', failures.get(f.rel_path))),
  };
}

/**
 * Imports a card (or any folder): scan, then per clip: one read that hashes and encrypts,
 * a second read of the card and a read-back of the vault copy, and only when all three
 * hashes agree the clip is verified and (if asked) wiped from the card.
 */
export async function importCard(vault: Vault, root: string, opts: ImportOptions): Promise<ImportReport> {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const journal = new Journal(vault.catalog);
  const label = opts.sourceLabel ?? basename(root);
  const startedAt = new Date().toISOString();
  const scan = await scanCard(root);
  // A wipe the user asked for earlier, cut short by a crash or a pulled card, is finished first.
  await finishInterruptedWipes(root).catch(() => []);
  if (scan.problems.length && scan.units.length === 0) {
    throw new VaultError('NOT_FOUND', `Kluis cannot read ${root} (${scan.problems[0]}). Check that the card is inserted and readable.`);
  }
  const bytes = scan.units.reduce((n, u) => n + unitBytes(u), 0);
  const meter = new ProgressMeter(3 * bytes, scan.units.reduce((n, u) => n + u.files.length, 0), opts.onProgress);
  let batch = heldChecks();
  const ctx: Ctx = { vault, journal, root, meter, opts, checks: batch.held, fatal: null };
  let batchBytes = 0;
  const importId = journal.startImport(root, label, opts.wipe);
  const pending: Promise<UnitReport>[] = [];
  for (const unit of scan.units) {
    const skipped: UnitReport = { recordingId: null, label: unit.label, layout: unit.layout, outcome: 'cancelled', files: [] };
    if (stopped(ctx)) {
      pending.push(Promise.resolve(skipped));
      continue;
    }
    try {
      pending.push((await importUnit(ctx, importId, label, unit)).done);
    } catch (e) {
      ctx.fatal ??= toVaultError(e, `importing ${unit.label}`);
      pending.push(Promise.resolve({ ...skipped, outcome: ctx.fatal.code === 'CANCELLED' ? 'cancelled' : 'failed' }));
    }
    batchBytes += unitBytes(unit);
    if (batchBytes >= CHECK_BATCH_BYTES) {
      await runChecks(ctx, batch);
      batch = heldChecks();
      ctx.checks = batch.held;
      batchBytes = 0;
    }
  }
  await runChecks(ctx, batch);
  const units = await Promise.all(pending);
  const fatal = ctx.fatal as VaultError | null;
  if (opts.wipe) {
    const wiped = units.flatMap((u) => u.files.filter((f) => f.wipe === 'wiped').map((f) => joinRel(root, f.relPath)));
    await removeEmptiedFolders(root, wiped);
  }
  meter.enter('done');
  const report = buildReport(importId, root, label, startedAt, opts.wipe, units, scan.ignored.map((f) => f.relPath), fatal);
  // On a full disk the report may not fit in the vault; the caller still gets it, and the journal its state.
  const reportBlob = await vault.storeBytes(Buffer.from(JSON.stringify(report, null, 2)), { name: `import-report-${importId}.json` }, (b) => b.id).catch(() => null);
  try {
    journal.finishImport(importId, cancelled(opts) ? 'cancelled' : report.ok ? 'finished' : 'failed', reportBlob);
  } catch {
    // The next import marks this one 'interrupted'; nothing is lost.
  }
  if (fatal && fatal.code !== 'CANCELLED') throw Object.assign(fatal, { report });
  return report;
}

function buildReport(importId: string, root: string, label: string, startedAt: string, wipe: boolean, units: UnitReport[], ignored: string[], fatal: VaultError | null): ImportReport {
  const files = units.flatMap((u) => u.files);
  const totals = {
    units: units.length,
    verified: units.filter((u) => u.outcome === 'verified').length,
    alreadyInVault: units.filter((u) => u.outcome === 'already-in-vault').length,
    failed: units.filter((u) => u.outcome === 'failed' || u.outcome === 'cancelled').length,
    bytes: files.reduce((n, f) => n + f.size, 0),
    wipedFiles: files.filter((f) => f.wipe === 'wiped').length,
  };
  const uncached = files.length > 0 && files.every((f) => f.uncached);
  return {
    importId,
    sourceRoot: root,
    sourceLabel: label,
    startedAt,
    finishedAt: new Date().toISOString(),
    wipeRequested: wipe,
    units,
    ignored,
    totals,
    wipeNote: WIPE_NOTE,
    cacheBypassed: uncached,
    cacheNote: uncached
      ? "Both checks read from the devices themselves: Kluis asked the system to drop its cached copy of each file (posix_fadvise DONTNEED) before reading it again or, where that is not possible, read past the system's memory cache (O_DIRECT)."
      : "Some checks may have been served from the system's memory cache (this system or file system does not let Kluis drop cached pages), so a card that returns bad data only on a later read might not be caught.",
    ok: !fatal && totals.failed === 0 && (!wipe || files.every((f) => f.wipe === 'wiped')),
  };
}
