import { ShareError } from '../errors';
import { BLOCK, MAX_USTAR_SIZE, ustarHeader } from './header';
import { checkName } from './names';
import { paxRecord } from './pax';

export interface TarEntry {
  name: string;
  size: number;
  body: AsyncIterable<Buffer>;
}

const ZEROS = Buffer.alloc(2 * BLOCK);
const padding = (size: number): Buffer => ZEROS.subarray(0, (BLOCK - (size % BLOCK)) % BLOCK);

/** Splits a name over ustar's prefix and name fields, if it fits them at all. */
function ustarName(name: string): { name: string; prefix?: string } | undefined {
  if (Buffer.byteLength(name) <= 100) return { name };
  for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest) return { name: rest, prefix };
  }
  return undefined;
}

function headersFor(e: TarEntry, mtime: number): Buffer[] {
  checkName(e.name);
  if (!Number.isSafeInteger(e.size) || e.size < 0) throw new ShareError('TOO_LARGE', `The entry ${e.name} has an impossible size (${e.size}).`);
  const fits = ustarName(e.name);
  const pax = [fits ? '' : paxRecord('path', e.name), e.size > MAX_USTAR_SIZE ? paxRecord('size', String(e.size)) : ''].join('');
  const main = ustarHeader({ ...(fits ?? { name: e.name.slice(0, 100) }), size: Math.min(e.size, MAX_USTAR_SIZE), typeflag: '0', mtime });
  if (!pax) return [main];
  const body = Buffer.from(pax);
  const paxHeader = ustarHeader({ name: `PaxHeaders/${e.name.split('/').pop()!.slice(0, 80)}`, size: body.length, typeflag: 'x', mtime });
  return [paxHeader, body, padding(body.length), main];
}

async function* entryBody(e: TarEntry): AsyncGenerator<Buffer> {
  let written = 0;
  for await (const chunk of e.body) {
    written += chunk.length;
    if (written > e.size) break;
    yield chunk;
  }
  if (written !== e.size) throw new ShareError('BAD_TAR', `The entry ${e.name} gave ${written > e.size ? 'more' : 'fewer'} bytes than its size of ${e.size}; the file changed while the package was written.`);
}

/** A POSIX ustar archive (pax records only where ustar cannot say it), streamed entry by entry. */
export async function* writeTar(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>, opts: { mtime?: Date } = {}): AsyncGenerator<Buffer> {
  const mtime = Math.floor((opts.mtime ?? new Date()).getTime() / 1000);
  for await (const e of entries) {
    yield* headersFor(e, mtime);
    yield* entryBody(e);
    const pad = padding(e.size);
    if (pad.length) yield pad;
  }
  yield ZEROS;
}
