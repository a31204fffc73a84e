import { ShareError } from '../errors';

export const BLOCK = 512;
/** The largest size the 11 octal digits of a ustar header hold (8 GiB - 1); beyond it a pax record carries the size. */
export const MAX_USTAR_SIZE = 0o77777777777;

export type EntryType = 'file' | 'directory' | 'pax' | 'pax-global' | 'gnu-longname' | 'link' | 'other';

export interface RawHeader {
  name: string;
  size: number;
  type: EntryType;
  typeflag: string;
}

const badTar = (why: string) => new ShareError('BAD_TAR', `The package's content is not a valid archive (${why}). Ask the sender to make it again with Kluis.`);

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? length : nul).toString('utf8');
}

function octal(block: Buffer, start: number, length: number, what: string): number {
  // GNU tar writes sizes of 8 GiB and more in base-256, flagged by the high bit.
  if (block[start]! & 0x80) {
    let n = block[start]! & 0x7f;
    for (let i = 1; i < length; i++) n = n * 256 + block[start + i]!;
    if (!Number.isSafeInteger(n)) throw new ShareError('TOO_LARGE', `An entry in the package claims a ${what} beyond what Kluis can handle.`);
    return n;
  }
  const text = field(block, start, length).trim();
  if (!/^[0-7]*$/.test(text)) throw badTar(`its ${what} field is not octal`);
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = octal(block, 148, 8, 'checksum');
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

const TYPES: Record<string, EntryType> = { '0': 'file', '\0': 'file', '7': 'file', '5': 'directory', x: 'pax', g: 'pax-global', L: 'gnu-longname', '1': 'link', '2': 'link', K: 'link' };

/** Parses one header block; ustar (POSIX) and GNU magic are accepted, the 1979 v7 format is not. */
export function parseHeader(block: Buffer): RawHeader {
  const magic = block.toString('latin1', 257, 265);
  const ustar = magic === 'ustar\x0000';
  if (!ustar && magic !== 'ustar  \x00') throw badTar('an entry header has no ustar magic');
  if (!checksumOk(block)) throw badTar('an entry header fails its checksum');
  const typeflag = String.fromCharCode(block[156]!);
  const name = field(block, 0, 100);
  const prefix = ustar ? field(block, 345, 155) : '';
  return { name: prefix ? `${prefix}/${name}` : name, size: octal(block, 124, 12, 'size'), type: TYPES[typeflag] ?? 'other', typeflag };
}

function putOctal(block: Buffer, start: number, length: number, n: number): void {
  block.write(`${n.toString(8).padStart(length - 1, '0')}\0`, start, length, 'latin1');
}

/** One ustar header block. `name` must fit (the writer moves longer names to pax). */
export function ustarHeader(h: { name: string; prefix?: string; size: number; typeflag: string; mtime: number }): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(h.name, 0, 100, 'utf8');
  putOctal(block, 100, 8, 0o644);
  putOctal(block, 108, 8, 0);
  putOctal(block, 116, 8, 0);
  putOctal(block, 124, 12, h.size);
  putOctal(block, 136, 12, h.mtime);
  block[156] = h.typeflag.charCodeAt(0);
  block.write('ustar\x0000', 257, 8, 'latin1');
  if (h.prefix) block.write(h.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}
