import { ShareError } from '../errors';
import { readHeader, verifyHeaderMac } from './header';
import { decryptPayload } from './payload';
import { ByteReader } from './reader';
import { unwrapScrypt } from './scrypt';
import type { Stanza } from './stanza';
import { unwrapX25519, x25519Identity } from './x25519';

export type Identity = { type: 'x25519'; secretKey: string } | { type: 'scrypt'; passphrase: string; maxWorkFactor?: number };

async function scryptFileKey(stanzas: Stanza[], identities: Identity[]): Promise<Buffer> {
  if (stanzas.length > 1) throw new ShareError('DAMAGED', 'The package header mixes a passphrase with other recipients, which age forbids. Ask the sender to make it again.');
  const passphrases = identities.filter((i) => i.type === 'scrypt');
  if (passphrases.length === 0) throw new ShareError('NO_MATCHING_KEY', 'This package is protected by a passphrase, not a share key. Enter the passphrase the sender gave you.');
  let wrong: unknown;
  for (const p of passphrases) {
    try {
      return await unwrapScrypt(stanzas[0]!, p.passphrase, p.maxWorkFactor);
    } catch (e) {
      if (!(e instanceof ShareError && e.code === 'WRONG_PASSPHRASE')) throw e;
      wrong = e;
    }
  }
  throw wrong;
}

function x25519FileKey(stanzas: Stanza[], identities: Identity[]): Buffer {
  const ours = stanzas.filter((s) => s.args[0] === 'X25519');
  if (ours.length === 0) {
    const types = [...new Set(stanzas.map((s) => s.args[0]))].join(', ');
    throw new ShareError('UNSUPPORTED', `This package was encrypted for a kind of key Kluis does not use (${types}). Open it with the age tool and the plugin that made it.`);
  }
  const keys = identities.flatMap((i) => (i.type === 'x25519' ? [x25519Identity(i.secretKey)] : []));
  if (keys.length === 0) throw new ShareError('NO_MATCHING_KEY', 'This package was made for share keys, not a passphrase. Open it in the Kluis whose share key the sender used.');
  for (const s of ours) {
    for (const k of keys) {
      const fileKey = unwrapX25519(s, k);
      if (fileKey) return fileKey;
    }
  }
  throw new ShareError('NO_MATCHING_KEY', 'This package was not made for your share key. Ask the sender to make it for the share key your Kluis shows.');
}

/** The plaintext of an age v1 file; each chunk is released only after its tag verified. */
export async function* decryptAge(identities: Identity[], ciphertext: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const r = new ByteReader(ciphertext);
  try {
    const header = await readHeader(r);
    const isScrypt = header.stanzas.some((s) => s.args[0] === 'scrypt');
    const fileKey = isScrypt ? await scryptFileKey(header.stanzas, identities) : x25519FileKey(header.stanzas, identities);
    try {
      verifyHeaderMac(header, fileKey);
      yield* decryptPayload(fileKey, r);
    } finally {
      fileKey.fill(0);
    }
  } finally {
    await r.close();
  }
}
