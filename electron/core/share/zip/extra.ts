/** The extra fields Kluis writes (docs/encrypted-zip.md, section 3.3). */

export const MAX32 = 0xffffffff;
export const MAX16 = 0xffff;

/** WinZip AES: vendor version 2 (AE-2), "AE", strength 3 (AES-256), actual method 0 (stored). */
export function aesExtra(): Buffer {
  const b = Buffer.alloc(11);
  b.writeUInt16LE(0x9901, 0);
  b.writeUInt16LE(7, 2);
  b.writeUInt16LE(2, 4);
  b.write('AE', 6, 'latin1');
  b.writeUInt8(3, 8);
  b.writeUInt16LE(0, 9);
  return b;
}

/** ZIP64: only the values whose 32-bit field says MAX32, in APPNOTE's order. */
export function zip64Extra(values: number[]): Buffer {
  if (values.length === 0) return Buffer.alloc(0);
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

/** Info-ZIP extended timestamp, mtime only; left out where a signed 32-bit time cannot say it. */
export function timeExtra(modified: Date): Buffer {
  const seconds = Math.floor(modified.getTime() / 1000);
  if (!(seconds >= -(2 ** 31) && seconds < 2 ** 31)) return Buffer.alloc(0);
  const b = Buffer.alloc(9);
  b.writeUInt16LE(0x5455, 0);
  b.writeUInt16LE(5, 2);
  b.writeUInt8(1, 4);
  b.writeInt32LE(seconds, 5);
  return b;
}

/** MS-DOS time and date in local time: two-second steps, 1980 to 2107. */
export function dosDateTime(modified: Date): { time: number; date: number } {
  const ms = modified.getTime();
  if (!Number.isFinite(ms) || modified.getFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  if (modified.getFullYear() > 2107) return { time: (23 << 11) | (59 << 5) | 29, date: (127 << 9) | (12 << 5) | 31 };
  const time = (modified.getHours() << 11) | (modified.getMinutes() << 5) | (modified.getSeconds() >> 1);
  const date = ((modified.getFullYear() - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate();
  return { time, date };
}
