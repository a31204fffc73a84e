import { createPrivateKey, createPublicKey, diffieHellman, randomBytes, type KeyObject } from 'node:crypto';
import { ShareError } from '../errors';
import { aead } from './aead';
import { b64, unb64 } from './base64';
import { bech32Decode, bech32Encode } from './bech32';
import { hkdf } from './kdf';
import { FILE_KEY_SIZE, ZERO_NONCE, type Stanza } from './stanza';

const INFO = 'age-encryption.org/v1/X25519';
const SECRET_HRP = 'AGE-SECRET-KEY-';
const PUBLIC_HRP = 'age';
// DER wrappers of a raw X25519 key (RFC 8410), so node:crypto takes the 32 bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

const privateKey = (raw: Uint8Array): KeyObject => createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
const publicKey = (raw: Uint8Array): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
const rawPublic = (key: KeyObject): Buffer => key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);

function parseSecret(secretKey: string): Buffer {
  const { hrp, data } = bech32Decode(secretKey.trim(), 'secret share key');
  if (hrp !== SECRET_HRP.toLowerCase() || data.length !== 32) {
    throw new ShareError('BAD_KEY', 'This is not an age secret key (it should start with AGE-SECRET-KEY-1). Use the share key Kluis made for this vault.');
  }
  return data;
}

/** The raw 32 bytes of an `age1...` public key. */
export function parseRecipient(text: string): Buffer {
  const { hrp, data } = bech32Decode(text.trim(), 'share key');
  if (hrp !== PUBLIC_HRP || data.length !== 32) {
    throw new ShareError('BAD_RECIPIENT', `"${text.slice(0, 20)}..." is not an age share key (it should start with age1). Ask the recipient for the share key Kluis shows them.`);
  }
  return data;
}

export function generateIdentity(): { secretKey: string; publicKey: string } {
  const raw = randomBytes(32);
  const secretKey = bech32Encode(SECRET_HRP, raw);
  raw.fill(0);
  return { secretKey, publicKey: publicKeyOf(secretKey) };
}

export function publicKeyOf(secretKey: string): string {
  const raw = parseSecret(secretKey);
  const pub = rawPublic(createPublicKey(privateKey(raw)));
  raw.fill(0);
  return bech32Encode(PUBLIC_HRP, pub);
}

export function wrapX25519(fileKey: Buffer, recipient: Buffer): Stanza {
  const ephemeral = privateKey(randomBytes(32));
  const share = rawPublic(createPublicKey(ephemeral));
  const secret = diffieHellman({ privateKey: ephemeral, publicKey: publicKey(recipient) });
  const wrapKey = hkdf(secret, Buffer.concat([share, recipient]), INFO);
  return { args: ['X25519', b64(share)], body: aead(wrapKey).seal(ZERO_NONCE, fileKey) };
}

/** Node's key object of an identity; the public part is needed for the HKDF salt. */
export function x25519Identity(secretKey: string): { key: KeyObject; recipient: Buffer } {
  const raw = parseSecret(secretKey);
  const key = privateKey(raw);
  raw.fill(0);
  return { key, recipient: rawPublic(createPublicKey(key)) };
}

/** The file key, or undefined when the stanza was made for another key. */
export function unwrapX25519(stanza: Stanza, id: { key: KeyObject; recipient: Buffer }): Buffer | undefined {
  const share = stanza.args.length === 2 ? unb64(stanza.args[1]!) : undefined;
  if (!share || share.length !== 32 || stanza.body.length !== FILE_KEY_SIZE + 16) {
    throw new ShareError('DAMAGED', 'The package header has a malformed X25519 stanza: the file is damaged. Ask the sender to send it again.');
  }
  let secret: Buffer;
  try {
    secret = diffieHellman({ privateKey: id.key, publicKey: publicKey(share) });
  } catch {
    return undefined; // OpenSSL refuses a low-order share (an all-zero secret), as the spec demands
  }
  if (secret.every((b) => b === 0)) return undefined;
  const wrapKey = hkdf(secret, Buffer.concat([share, id.recipient]), INFO);
  return aead(wrapKey).open(ZERO_NONCE, stanza.body);
}
