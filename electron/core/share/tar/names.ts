import { ShareError } from '../errors';

/** Longest entry name accepted; longer than any name Kluis writes, short enough for every file system. */
export const MAX_NAME = 1024;

/**
 * A relative path of plain components: no absolute names, no "..", no backslashes or
 * control characters, so an entry can never land outside the folder it is read into.
 */
export function checkName(name: string): string {
  const why = problemOf(name);
  if (why) throw new ShareError('UNSAFE_NAME', `The package holds an entry named "${name.slice(0, 80)}", which ${why}. Kluis refuses such packages; ask the sender to make it again with Kluis.`);
  return name;
}

function problemOf(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (Buffer.byteLength(name) > MAX_NAME) return `is longer than ${MAX_NAME} bytes`;
  if (name.startsWith('/')) return 'is an absolute path';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f\\]/.test(name)) return 'contains a control character or a backslash';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return 'climbs out of its folder with ".."';
  if (parts.some((p, i) => (p === '' && i < parts.length - 1) || p === '.')) return 'has an empty or "." component';
  return undefined;
}
