/** Helpers for the encrypted zip tests: real bytes, real files, the real 7-Zip. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZipEntrySource } from '../../../electron/core/share/zip';
import { sevenZip } from '../../helpers/seven-zip';

export interface Run {
  status: number | null;
  out: string;
}

/** Runs 7-Zip without prompts or progress output. */
export function run7z(args: string[]): Run {
  const r = spawnSync(sevenZip.bin, [...args, '-bd', '-y'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** An entry that yields `data` in pieces of `chunk` bytes, as a file stream would. */
export function source(name: string, data: Buffer, chunk = 10_000, modified = new Date('2026-03-14T09:26:54Z')): ZipEntrySource {
  return {
    name,
    size: data.length,
    modified,
    read: async function* () {
      for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
    },
  };
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export async function sha256File(path: string): Promise<string> {
  return sha256(await readFile(path));
}

/** Every file under `dir`, relative, with forward slashes, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

export interface LocalEntry {
  name: string;
  version: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  extra: Map<number, Buffer>;
  /** the entry's stored data: salt, verifier, ciphertext, auth code */
  data: Buffer;
}

/** Walks the local headers from the start of a zip, as APPNOTE 4.3.7 lays them out (ZIP64 sizes included). */
export function localEntries(zip: Buffer): LocalEntry[] {
  const out: LocalEntry[] = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const nameLength = zip.readUInt16LE(at + 26);
    const extraStart = at + 30 + nameLength;
    const extra = extraFields(zip.subarray(extraStart, extraStart + zip.readUInt16LE(at + 28)));
    const zip64 = extra.get(0x0001);
    let [size, stored] = [zip.readUInt32LE(at + 22), zip.readUInt32LE(at + 18)];
    if (stored === 0xffffffff && zip64) [size, stored] = [Number(zip64.readBigUInt64LE(0)), Number(zip64.readBigUInt64LE(8))];
    const dataStart = extraStart + zip.readUInt16LE(at + 28);
    out.push({
      name: zip.toString('utf8', at + 30, extraStart),
      version: zip.readUInt16LE(at + 4),
      flags: zip.readUInt16LE(at + 6),
      method: zip.readUInt16LE(at + 8),
      time: zip.readUInt16LE(at + 10),
      date: zip.readUInt16LE(at + 12),
      crc: zip.readUInt32LE(at + 14),
      size,
      extra,
      data: zip.subarray(dataStart, dataStart + stored),
    });
    at = dataStart + stored;
  }
  return out;
}

export function extraFields(extra: Buffer): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    fields.set(extra.readUInt16LE(at), extra.subarray(at + 4, at + 4 + extra.readUInt16LE(at + 2)));
  }
  return fields;
}
