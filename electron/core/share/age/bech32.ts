import { ShareError } from '../errors';

// BIP 173 Bech32, without its 90-character limit (the age spec lifts it).
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!;
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

function convertBits(data: Iterable<number>, from: number, to: number, pad: boolean): number[] | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (const v of data) {
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >>> bits) & maxv);
    }
  }
  if (pad && bits > 0) out.push((acc << (to - bits)) & maxv);
  if (!pad && (bits >= from || ((acc << (to - bits)) & maxv) !== 0)) return undefined;
  return out;
}

export function bech32Encode(hrp: string, data: Uint8Array): string {
  const lower = hrp.toLowerCase();
  const words = convertBits(data, 8, 5, true)!;
  const mod = polymod([...hrpExpand(lower), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  const text = `${lower}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
  return hrp === lower ? text : text.toUpperCase();
}

/** Decodes and checks a Bech32 string; `what` names the thing for the error ("share key"). */
export function bech32Decode(text: string, what: string): { hrp: string; data: Buffer } {
  const bad = (why: string) => new ShareError('BAD_KEY', `This ${what} is not valid (${why}). Copy it again in full, without spaces or line breaks.`);
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) throw bad('it mixes upper and lower case');
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length) throw bad('it has no Bech32 separator');
  const hrp = lower.slice(0, sep);
  const words: number[] = [];
  for (const c of lower.slice(sep + 1)) {
    const w = CHARSET.indexOf(c);
    if (w < 0) throw bad(`it contains "${c}"`);
    words.push(w);
  }
  if (polymod([...hrpExpand(hrp), ...words]) !== 1) throw bad('its checksum does not match: a character is wrong or missing');
  const bytes = convertBits(words.slice(0, -6), 5, 8, false);
  if (!bytes) throw bad('its padding is wrong');
  return { hrp, data: Buffer.from(bytes) };
}
