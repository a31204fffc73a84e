import { randomBytes } from 'node:crypto';
import { ShareError } from '../errors';
import { encodeHeader } from './header';
import { encryptPayload } from './payload';
import { wrapScrypt } from './scrypt';
import type { Stanza } from './stanza';
import { parseRecipient, wrapX25519 } from './x25519';

export type Recipient = { type: 'x25519'; publicKey: string } | { type: 'scrypt'; passphrase: string; workFactor?: number };

function checkRecipients(recipients: Recipient[]): void {
  if (recipients.length === 0) throw new ShareError('BAD_RECIPIENT', 'A package needs a recipient: a share key (age1...) or a passphrase.');
  // age forbids a passphrase next to anything else: it would no longer prove who made the file.
  if (recipients.some((r) => r.type === 'scrypt') && recipients.length > 1) {
    throw new ShareError('BAD_RECIPIENT', 'A package protected by a passphrase can have no other recipient. Choose either one passphrase or share keys.');
  }
}

async function stanzaFor(r: Recipient, fileKey: Buffer): Promise<Stanza> {
  return r.type === 'x25519' ? wrapX25519(fileKey, parseRecipient(r.publicKey)) : wrapScrypt(fileKey, r.passphrase, r.workFactor);
}

/** An age v1 file (docs/share-package.md) of `plaintext`, streamed in 64 KiB chunks. */
export async function* encryptAge(recipients: Recipient[], plaintext: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  checkRecipients(recipients);
  const fileKey = randomBytes(16);
  try {
    const stanzas: Stanza[] = [];
    for (const r of recipients) stanzas.push(await stanzaFor(r, fileKey));
    yield encodeHeader(stanzas, fileKey);
    yield* encryptPayload(fileKey, plaintext);
  } finally {
    fileKey.fill(0);
  }
}
