/** For the manifest tests: a valid share key, and the sentence parseManifest gives for a manifest ('valid' if none). */
import { isShareError, parseManifest } from '../../electron/core/share';

export const KEY = 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq';

export function problem(m: unknown): string {
  try {
    parseManifest(Buffer.from(JSON.stringify(m)));
  } catch (e) {
    if (isShareError(e, 'MANIFEST_INVALID')) return e.message;
    throw e;
  }
  return 'valid';
}
