import { timingSafeEqual } from 'node:crypto';
import { ShareError } from '../errors';
import { b64, unb64 } from './base64';
import { hkdf, hmac } from './kdf';
import type { ByteReader } from './reader';
import type { Stanza } from './stanza';

const VERSION = 'age-encryption.org/v1';
const ARMOR = '-----BEGIN AGE ENCRYPTED FILE-----';
const COLUMNS = 64;
const MAX_LINE = 16 * 1024; // a post-quantum stanza's argument is about 1,500 characters
const MAX_STANZAS = 256;

export interface Header {
  stanzas: Stanza[];
  /** The header bytes up to and including "---", which the MAC covers. */
  macInput: Buffer;
  mac: Buffer;
}

const damaged = (why: string) => new ShareError('DAMAGED', `The package header is damaged (${why}). Ask the sender to send the package again.`);
const truncated = () => new ShareError('TRUNCATED', 'The package is empty or ends inside its header: the file is incomplete. Copy or download it again.');

function encodeStanza(s: Stanza): string {
  const body = b64(s.body);
  const lines: string[] = [];
  for (let i = 0; i <= body.length; i += COLUMNS) lines.push(body.slice(i, i + COLUMNS));
  return `-> ${s.args.join(' ')}\n${lines.join('\n')}\n`;
}

export function headerMac(fileKey: Buffer, macInput: Buffer): Buffer {
  return hmac(hkdf(fileKey, Buffer.alloc(0), 'header'), macInput);
}

export function encodeHeader(stanzas: Stanza[], fileKey: Buffer): Buffer {
  const macInput = Buffer.from(`${VERSION}\n${stanzas.map(encodeStanza).join('')}---`);
  return Buffer.concat([macInput, Buffer.from(` ${b64(headerMac(fileKey, macInput))}\n`)]);
}

export function verifyHeaderMac(header: Header, fileKey: Buffer): void {
  const mac = headerMac(fileKey, header.macInput);
  if (header.mac.length !== mac.length || !timingSafeEqual(mac, header.mac)) throw damaged('its MAC does not match');
}

async function versionLine(r: ByteReader): Promise<void> {
  const line = await r.line(MAX_LINE);
  const text = (line ?? r.take(r.buffered)).toString('latin1');
  if (line && text === VERSION) return;
  if (text.startsWith(ARMOR)) {
    throw new ShareError('UNSUPPORTED', 'This package is ASCII-armored age ("-----BEGIN AGE ENCRYPTED FILE-----"). Kluis opens binary packages only: decrypt it with "age -d", or ask for the .age file as Kluis wrote it.');
  }
  if (line && text.startsWith('age-encryption.org/')) {
    throw new ShareError('UNSUPPORTED', `This package uses age format "${text.slice(19, 40)}", which this Kluis does not know. Update Kluis.`);
  }
  if (!line && `${VERSION}\n`.startsWith(text)) throw truncated();
  throw new ShareError('NOT_AGE', 'This file is not a Kluis share package (it is not an age-encrypted file). Choose the .age file you received.');
}

async function stanzaBody(r: ByteReader, raw: Buffer[]): Promise<Buffer> {
  const parts: string[] = [];
  for (;;) {
    const line = await r.line(COLUMNS + 1);
    if (!line) throw r.buffered > COLUMNS ? damaged('a stanza line is too long') : truncated();
    raw.push(line, Buffer.from('\n'));
    const text = line.toString('latin1');
    if (!/^[A-Za-z0-9+/]*$/.test(text)) throw damaged('a stanza body is not base64');
    parts.push(text);
    if (text.length < COLUMNS) break;
  }
  const body = unb64(parts.join(''));
  if (!body) throw damaged('a stanza body is not canonical base64');
  return body;
}

/** Reads and checks the header's syntax; the MAC is checked once the file key is known. */
export async function readHeader(r: ByteReader): Promise<Header> {
  await versionLine(r);
  const raw: Buffer[] = [Buffer.from(`${VERSION}\n`)];
  const stanzas: Stanza[] = [];
  for (;;) {
    const line = await r.line(MAX_LINE);
    if (!line) throw r.buffered >= MAX_LINE ? damaged('a line is too long') : truncated();
    const text = line.toString('latin1');
    if (text.startsWith('---')) {
      const mac = /^--- ([A-Za-z0-9+/]{43})$/.exec(text);
      const macBytes = mac && unb64(mac[1]!);
      if (!macBytes) throw damaged('the MAC line is malformed');
      if (stanzas.length === 0) throw damaged('it has no recipient stanza');
      raw.push(Buffer.from('---'));
      return { stanzas, macInput: Buffer.concat(raw), mac: macBytes };
    }
    if (!text.startsWith('-> ')) throw damaged(`line "${text.slice(0, 20)}" is neither a stanza nor the MAC`);
    const args = text.slice(3).split(' ');
    if (args.some((a) => !/^[\x21-\x7e]+$/.test(a))) throw damaged('a stanza has an empty or non-printable argument');
    if (stanzas.length >= MAX_STANZAS) throw damaged('it has too many stanzas');
    raw.push(line, Buffer.from('\n'));
    stanzas.push({ args, body: await stanzaBody(r, raw) });
  }
}
