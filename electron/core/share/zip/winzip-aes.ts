import { createHmac, pbkdf2, randomBytes, type Hmac } from 'node:crypto';
import { promisify } from 'node:util';
import { WinZipCtr } from './aes-ctr';

/** AES-256 (strength 3) in WinZip's AE-2 (docs/encrypted-zip.md, section 4). */
export const SALT_BYTES = 16;
export const VERIFIER_BYTES = 2;
export const AUTH_BYTES = 10;
/** What encryption adds to an entry's data: salt, verifier and auth code. */
export const OVERHEAD = SALT_BYTES + VERIFIER_BYTES + AUTH_BYTES;
const KEY_BYTES = 32;
const ITERATIONS = 1000;

const pbkdf2Async = promisify(pbkdf2);

export interface EntryKeys {
  encKey: Buffer;
  macKey: Buffer;
  verifier: Buffer;
}

export async function deriveKeys(password: string, salt: Uint8Array): Promise<EntryKeys> {
  const dk = await pbkdf2Async(Buffer.from(password, 'utf8'), salt, ITERATIONS, 2 * KEY_BYTES + VERIFIER_BYTES, 'sha1');
  return { encKey: dk.subarray(0, KEY_BYTES), macKey: dk.subarray(KEY_BYTES, 2 * KEY_BYTES), verifier: dk.subarray(2 * KEY_BYTES) };
}

/**
 * One entry's encryption: `start()` gives the salt and verifier that precede the data, `seal()`
 * encrypts a piece in place and MACs the ciphertext, `end()` gives the auth code that follows.
 */
export class EntrySealer {
  private constructor(
    private readonly ctr: WinZipCtr,
    private readonly mac: Hmac,
    readonly prefix: Buffer,
  ) {}

  static async start(password: string): Promise<EntrySealer> {
    const salt = randomBytes(SALT_BYTES);
    const keys = await deriveKeys(password, salt);
    const sealer = new EntrySealer(new WinZipCtr(keys.encKey), createHmac('sha1', keys.macKey), Buffer.concat([salt, keys.verifier]));
    keys.encKey.fill(0);
    keys.macKey.fill(0);
    return sealer;
  }

  seal(piece: Uint8Array): void {
    this.ctr.apply(piece);
    this.mac.update(piece);
  }

  end(): Buffer {
    return this.mac.digest().subarray(0, AUTH_BYTES);
  }
}
