import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VaultError } from './errors';
import { replaceAtomically } from './fs-durable';
import type { KdfParams } from './kdf';
import { equalBytes, headerMacKey, hmac, type SlotType, type WrappedSlot } from './keys';

export const HEADER_FILE = 'kluis-vault.json';
export const FORMAT_VERSION = 1;

export interface VaultHeader {
  format: 'kluis-vault';
  version: number;
  vaultId: string;
  createdAt: string;
  kdf: KdfParams;
  slots: WrappedSlot[];
  mac: string;
  checksum: string;
}

type Unsealed = Omit<VaultHeader, 'mac' | 'checksum'>;

/** The JSON the mac covers: fixed key order, so that it does not depend on how the file was written. */
function canonical(h: Unsealed): string {
  return JSON.stringify({
    format: h.format,
    version: h.version,
    vaultId: h.vaultId,
    createdAt: h.createdAt,
    kdf: { alg: h.kdf.alg, memoryKiB: h.kdf.memoryKiB, iterations: h.kdf.iterations, parallelism: h.kdf.parallelism, salt: h.kdf.salt },
    slots: h.slots.map((s) => ({ type: s.type, nonce: s.nonce, wrapped: s.wrapped })),
  });
}

function checksumOf(h: Unsealed, mac: string): string {
  return createHash('sha256').update(canonical(h)).update(mac).digest('hex');
}

export function sealHeader(h: Unsealed, mk: Buffer): VaultHeader {
  const mac = hmac(headerMacKey(mk, h.vaultId), canonical(h)).toString('base64');
  return { ...h, mac, checksum: checksumOf(h, mac) };
}

export function headerMacMatches(h: VaultHeader, mk: Buffer): boolean {
  const expected = hmac(headerMacKey(mk, h.vaultId), canonical(h));
  return equalBytes(expected, Buffer.from(h.mac, 'base64'));
}

export function slotOf(h: VaultHeader, type: SlotType): WrappedSlot {
  const slot = h.slots.find((s) => s.type === type);
  if (!slot) throw new VaultError('HEADER_DAMAGED', `The vault header has no ${type} slot; it is damaged.`);
  return slot;
}

const damaged = (dir: string, why: string): VaultError =>
  new VaultError('HEADER_DAMAGED', `The vault header ${join(dir, HEADER_FILE)} is damaged (${why}). Restore it from a backup of the vault folder.`);

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function checksumAsV1Matches(h: Partial<VaultHeader>): boolean {
  try {
    return checksumOf({ ...h, version: FORMAT_VERSION } as Unsealed, String(h.mac)) === h.checksum;
  } catch {
    return false;
  }
}

function parseShape(raw: unknown, dir: string): VaultHeader {
  const h = raw as Partial<VaultHeader> | null;
  if (!h || typeof h !== 'object' || h.format !== 'kluis-vault') throw damaged(dir, 'not a Kluis header');
  if (typeof h.version !== 'number') throw damaged(dir, 'no version');
  if (h.version > FORMAT_VERSION) {
    // One flipped bit turns version 1 into 3, 5 or 9: a header that still carries a valid v1
    // checksum once read as version 1 is damaged, not made by a newer Kluis.
    if (checksumAsV1Matches(h)) throw damaged(dir, 'checksum mismatch');
    throw new VaultError('NEWER_FORMAT', `This vault was made by a newer Kluis (format ${h.version}); update Kluis to open it.`);
  }
  const k = h.kdf;
  const shapeOk =
    isString(h.vaultId) && isString(h.createdAt) && isString(h.mac) && isString(h.checksum) &&
    k && k.alg === 'argon2id' && Number.isInteger(k.memoryKiB) && Number.isInteger(k.iterations) &&
    Number.isInteger(k.parallelism) && isString(k.salt) && Array.isArray(h.slots) &&
    h.slots.every((s) => s && (s.type === 'password' || s.type === 'recovery') && isString(s.nonce) && isString(s.wrapped));
  if (!shapeOk) throw damaged(dir, 'fields missing or of the wrong kind');
  return h as VaultHeader;
}

/** Reads and checks the header without any key: a damaged header is told apart from a wrong password. */
export async function readHeader(dir: string): Promise<VaultHeader> {
  let text: string;
  try {
    text = await readFile(join(dir, HEADER_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new VaultError('NOT_A_VAULT', `${dir} is not a Kluis vault (no ${HEADER_FILE}). Check the path, or create a vault with "kluis init".`);
    }
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw damaged(dir, 'not valid JSON');
  }
  const h = parseShape(raw, dir);
  if (checksumOf(h, h.mac) !== h.checksum) throw damaged(dir, 'checksum mismatch');
  return h;
}

export async function writeHeader(dir: string, h: VaultHeader): Promise<void> {
  const temp = join(dir, 'staging', `header-${randomBytes(8).toString('hex')}.json`);
  await replaceAtomically(join(dir, HEADER_FILE), temp, JSON.stringify(h, null, 2) + '\n');
}
