import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { decryptAge, type Identity } from '../age';
import { ShareError } from '../errors';
import { MANIFEST_FILE } from '../manifest';
import { readTar } from '../tar';

/**
 * Reads a written package back with the sender's own key and checks every entry against what was
 * meant to go in (name, size, SHA-256), storing nothing. A handover deletes the sender's copies
 * only after this passed: the package is then the one copy there is.
 */
export async function verifyPackageFile(path: string, identity: Identity, manifest: Buffer, expected: Map<string, { size: number; sha256: string }>): Promise<void> {
  const seen = new Set<string>();
  const source = createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>;
  let first = true;
  for await (const e of readTar(decryptAge([identity], source))) {
    const hash = createHash('sha256');
    let size = 0;
    for await (const c of e.body) {
      hash.update(c);
      size += c.length;
    }
    const digest = hash.digest('hex');
    if (first) {
      first = false;
      if (e.name !== MANIFEST_FILE || digest !== createHash('sha256').update(manifest).digest('hex')) throw unverified(path, 'its manifest is not the one written');
      continue;
    }
    const want = expected.get(e.name);
    if (!want || seen.has(e.name)) throw unverified(path, `it holds ${e.name}, which was not meant to be in it`);
    if (size !== want.size || digest !== want.sha256) throw unverified(path, `${e.name} does not match the vault's copy`);
    seen.add(e.name);
  }
  const missing = [...expected.keys()].filter((n) => !seen.has(n));
  if (first || missing.length > 0) throw unverified(path, `it lacks ${first ? MANIFEST_FILE : missing.join(', ')}`);
}

const unverified = (path: string, why: string) =>
  new ShareError('CHECKSUM_MISMATCH', `The package written to ${path} did not read back correctly (${why}); nothing was deleted from your vault. Check the medium and try again.`);
