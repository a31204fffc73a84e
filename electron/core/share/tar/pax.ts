import { ShareError } from '../errors';

/** A pax extended header is small; anything larger is not one Kluis or GNU tar made. */
export const MAX_PAX = 64 * 1024;

/** "<length> <key>=<value>\n", where length counts the whole record including itself. */
export function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(rest) + 1;
  while (String(len).length + Buffer.byteLength(rest) !== len) len = String(len).length + Buffer.byteLength(rest);
  return `${len}${rest}`;
}

export function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break; // some writers pad the body with NULs
    const space = data.indexOf(0x20, pos);
    const len = Number(data.toString('latin1', pos, space));
    if (space < 0 || !Number.isSafeInteger(len) || len <= 0 || pos + len > data.length || data[pos + len - 1] !== 0x0a) {
      throw new ShareError('BAD_TAR', "The package's content has a malformed pax header. Ask the sender to make it again with Kluis.");
    }
    const record = data.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}
