import { ShareError } from '../errors';

/** Longest name accepted, as for tar: longer than any name Kluis writes, short enough for every file system. */
export const MAX_NAME = 1024;

/**
 * Checks every name before a byte is written (docs/encrypted-zip.md, section 6) and returns
 * them as UTF-8. The names are what an unzip tool creates on someone else's computer, so none
 * may land outside the folder it is unpacked into, and no two may become one file there.
 */
export function encodeNames(names: string[]): Buffer[] {
  const seen = new Map<string, string>();
  const folders = new Map<string, string>();
  for (const name of names) {
    const why = problemOf(name);
    if (why) throw unsafe(name, why);
    // Windows and macOS unpack "A.mp4" and "a.mp4", or NFC and NFD "é", onto one file.
    const key = name.normalize('NFC').toLowerCase();
    const twin = seen.get(key);
    if (twin !== undefined) throw unsafe(name, twin === name ? 'is given twice' : `would unpack onto the same file as "${twin}"`);
    seen.set(key, name);
    for (let i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) folders.set(key.slice(0, i), name);
  }
  for (const [key, name] of seen) {
    const other = folders.get(key);
    if (other !== undefined) throw unsafe(name, `is also a folder of "${other}"`);
  }
  return names.map((n) => Buffer.from(n, 'utf8'));
}

const unsafe = (name: string, why: string) =>
  new ShareError('UNSAFE_NAME', `The zip entry ${JSON.stringify(name.slice(0, 80))} ${why}. Give each file a relative name of plain folder and file names, once.`);

function problemOf(name: string): string | undefined {
  if (name.length === 0) return 'has an empty name';
  if (Buffer.byteLength(name) > MAX_NAME) return `is longer than ${MAX_NAME} bytes`;
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(name)) return 'contains a control character';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(name)) return 'is not valid Unicode (a lone surrogate)';
  if (name.includes('\\')) return 'contains a backslash, which Windows tools treat as a folder separator';
  if (name.endsWith('/')) return 'ends in "/" (folders come from the names of the files in them)';
  const parts = name.split('/');
  if (parts.includes('..')) return 'climbs out of its folder with ".."';
  if (parts.some((p) => p === '' || p === '.')) return 'has an empty or "." folder';
  return undefined;
}
