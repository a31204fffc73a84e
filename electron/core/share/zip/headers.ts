import { aesExtra, dosDateTime, MAX32, timeExtra, zip64Extra } from './extra';
import { OVERHEAD } from './winzip-aes';

/** What the central directory needs to know about an entry once its data is written. */
export interface EntryRecord {
  /** the name as UTF-8 */
  name: Buffer;
  /** plaintext bytes; the entry's data is OVERHEAD more */
  size: number;
  modified: Date;
  /** where the local header starts */
  offset: number;
  /** write every ZIP64 form even where the 32-bit field would do (for testing readers) */
  forceZip64: boolean;
}

const VERSION_NEEDED = 51; // 5.1: AES; also covers ZIP64's 4.5
export const VERSION_MADE_BY = (3 << 8) | 63; // host Unix (so the mode below is read), spec 6.3
const FLAGS = 0x0001 | 0x0800; // encrypted, name in UTF-8
const METHOD_AES = 99;
const MODE = 0o100600; // a regular file only the person who unpacks it can read

const sizesAreZip64 = (e: EntryRecord) => e.forceZip64 || e.size + OVERHEAD >= MAX32;
const offsetIsZip64 = (e: EntryRecord) => e.forceZip64 || e.offset >= MAX32;

/** The fields local and central headers share, from "version needed" to "uncompressed size". */
function common(e: EntryRecord, b: Buffer, at: number): void {
  const { time, date } = dosDateTime(e.modified);
  const big = sizesAreZip64(e);
  b.writeUInt16LE(VERSION_NEEDED, at);
  b.writeUInt16LE(FLAGS, at + 2);
  b.writeUInt16LE(METHOD_AES, at + 4);
  b.writeUInt16LE(time, at + 6);
  b.writeUInt16LE(date, at + 8);
  b.writeUInt32LE(0, at + 10); // AE-2: no CRC, which would tell something about the plaintext
  b.writeUInt32LE(big ? MAX32 : e.size + OVERHEAD, at + 14);
  b.writeUInt32LE(big ? MAX32 : e.size, at + 18);
}

/** APPNOTE 4.3.7. A ZIP64 local header must carry both sizes (4.5.3). */
export function localHeader(e: EntryRecord): Buffer {
  const zip64 = zip64Extra(sizesAreZip64(e) ? [e.size, e.size + OVERHEAD] : []);
  const extra = Buffer.concat([zip64, aesExtra(), timeExtra(e.modified)]);
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  common(e, b, 4);
  b.writeUInt16LE(e.name.length, 26);
  b.writeUInt16LE(extra.length, 28);
  return Buffer.concat([b, e.name, extra]);
}

/** APPNOTE 4.3.12. */
export function centralHeader(e: EntryRecord): Buffer {
  const values = sizesAreZip64(e) ? [e.size, e.size + OVERHEAD] : [];
  if (offsetIsZip64(e)) values.push(e.offset);
  const extra = Buffer.concat([zip64Extra(values), aesExtra(), timeExtra(e.modified)]);
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  common(e, b, 6);
  b.writeUInt16LE(e.name.length, 28);
  b.writeUInt16LE(extra.length, 30);
  // comment length, disk start and internal attributes stay 0
  b.writeUInt32LE(MODE * 0x10000, 38);
  b.writeUInt32LE(offsetIsZip64(e) ? MAX32 : e.offset, 42);
  return Buffer.concat([b, e.name, extra]);
}

/** The records after the central directory: ZIP64 end and locator when a value needs them. */
export function endRecords(entries: number, dirOffset: number, dirSize: number, forceZip64: boolean): Buffer {
  const bigCount = forceZip64 || entries >= 0xffff;
  const bigSize = forceZip64 || dirSize >= MAX32;
  const bigOffset = forceZip64 || dirOffset >= MAX32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(bigCount ? 0xffff : entries, 8);
  end.writeUInt16LE(bigCount ? 0xffff : entries, 10);
  end.writeUInt32LE(bigSize ? MAX32 : dirSize, 12);
  end.writeUInt32LE(bigOffset ? MAX32 : dirOffset, 16);
  if (!bigCount && !bigSize && !bigOffset) return end;
  return Buffer.concat([zip64End(entries, dirOffset, dirSize), zip64Locator(dirOffset + dirSize), end]);
}

function zip64End(entries: number, dirOffset: number, dirSize: number): Buffer {
  const b = Buffer.alloc(56);
  b.writeUInt32LE(0x06064b50, 0);
  b.writeBigUInt64LE(44n, 4);
  b.writeUInt16LE(VERSION_MADE_BY, 12);
  b.writeUInt16LE(VERSION_NEEDED, 14);
  // this disk and the directory's disk stay 0
  b.writeBigUInt64LE(BigInt(entries), 24);
  b.writeBigUInt64LE(BigInt(entries), 32);
  b.writeBigUInt64LE(BigInt(dirSize), 40);
  b.writeBigUInt64LE(BigInt(dirOffset), 48);
  return b;
}

function zip64Locator(zip64EndOffset: number): Buffer {
  const b = Buffer.alloc(20);
  b.writeUInt32LE(0x07064b50, 0);
  b.writeBigUInt64LE(BigInt(zip64EndOffset), 8);
  b.writeUInt32LE(1, 16);
  return b;
}
