import { ByteReader } from '../age';
import { ShareError } from '../errors';
import { BLOCK, parseHeader, type RawHeader } from './header';
import { checkName, MAX_NAME } from './names';
import { MAX_PAX, parsePax } from './pax';
import type { TarEntry } from './write';

const badTar = (why: string) => new ShareError('BAD_TAR', `The package's content is not a valid archive (${why}). Ask the sender to make it again with Kluis.`);
const PIECE = 64 * 1024;

async function block(r: ByteReader, what: string): Promise<Buffer> {
  if (!(await r.fill(BLOCK))) throw badTar(`it ends inside ${what}`);
  return r.take(BLOCK);
}

async function small(r: ByteReader, size: number, limit: number, what: string): Promise<Buffer> {
  if (size > limit) throw badTar(`${what} is ${size} bytes`);
  const padded = Math.ceil(size / BLOCK) * BLOCK;
  if (!(await r.fill(padded))) throw badTar(`it ends inside ${what}`);
  return Buffer.from(r.take(padded).subarray(0, size));
}

/** After the two zero blocks only zero padding may follow (GNU tar pads to 10 KiB records). */
async function end(r: ByteReader): Promise<void> {
  const second = await block(r, 'its end marker');
  for (let rest = second; ; rest = r.take(PIECE)) {
    if (rest.some((b) => b !== 0)) throw badTar('data follows its end marker');
    if (!(await r.fill(1))) return;
  }
}

async function skip(r: ByteReader, n: number, name: string): Promise<void> {
  while (n > 0) {
    if (!(await r.fill(1))) throw badTar(`it ends inside ${name}`);
    n -= r.takeSome(n).length;
  }
}

/** Reads an entry's body to its end without keeping it (an entry skipped or refused). */
export async function drain(body: AsyncIterable<Buffer>): Promise<void> {
  for await (const _ of body) void _;
}

/**
 * Regular files of a ustar, pax or GNU archive, in order. Each entry's body must be read
 * (or is skipped) before the next entry arrives; links, devices and unsafe names are refused.
 */
export async function* readTar(stream: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const r = new ByteReader(stream);
  let pax = new Map<string, string>();
  let longName: string | undefined;
  for (;;) {
    const b = await block(r, 'an entry header');
    if (b.every((x) => x === 0)) return end(r);
    const h: RawHeader = parseHeader(b);
    if (h.type === 'pax' || h.type === 'pax-global' || h.type === 'gnu-longname') {
      const data = await small(r, h.size, h.type === 'gnu-longname' ? MAX_NAME : MAX_PAX, 'an extended header');
      if (h.type === 'pax') pax = parsePax(data);
      if (h.type === 'gnu-longname') longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    const name = checkName(pax.get('path') ?? longName ?? h.name);
    const size = pax.has('size') ? Number(pax.get('size')) : h.size;
    if (!Number.isSafeInteger(size) || size < 0) throw badTar(`entry ${name} has an invalid size`);
    pax = new Map();
    longName = undefined;
    if (h.type === 'link') throw new ShareError('UNSAFE_NAME', `The package holds a link (${name}); Kluis accepts only plain files. Ask the sender to make it again with Kluis.`);
    if (h.type === 'other') throw badTar(`entry ${name} has type "${h.typeflag}", not a plain file`);
    if (h.type === 'directory') {
      await skip(r, size, name);
      continue;
    }
    const body = new Body(r, name, size);
    if (name.endsWith('/')) throw badTar(`file entry ${name} ends in a slash`);
    yield { name, size, body };
    await skip(r, body.remaining, name);
    await skip(r, (BLOCK - (size % BLOCK)) % BLOCK, name);
  }
}

class Body implements AsyncIterable<Buffer> {
  constructor(
    private readonly r: ByteReader,
    private readonly name: string,
    public remaining: number,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    while (this.remaining > 0) {
      // Whatever is buffered goes out as it is: no copying to make even pieces.
      if (!(await this.r.fill(1))) throw badTar(`it ends inside ${this.name}`);
      const piece = this.r.takeSome(this.remaining);
      this.remaining -= piece.length;
      yield piece;
    }
  }
}
