import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { backupCatalog, isBackupFile } from './backup';
import { checksumBlob, readBlobBytes, readBlobRange, verifyBlob, type BlobRef } from './blob-reader';
import { checksummer } from './checksum';
import { BlobWriter, objectPath, type SealedBlob } from './blob-writer';
import { CATALOG_FILE, catalogProblems, checkCatalogFile, migrate, openCatalog, type Catalog } from './catalog';
import type { Migration } from './migrations';
import { VaultError, toVaultError } from './errors';
import { fsyncDir } from './fs-durable';
import { FORMAT_VERSION, headerMacMatches, HEADER_FILE, readHeader, sealHeader, slotOf, writeHeader, type VaultHeader } from './header';
import { assertKdfStrongEnough, chooseKdfParams, deriveKek, type KdfChoice } from './kdf';
import { catalogKey, newKey, recoveryKek, unwrapKey, wrapKey } from './keys';
import { acquireLock } from './lockfile';
import { assertStrongPassword } from './password-policy';
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from './recovery-key';
import { readHashed, READ_BATCH, type HashResult } from './source-reader';
import { findOrphans, removeBlobFile, sweepStaging } from './sweep';
import { stopIdleWorkers } from './worker-pool';
import type { AddOptions, ItemInfo, LockResult, StoredBlob, VerifyReport } from './types';

interface ItemRow {
  id: string;
  name: string;
  added_at: string;
  blob_id: string;
  size: number;
  sha256: string;
  data_key: Buffer;
}

/** Below this, a sealing worker costs more to start than it saves. */
const PARALLEL_SEAL_MIN = 8 * 1024 * 1024;

const ITEM_SELECT = `SELECT i.id, i.name, i.added_at, b.id AS blob_id, b.size, b.sha256, b.data_key
                     FROM items i JOIN blobs b ON b.id = i.blob_id`;

function toInfo(r: ItemRow): ItemInfo {
  return { id: r.id, name: r.name, size: r.size, sha256: r.sha256, addedAt: r.added_at };
}

function layout(dir: string) {
  return { objects: join(dir, 'objects'), staging: join(dir, 'staging'), backups: join(dir, 'backups'), catalog: join(dir, CATALOG_FILE) };
}

async function unwrapWithPassword(header: VaultHeader, password: string): Promise<Buffer> {
  assertKdfStrongEnough(header.kdf);
  const kek = await deriveKek(password, header.kdf);
  const mk = unwrapKey(kek, slotOf(header, 'password'), header.vaultId);
  kek.fill(0);
  if (!mk) throw new VaultError('WRONG_PASSWORD', 'The password is wrong. Try again, or use the recovery key to set a new one.');
  if (!headerMacMatches(header, mk)) {
    mk.fill(0);
    throw new VaultError('HEADER_DAMAGED', 'The vault header was altered since Kluis last wrote it (its MAC does not match). Restore it from a backup of the vault folder.');
  }
  return mk;
}

async function folderIsFree(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw toVaultError(e, `reading ${dir}`);
  });
  if (entries.includes(HEADER_FILE)) throw new VaultError('VAULT_EXISTS', `${dir} already holds a Kluis vault; open it, or choose another folder.`);
  // Leftovers of a creation that crashed before its header was written are ours to replace.
  const ours = new Set(['objects', 'staging', 'backups', CATALOG_FILE, `${CATALOG_FILE}-wal`, `${CATALOG_FILE}-shm`, 'kluis.lock']);
  const foreign = entries.filter((e) => !ours.has(e));
  if (foreign.length > 0) throw new VaultError('VAULT_EXISTS', `${dir} is not empty (${foreign.slice(0, 3).join(', ')}); a new vault needs an empty folder.`);
  for (const e of entries) await rm(join(dir, e), { recursive: true, force: true });
}

export class Vault {
  private mk: Buffer | null;
  private readonly paths: ReturnType<typeof layout>;

  private constructor(
    readonly dir: string,
    private header: VaultHeader,
    mk: Buffer,
    private readonly db: Catalog,
    private readonly releaseLock: () => void,
  ) {
    this.mk = mk;
    this.paths = layout(dir);
  }

  /** Creates a vault in an empty or new folder. The recovery key is returned once and never stored. */
  static async create(dir: string, password: string, opts: { kdf?: KdfChoice } = {}): Promise<{ vault: Vault; recoveryKey: string }> {
    assertStrongPassword(password);
    await folderIsFree(dir);
    const p = layout(dir);
    try {
      for (const d of [dir, p.objects, p.staging, p.backups]) await mkdir(d, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw toVaultError(e, `creating the vault folder ${dir}`);
    }
    const release = acquireLock(dir);
    try {
      const mk = newKey();
      const rk = newRecoveryKey();
      const vaultId = randomBytes(16).toString('hex');
      const kdf = await chooseKdfParams(opts.kdf);
      const kek = await deriveKek(password, kdf);
      const header = sealHeader(
        {
          format: 'kluis-vault',
          version: FORMAT_VERSION,
          vaultId,
          createdAt: new Date().toISOString(),
          kdf,
          slots: [wrapKey(kek, mk, vaultId, 'password'), wrapKey(recoveryKek(rk, vaultId), mk, vaultId, 'recovery')],
        },
        mk,
      );
      kek.fill(0);
      const db = openCatalog(p.catalog, catalogKey(mk, vaultId), { create: true });
      // The header comes last: a folder without one is not a vault yet, so a crash here is harmless.
      await writeHeader(dir, header).catch((e: unknown) => {
        db.close();
        throw toVaultError(e, 'writing the vault header');
      });
      return { vault: new Vault(dir, header, mk, db, release), recoveryKey: formatRecoveryKey(rk) };
    } catch (e) {
      release();
      throw toVaultError(e, 'creating the vault');
    }
  }

  /** Unlocks. A wrong password changes nothing on disk. */
  static async open(dir: string, password: string): Promise<Vault> {
    const header = await readHeader(dir);
    const release = acquireLock(dir);
    let mk: Buffer | undefined;
    try {
      mk = await unwrapWithPassword(header, password);
      const db = openCatalog(layout(dir).catalog, catalogKey(mk, header.vaultId), { create: false });
      const vault = new Vault(dir, header, mk, db, release);
      await vault.sweep();
      return vault;
    } catch (e) {
      mk?.fill(0);
      release();
      throw toVaultError(e, 'unlocking the vault');
    }
  }

  /** Sets a new password with the recovery key; the recovery key keeps working. */
  static async recover(dir: string, recoveryKeyText: string, newPassword: string): Promise<void> {
    const rk = parseRecoveryKey(recoveryKeyText);
    assertStrongPassword(newPassword);
    const header = await readHeader(dir);
    const release = acquireLock(dir);
    try {
      const mk = unwrapKey(recoveryKek(rk, header.vaultId), slotOf(header, 'recovery'), header.vaultId);
      if (!mk) throw new VaultError('WRONG_RECOVERY_KEY', 'This recovery key does not belong to this vault. Check that you have the key printed when this vault was created.');
      if (!headerMacMatches(header, mk)) throw new VaultError('HEADER_DAMAGED', 'The vault header was altered since Kluis last wrote it. Restore it from a backup of the vault folder.');
      await Vault.rewrapPassword(dir, header, mk, newPassword);
      mk.fill(0);
    } finally {
      release();
    }
  }

  private static async rewrapPassword(dir: string, header: VaultHeader, mk: Buffer, newPassword: string): Promise<VaultHeader> {
    const kdf = await chooseKdfParams({ memoryKiB: header.kdf.memoryKiB, iterations: header.kdf.iterations, parallelism: header.kdf.parallelism });
    const kek = await deriveKek(newPassword, kdf);
    const slots = header.slots.map((s) => (s.type === 'password' ? wrapKey(kek, mk, header.vaultId, 'password') : s));
    kek.fill(0);
    const { mac: _mac, checksum: _checksum, ...rest } = header;
    const next = sealHeader({ ...rest, kdf, slots }, mk);
    await writeHeader(dir, next).catch((e: unknown) => {
      throw toVaultError(e, 'writing the new password slot');
    });
    return next;
  }

  get isOpen(): boolean {
    return this.mk !== null;
  }

  get vaultId(): string {
    return this.header.vaultId;
  }

  /** The open catalog, for the capabilities that keep their tables in it. */
  get catalog(): Catalog {
    this.assertOpen();
    return this.db;
  }

  async changePassword(current: string, next: string): Promise<void> {
    const mk = this.assertOpen();
    assertStrongPassword(next);
    const check = await unwrapWithPassword(this.header, current).catch((e: unknown) => {
      if (e instanceof VaultError && e.code === 'WRONG_PASSWORD') throw new VaultError('WRONG_PASSWORD', 'The current password is wrong; the password was not changed.');
      throw e;
    });
    check.fill(0);
    this.header = await Vault.rewrapPassword(this.dir, this.header, mk, next);
  }

  async addFile(path: string, opts: AddOptions = {}): Promise<ItemInfo> {
    const name = opts.name ?? basename(path);
    return this.storeFile(path, opts, (blob) => this.insertItem(name, blob));
  }

  async addBytes(name: string, data: Buffer, opts: AddOptions = {}): Promise<ItemInfo> {
    return this.storeBytes(data, opts, (blob) => this.insertItem(name, blob));
  }

  /**
   * Stores a file as a new blob, reading it once (hash and encryption in one pass). `link` runs
   * inside the transaction that commits the blob's key, so a capability's rows (an item, a
   * recording's file) and the blob appear together or not at all.
   */
  async storeFile<T>(path: string, opts: AddOptions, link: (blob: StoredBlob) => T): Promise<T> {
    const name = opts.name ?? basename(path);
    let src: FileHandle;
    try {
      src = await open(path, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new VaultError('NOT_FOUND', `${path} does not exist; nothing was added.`);
      throw toVaultError(e, `reading ${path}`);
    }
    try {
      const info = await src.stat();
      if (!info.isFile()) throw new VaultError('NOT_FOUND', `${path} is not a regular file; nothing was added. Add the files inside a folder one by one.`);
      const hashed: HashResult = {};
      return await this.storeFrom(name, info.size, opts, readHashed(src, info.size, hashed), hashed, link);
    } finally {
      await src.close();
    }
  }

  async storeBytes<T>(data: Buffer, opts: AddOptions, link: (blob: StoredBlob) => T): Promise<T> {
    const hashed: HashResult = { sha256: createHash('sha256').update(data).digest('hex') };
    async function* batches() {
      for (let i = 0; i < data.length; i += READ_BATCH) yield data.subarray(i, i + READ_BATCH);
    }
    return this.storeFrom(opts.name ?? 'bytes', data.length, opts, batches(), hashed, link);
  }

  /**
   * Stores a stream of unknown length (ffmpeg's stdout for proxies and renders) as a new blob,
   * encrypting each chunk as it arrives so no plaintext is collected in memory or on disk. The
   * SHA-256 is computed on the way; `link` commits the catalog rows with the blob's key.
   */
  async storeStream<T>(source: AsyncIterable<Buffer | Uint8Array>, opts: AddOptions, link: (blob: StoredBlob) => T): Promise<T> {
    const hashed: HashResult = {};
    const hash = createHash('sha256');
    async function* hashedBatches() {
      let pending: Buffer[] = [];
      let size = 0;
      // Pipe reads are small (64 KiB); the writer works best on whole 1 MiB batches.
      for await (const piece of source) {
        const b = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        hash.update(b);
        pending.push(b);
        size += b.length;
        if (size < READ_BATCH) continue;
        // The writer's slots hold one batch, so never yield more than READ_BATCH at once.
        const all = Buffer.concat(pending, size);
        let off = 0;
        for (; all.length - off >= READ_BATCH; off += READ_BATCH) yield all.subarray(off, off + READ_BATCH);
        pending = off < all.length ? [all.subarray(off)] : [];
        size = all.length - off;
      }
      if (size > 0) yield Buffer.concat(pending, size);
      hashed.sha256 = hash.digest('hex');
    }
    return this.storeFrom(opts.name ?? 'stream', null, opts, hashedBatches(), hashed, link);
  }

  private async storeFrom<T>(name: string, expectedSize: number | null, opts: AddOptions, source: AsyncGenerator<Buffer>, hashed: HashResult, link: (blob: StoredBlob) => T): Promise<T> {
    this.assertOpen();
    let w: BlobWriter;
    try {
      w = await BlobWriter.create(this.paths.staging, this.paths.objects, { parallel: expectedSize === null || expectedSize >= PARALLEL_SEAL_MIN });
    } catch (e) {
      throw toVaultError(e, `adding ${name}`);
    }
    let sealed: SealedBlob;
    const sum = opts.checksum ? checksummer() : null;
    try {
      for await (const batch of source) {
        if (opts.signal?.aborted) throw new VaultError('CANCELLED', `Adding ${name} was cancelled; nothing was added.`);
        this.assertOpen();
        sum?.update(batch);
        await w.write(batch);
        opts.onProgress?.({ bytesDone: w.bytesWritten, bytesTotal: expectedSize ?? w.bytesWritten });
      }
      if (expectedSize !== null && w.bytesWritten !== expectedSize) {
        throw new VaultError('SOURCE_CHANGED', `${name} changed size while it was being read (${expectedSize} -> ${w.bytesWritten} bytes); nothing was added. Try again when nothing writes to it.`);
      }
      sealed = await w.finish();
    } catch (e) {
      await source.return(undefined);
      await w.abort();
      throw toVaultError(e, `adding ${name}`);
    }
    return this.commitBlob(name, sealed, hashed.sha256!, sum?.digest(), link);
  }

  private commitBlob<T>(name: string, blob: SealedBlob, sha256: string, xxh3: string | undefined, link: (blob: StoredBlob) => T): T {
    const stored: StoredBlob = { id: blob.id, size: blob.size, sha256, createdAt: new Date().toISOString(), ...(xxh3 ? { xxh3 } : {}) };
    try {
      return this.db.transaction(() => {
        this.db.prepare('INSERT INTO blobs (id, data_key, size, sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(blob.id, blob.dataKey, blob.size, sha256, stored.createdAt);
        return link(stored);
      })();
    } catch (e) {
      // The blob file is an orphan now; unlock would sweep it, but there is no reason to wait.
      void rm(objectPath(this.paths.objects, blob.id), { force: true });
      throw toVaultError(e, `recording ${name} in the catalog`);
    } finally {
      blob.dataKey.fill(0);
    }
  }

  private insertItem(name: string, blob: StoredBlob): ItemInfo {
    const id = `it_${randomBytes(8).toString('hex')}`;
    this.db.prepare('INSERT INTO items (id, name, blob_id, added_at) VALUES (?, ?, ?, ?)').run(id, name, blob.id, blob.createdAt);
    return { id, name, size: blob.size, sha256: blob.sha256, addedAt: blob.createdAt };
  }

  /** Brings a capability's own tables up to date (see docs/vault-format.md section 4.1). */
  migrate(capability: string, migrations: Migration[]): void {
    this.assertOpen();
    migrate(this.db, capability, migrations);
  }

  /** Decrypts a whole blob (every tag checked) and returns the XXH3-64 of its plaintext; see checksum.ts. */
  async checksumBlob(blobId: string, opts: { uncached?: boolean } = {}): Promise<string> {
    return checksumBlob(this.blobById(blobId), opts);
  }

  /** Deletes a blob no row refers to any more (its key goes first, then the file). */
  async removeBlob(blobId: string): Promise<void> {
    this.assertOpen();
    this.db.prepare('DELETE FROM blobs WHERE id = ?').run(blobId);
    await removeBlobFile(objectPath(this.paths.objects, blobId));
  }

  /** Plaintext of bytes [start, end) of a blob, for capabilities that keep their own rows. */
  readBlob(blobId: string, start = 0, end?: number): AsyncGenerator<Buffer> {
    const ref = this.blobById(blobId);
    return this.whileOpen(readBlobRange(ref, start, end ?? ref.size));
  }

  listItems(): ItemInfo[] {
    this.assertOpen();
    try {
      return (this.db.prepare(`${ITEM_SELECT} ORDER BY i.added_at, i.id`).all() as ItemRow[]).map(toInfo);
    } catch (e) {
      // a damaged catalog page surfaces here as SQLITE_CORRUPT; callers expect a VaultError
      throw toVaultError(e, 'listing the items');
    }
  }

  getItem(id: string): ItemInfo {
    return toInfo(this.row(id));
  }

  /** Plaintext of bytes [start, end) of an item, in batches; nothing is written anywhere. */
  readRange(id: string, start = 0, end?: number): AsyncGenerator<Buffer> {
    const ref = this.blobRef(this.row(id));
    return this.whileOpen(readBlobRange(ref, start, end ?? ref.size));
  }

  async readBytes(id: string, start = 0, end?: number): Promise<Buffer> {
    const ref = this.blobRef(this.row(id));
    return readBlobBytes(ref, start, end ?? ref.size);
  }

  /** Deletes the key first (crypto-shredding), then the file. */
  async removeItem(id: string): Promise<void> {
    const r = this.row(id);
    try {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM items WHERE id = ?').run(id);
        this.db.prepare('DELETE FROM blobs WHERE id = ?').run(r.blob_id);
      })();
    } catch (e) {
      throw toVaultError(e, `removing ${id}`);
    }
    // The item is gone with its key: a file the system will not release yet must not report otherwise.
    const file = objectPath(this.paths.objects, r.blob_id);
    if (await this.dropKeylessFile(file)) fsyncDir(join(file, '..'));
  }

  async verify(onItem?: (done: number, total: number) => void): Promise<VerifyReport> {
    this.assertOpen();
    const report: VerifyReport = { ok: true, header: { ok: true }, catalog: { ok: true, problems: [] }, items: [], backups: [], orphans: 0 };
    try {
      const onDisk = await readHeader(this.dir);
      if (!headerMacMatches(onDisk, this.mk!)) throw new VaultError('HEADER_DAMAGED', 'The vault header was altered (its MAC does not match).');
    } catch (e) {
      report.header = { ok: false, problem: toVaultError(e, 'checking the header').message };
    }
    report.catalog.problems = catalogProblems(this.db);
    report.catalog.ok = report.catalog.problems.length === 0;
    let rows: ItemRow[] = [];
    try {
      rows = this.db.prepare(ITEM_SELECT).all() as ItemRow[];
    } catch (e) {
      report.catalog = { ok: false, problems: [...report.catalog.problems, toVaultError(e, 'reading the catalog').message] };
    }
    for (const [i, r] of rows.entries()) {
      try {
        await verifyBlob(this.blobRef(r));
        report.items.push({ id: r.id, name: r.name, ok: true });
      } catch (e) {
        report.items.push({ id: r.id, name: r.name, ok: false, problem: toVaultError(e, `checking ${r.id}`).message });
      }
      onItem?.(i + 1, rows.length);
    }
    const key = catalogKey(this.mk!, this.header.vaultId);
    for (const file of (await readdir(this.paths.backups)).filter(isBackupFile).sort()) {
      const problems = checkCatalogFile(join(this.paths.backups, file), key);
      report.backups.push({ file, ok: problems.length === 0, ...(problems.length ? { problem: problems.join('; ') } : {}) });
    }
    key.fill(0);
    report.orphans = (await findOrphans(this.paths.objects, (id) => this.blobKnown(id))).length;
    report.ok = report.header.ok && report.catalog.ok && report.items.every((i) => i.ok);
    return report;
  }

  /**
   * Drops the keys and closes the catalog; a backup of a changed catalog is written first.
   * A failed backup (a full disk, say) does not stop the lock: it is reported instead.
   */
  async lock(): Promise<LockResult> {
    if (!this.mk) return { backup: 'unchanged' };
    let backup: LockResult['backup'] = 'unchanged';
    try {
      const changed = (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n > 0;
      if (changed) {
        await backupCatalog(this.db, this.paths);
        backup = 'written';
      }
    } catch (e) {
      backup = { failed: toVaultError(e, 'backing up the catalog').message };
    } finally {
      this.db.close();
      this.mk.fill(0);
      this.mk = null;
      this.releaseLock();
      await stopIdleWorkers();
    }
    return { backup };
  }

  private async sweep(): Promise<void> {
    await sweepStaging(this.paths.staging);
    for (const orphan of await findOrphans(this.paths.objects, (id) => this.blobKnown(id))) await this.dropKeylessFile(orphan);
  }

  /**
   * Removes ciphertext whose key is gone. One that cannot be removed yet (a file the system holds
   * on to) harms nobody and must not keep the vault shut or undo a deletion: unlock tries again.
   */
  private async dropKeylessFile(path: string): Promise<boolean> {
    try {
      await removeBlobFile(path);
      return true;
    } catch (e) {
      console.error(`kluis: could not remove ${path}, a file no key opens any more (${(e as NodeJS.ErrnoException).code ?? String(e)}); the next unlock tries again. If this repeats, check what holds the file or its attributes (lsattr).`);
      return false;
    }
  }

  private blobKnown(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM blobs WHERE id = ?').get(id) !== undefined;
  }

  /** A stream started before lock() holds a data key; it must not hand out plaintext after it. */
  private async *whileOpen(source: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
    for await (const batch of source) {
      this.assertOpen();
      yield batch;
    }
  }

  private assertOpen(): Buffer {
    if (!this.mk) throw new VaultError('LOCKED', 'The vault is locked; unlock it first.');
    return this.mk;
  }

  private row(id: string): ItemRow {
    this.assertOpen();
    let r: ItemRow | undefined;
    try {
      r = this.db.prepare(`${ITEM_SELECT} WHERE i.id = ?`).get(id) as ItemRow | undefined;
    } catch (e) {
      throw toVaultError(e, `looking up ${id}`);
    }
    if (!r) throw new VaultError('NOT_FOUND', `There is no item ${id} in this vault; "kluis ls" lists the items.`);
    return r;
  }

  /** A blob that capabilities other than items refer to; errors name it by blob id. */
  private blobById(blobId: string): BlobRef {
    this.assertOpen();
    const r = this.db.prepare('SELECT data_key, size, sha256 FROM blobs WHERE id = ?').get(blobId) as Pick<ItemRow, 'data_key' | 'size' | 'sha256'> | undefined;
    if (!r) throw new VaultError('NOT_FOUND', `There is no blob ${blobId} in this vault.`);
    return this.ref(blobId, r, `blob ${blobId}`);
  }

  private blobRef(r: ItemRow): BlobRef {
    return this.ref(r.blob_id, r, `${r.id} ("${r.name}")`);
  }

  private ref(blobId: string, r: Pick<ItemRow, 'data_key' | 'size' | 'sha256'>, label: string): BlobRef {
    return { id: blobId, dataKey: r.data_key, size: r.size, sha256: r.sha256, label, path: objectPath(this.paths.objects, blobId) };
  }
}
