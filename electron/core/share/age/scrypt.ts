import { randomBytes, scrypt } from 'node:crypto';
import { ShareError } from '../errors';
import { aead } from './aead';
import { b64, unb64 } from './base64';
import { FILE_KEY_SIZE, ZERO_NONCE, type Stanza } from './stanza';

const LABEL = 'age-encryption.org/v1/scrypt';
/** age's own default: about a second on a laptop, 256 MiB of memory. */
export const DEFAULT_WORK_FACTOR = 18;
/** Above this a package could keep a laptop busy for minutes; age itself stops at 22 too. */
export const MAX_WORK_FACTOR = 22;

function wrapKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, Buffer.concat([Buffer.from(LABEL), salt]), 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function wrapScrypt(fileKey: Buffer, passphrase: string, workFactor = DEFAULT_WORK_FACTOR): Promise<Stanza> {
  if (passphrase.length === 0) throw new ShareError('BAD_KEY', 'The passphrase is empty. Choose a passphrase to protect the package.');
  if (!Number.isInteger(workFactor) || workFactor < 1 || workFactor > MAX_WORK_FACTOR) {
    throw new ShareError('BAD_KEY', `The scrypt work factor must be a whole number from 1 to ${MAX_WORK_FACTOR}, not ${workFactor}.`);
  }
  const salt = randomBytes(16);
  const key = await wrapKey(passphrase, salt, workFactor);
  return { args: ['scrypt', b64(salt), String(workFactor)], body: aead(key).seal(ZERO_NONCE, fileKey) };
}

/** The file key; a wrong passphrase throws WRONG_PASSPHRASE. */
export async function unwrapScrypt(stanza: Stanza, passphrase: string, maxWorkFactor = MAX_WORK_FACTOR): Promise<Buffer> {
  const [, saltText, wfText] = stanza.args;
  const salt = stanza.args.length === 3 ? unb64(saltText!) : undefined;
  if (!salt || salt.length !== 16 || !/^[1-9][0-9]*$/.test(wfText!) || stanza.body.length !== FILE_KEY_SIZE + 16) {
    throw new ShareError('DAMAGED', 'The package header has a malformed scrypt stanza: the file is damaged. Ask the sender to send it again.');
  }
  const workFactor = Number(wfText);
  if (workFactor > maxWorkFactor) {
    throw new ShareError('WORK_FACTOR_TOO_HIGH', `The package asks for a passphrase work factor of ${workFactor}, above the limit of ${maxWorkFactor}; opening it could take minutes. Ask the sender to make it again with Kluis or plain age.`);
  }
  const fileKey = aead(await wrapKey(passphrase, salt, workFactor)).open(ZERO_NONCE, stanza.body);
  if (!fileKey) throw new ShareError('WRONG_PASSPHRASE', 'The passphrase is wrong. Check it with the sender (by phone, not by e-mail) and try again.');
  return fileKey;
}
