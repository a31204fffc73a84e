import { access, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir } from '../../vault';
import { ShareError } from '../errors';
import { centralHeader, endRecords, localHeader, type EntryRecord } from './headers';
import { encodeNames } from './names';
import { PartFile } from './part-file';
import { PieceWriter } from './pieces';
import { checkZipPassword } from './password';
import { EntrySealer, OVERHEAD } from './winzip-aes';

export interface ZipEntrySource {
  name: string;
  size: number;
  modified: Date;
  read(): AsyncIterable<Uint8Array>;
}

export interface WrittenZip {
  path: string;
  size: number;
  sha256: string;
}

const exists = (path: string) => access(path).then(() => true, () => false);
const refuseExisting = (path: string) => new ShareError('NOT_ALLOWED', `${path} already exists; choose another name (Kluis never overwrites a file).`);

/**
 * Writes a zip whose entries are AES-256 encrypted in WinZip's AE-2 format (docs/encrypted-zip.md),
 * streaming: each entry's bytes are encrypted as they are read, so no plaintext reaches the disk
 * and memory stays at two pieces (2 MiB). The zip appears at `path` only when it is complete and
 * synced; on any failure or abort nothing is left behind.
 */
export async function writeEncryptedZip(path: string, password: string, entries: ZipEntrySource[], opts: { forceZip64?: boolean; signal?: AbortSignal } = {}): Promise<WrittenZip> {
  checkZipPassword(password);
  const names = encodeNames(entries.map((e) => e.name));
  for (const e of entries) checkSize(e);
  opts.signal?.throwIfAborted();
  if (await exists(path)) throw refuseExisting(path);
  const out = await PartFile.create(`${path}.part`);
  let renamed = false;
  try {
    const records: EntryRecord[] = [];
    for (const [i, e] of entries.entries()) {
      const record = { name: names[i]!, size: e.size, modified: e.modified, offset: out.position, forceZip64: opts.forceZip64 ?? false };
      await writeEntry(out, password, e, record, opts.signal);
      records.push(record);
    }
    await writeDirectory(out, records, opts.forceZip64 ?? false);
    const sha256 = await out.finish();
    opts.signal?.throwIfAborted();
    if (await exists(path)) throw refuseExisting(path);
    await rename(out.path, path);
    renamed = true;
    syncFolder(dirname(path));
    return { path, size: out.position, sha256 };
  } catch (e) {
    // A zip that is there but was never reported written has a password nobody was given.
    await (renamed ? rm(path, { force: true }) : out.discard());
    throw e;
  }
}

/** Makes the rename durable. Windows cannot flush a folder (EPERM); NTFS journals the rename itself. */
function syncFolder(dir: string): void {
  try {
    fsyncDir(dir);
  } catch (e) {
    if (process.platform !== 'win32') throw e;
  }
}

function checkSize(e: ZipEntrySource): void {
  if (!Number.isSafeInteger(e.size) || e.size < 0 || !Number.isSafeInteger(e.size + OVERHEAD)) {
    throw new ShareError('TOO_LARGE', `The file ${e.name} has an impossible size (${e.size}); give its size in bytes.`);
  }
}

const sizeMismatch = (e: ZipEntrySource, got: string) =>
  new ShareError('CHECKSUM_MISMATCH', `The file ${e.name} gave ${got} bytes, but its size was given as ${e.size}; it changed while the zip was written. Nothing was kept; try again.`);

/** Local header, salt and verifier, the data encrypted piece by piece, the auth code. */
async function writeEntry(out: PartFile, password: string, e: ZipEntrySource, record: EntryRecord, signal?: AbortSignal): Promise<void> {
  await out.write(localHeader(record));
  const sealer = await EntrySealer.start(password);
  await out.write(sealer.prefix);
  const pieces = new PieceWriter(out, sealer, e.size);
  let total = 0;
  for await (const chunk of e.read()) {
    signal?.throwIfAborted();
    total += chunk.length;
    if (total > e.size) throw sizeMismatch(e, `at least ${total}`);
    await pieces.add(chunk);
  }
  signal?.throwIfAborted();
  if (total !== e.size) throw sizeMismatch(e, String(total));
  await pieces.end();
  await out.write(sealer.end());
}

async function writeDirectory(out: PartFile, records: EntryRecord[], forceZip64: boolean): Promise<void> {
  const dirOffset = out.position;
  for (const r of records) await out.write(centralHeader(r));
  await out.write(endRecords(records.length, dirOffset, out.position - dirOffset, forceZip64));
}
