import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { wasmModule, type WasmAeadExports } from '../../../electron/core/share/age/wasm-aead';

/**
 * Our WebAssembly Poly1305 (26-bit limbs, a two-lane SIMD path for pairs of blocks) against the
 * edge cases that broke other limb implementations (RFC 8439 appendix A.3, the ones made of
 * whole blocks) and against Poly1305 written with big integers, where no limb can overflow.
 */
type PolyExports = WasmAeadExports & { poly1305_test(len: number, twoLane: number): number };
const WA = (globalThis as unknown as { WebAssembly: { Instance: new (m: object, i: object) => { exports: unknown } } }).WebAssembly;
const wasm = new WA.Instance(wasmModule(), {}).exports as PolyExports;

function wasmPoly(key: Buffer, msg: Buffer, twoLane: boolean): string {
  const mem = new Uint8Array(wasm.memory.buffer);
  mem.set(key, wasm.key_ptr());
  mem.set(msg, wasm.in_ptr());
  expect(wasm.poly1305_test(msg.length, twoLane ? 1 : 0)).toBe(16);
  return Buffer.from(mem.subarray(wasm.out_ptr(), wasm.out_ptr() + 16)).toString('hex');
}

const le = (b: Buffer): bigint => BigInt('0x' + (Buffer.from(b).reverse().toString('hex') || '0'));
function referencePoly(key: Buffer, msg: Buffer): string {
  const p = (1n << 130n) - 5n;
  const r = le(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
  const s = le(key.subarray(16, 32));
  let h = 0n;
  for (let i = 0; i < msg.length; i += 16) h = ((h + le(msg.subarray(i, i + 16)) + (1n << 128n)) * r) % p;
  const tag = (h + s) & ((1n << 128n) - 1n);
  return Buffer.from(tag.toString(16).padStart(32, '0'), 'hex').reverse().toString('hex');
}

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s/g, ''), 'hex');
const rep = (byte: string, n: number): string => byte.repeat(n);
const key = (r: string, s: string): Buffer => hex(r.padEnd(32, '0') + s.padEnd(32, '0'));

// RFC 8439 A.3, test vectors #1 and #5-#11 (those whose message is whole 16-byte blocks).
const RFC_A3: { n: number; key: Buffer; msg: Buffer; tag: string }[] = [
  { n: 1, key: key('', ''), msg: hex(rep('00', 64)), tag: rep('00', 16) },
  { n: 5, key: key('02', ''), msg: hex(rep('ff', 16)), tag: '03' + rep('00', 15) },
  { n: 6, key: key('02', rep('ff', 16)), msg: hex('02' + rep('00', 15)), tag: '03' + rep('00', 15) },
  { n: 7, key: key('01', ''), msg: hex(rep('ff', 16) + 'f0' + rep('ff', 15) + '11' + rep('00', 15)), tag: '05' + rep('00', 15) },
  { n: 8, key: key('01', ''), msg: hex(rep('ff', 16) + 'fb' + rep('fe', 15) + rep('01', 16)), tag: rep('00', 16) },
  { n: 9, key: key('02', ''), msg: hex('fd' + rep('ff', 15)), tag: 'fa' + rep('ff', 15) },
  {
    n: 10,
    key: key('01' + rep('00', 7) + '04', ''),
    msg: hex('e33594d7505e43b9' + rep('00', 8) + '3394d7505e4379cd01' + rep('00', 7) + rep('00', 16) + '01' + rep('00', 15)),
    tag: '14' + rep('00', 7) + '55' + rep('00', 7),
  },
  { n: 11, key: key('01' + rep('00', 7) + '04', ''), msg: hex('e33594d7505e43b9' + rep('00', 8) + '3394d7505e4379cd01' + rep('00', 7) + rep('00', 16)), tag: '13' + rep('00', 15) },
];

describe('Poly1305 in WebAssembly', () => {
  for (const v of RFC_A3) {
    it(`RFC 8439 A.3 #${v.n}: both paths give the published tag (and so does the big-integer reference)`, () => {
      expect(referencePoly(v.key, v.msg)).toBe(v.tag);
      expect(wasmPoly(v.key, v.msg, false)).toBe(v.tag);
      expect(wasmPoly(v.key, v.msg, true)).toBe(v.tag);
    });
  }

  it('agrees with big integers where limbs are fullest: largest r, all-ones blocks, every length up to 64 blocks', () => {
    const maxR = Buffer.alloc(32, 0xff);
    for (let blocks = 1; blocks <= 64; blocks++) {
      for (const fill of [0xff, 0xfe, 0x00]) {
        const msg = Buffer.alloc(16 * blocks, fill);
        const want = referencePoly(maxR, msg);
        expect(wasmPoly(maxR, msg, false), `${blocks} blocks of ${fill}`).toBe(want);
        expect(wasmPoly(maxR, msg, true), `${blocks} blocks of ${fill}, two lanes`).toBe(want);
      }
    }
  });

  it('agrees with big integers on 2,000 random keys and messages, mixed with all-ones runs', () => {
    for (let i = 0; i < 2000; i++) {
      const k = randomBytes(32);
      if (i % 3 === 0) k.fill(0xff, 0, 16);
      const msg = randomBytes(16 * (1 + (i % 40)));
      if (i % 2 === 0) msg.fill(0xff, 0, msg.length >> 1);
      const want = referencePoly(k, msg);
      expect(wasmPoly(k, msg, false)).toBe(want);
      expect(wasmPoly(k, msg, true)).toBe(want);
    }
  });
});
