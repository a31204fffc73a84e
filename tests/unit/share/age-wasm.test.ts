/**
 * The WebAssembly ChaCha20-Poly1305 and the payload workers: Electron's path (its BoringSSL has no
 * chacha20-poly1305). The AEAD is checked byte for byte against OpenSSL and @noble/ciphers, two
 * independent implementations; the worker path against the single-threaded one.
 */
import { createCipheriv, createHash, randomBytes, randomInt } from 'node:crypto';
import { chacha20poly1305 } from '@noble/ciphers/chacha';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decryptAge, encryptAge, forceAeadBackend, generateIdentity, type Identity } from '../../../electron/core/share/age';
import { setPayloadWorkers, payloadWorkers, stopPayloadWorkers } from '../../../electron/core/share/age/payload-workers';
import { wasmOpen, wasmSeal } from '../../../electron/core/share/age/wasm-aead';
import { CHACHA20POLY1305_WASM, CHACHA20POLY1305_WASM_SHA256 } from '../../../electron/core/share/age/wasm/chacha20poly1305.wasm';
import { collect, failure, pattern, pieces } from './age-helpers';

const CHUNK = 65536;
const SEALED = CHUNK + 16;
const defaultWorkers = payloadWorkers();

function openssl(key: Buffer, nonce: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  const body = c.update(plain);
  c.final();
  return Buffer.concat([body, c.getAuthTag()]);
}

afterEach(() => {
  forceAeadBackend(undefined);
  setPayloadWorkers(defaultWorkers);
});
afterAll(() => stopPayloadWorkers());

describe('ChaCha20-Poly1305 in WebAssembly', () => {
  it('the embedded module is the one build.sh made', () => {
    expect(createHash('sha256').update(Buffer.from(CHACHA20POLY1305_WASM, 'base64')).digest('hex')).toBe(CHACHA20POLY1305_WASM_SHA256);
  });

  it('seals every length from 0 to 600 and 300 random ones up to 64 KiB exactly as OpenSSL and noble do', () => {
    const lengths = [...Array.from({ length: 601 }, (_, i) => i), ...Array.from({ length: 300 }, () => randomInt(0, CHUNK + 1)), CHUNK];
    for (const n of lengths) {
      const [key, nonce, plain] = [randomBytes(32), randomBytes(12), randomBytes(n)];
      const sealed = wasmSeal(key, nonce, plain);
      expect(sealed.equals(openssl(key, nonce, plain)), `${n} bytes`).toBe(true);
      expect(sealed.equals(Buffer.from(chacha20poly1305(key, nonce).encrypt(plain))), `${n} bytes`).toBe(true);
      expect(wasmOpen(key, nonce, sealed)?.equals(plain), `${n} bytes`).toBe(true);
    }
  });

  it('opens nothing whose ciphertext, tag, nonce or key changed in any bit', () => {
    const [key, nonce, plain] = [randomBytes(32), randomBytes(12), randomBytes(1000)];
    const sealed = openssl(key, nonce, plain);
    for (let i = 0; i < sealed.length; i += 7) {
      const bad = Buffer.from(sealed);
      bad[i]! ^= 1 << i % 8;
      expect(wasmOpen(key, nonce, bad), `byte ${i}`).toBeUndefined();
    }
    const flip = (b: Buffer, i: number) => Buffer.from(b.map((x, j) => (j === i ? x ^ 1 : x)));
    expect(wasmOpen(flip(key, 31), nonce, sealed)).toBeUndefined();
    expect(wasmOpen(key, flip(nonce, 11), sealed)).toBeUndefined();
    expect(wasmOpen(key, nonce, sealed.subarray(0, 999 + 16))).toBeUndefined();
  });

  it('refuses more than one chunk at once', () => {
    expect(() => wasmSeal(randomBytes(32), randomBytes(12), Buffer.alloc(CHUNK + 17))).toThrow(RangeError);
  });
});

describe('the payload in worker threads (what Electron runs)', () => {
  const me = generateIdentity();
  const ids: Identity[] = [{ type: 'x25519', secretKey: me.secretKey }];
  const seal = async (plain: Buffer) => collect(encryptAge([{ type: 'x25519', publicKey: me.publicKey }], pieces(plain, 100_000)));
  const open = (ct: Buffer) => decryptAge(ids, pieces(ct, 150_000));

  it.each([16 * CHUNK - 1, 16 * CHUNK, 16 * CHUNK + 1, 32 * CHUNK, 40 * CHUNK + 77])('%i bytes: the workers and OpenSSL open each other’s packages', async (n) => {
    const plain = pattern(n);
    forceAeadBackend('wasm');
    const ours = await seal(plain);
    forceAeadBackend('node');
    expect((await collect(open(ours))).equals(plain)).toBe(true);
    const theirs = await seal(plain);
    forceAeadBackend('wasm');
    expect((await collect(open(theirs))).equals(plain)).toBe(true);
  });

  it('with 1, 2 and 3 workers, and none, the result is the same', async () => {
    const plain = pattern(50 * CHUNK + 3);
    forceAeadBackend('wasm');
    for (const n of [1, 2, 3, 0]) {
      setPayloadWorkers(n);
      expect((await collect(open(await seal(plain)))).equals(plain), `${n} workers`).toBe(true);
    }
  });

  describe('damage inside a worker batch', () => {
    const plain = pattern(40 * CHUNK + 500);
    let ct: Buffer;
    let payload: number;
    beforeAll(async () => {
      forceAeadBackend('wasm');
      ct = await seal(plain);
      forceAeadBackend(undefined);
      payload = ct.indexOf('\n---') + 49 + 16;
    });

    it.each([3, 17, 20, 31])('a bit flipped in chunk %i is DAMAGED and names it; only whole verified batches came out', async (chunk) => {
      forceAeadBackend('wasm');
      const bad = Buffer.from(ct);
      bad[payload + chunk * SEALED + 1234]! ^= 0x10;
      const r = await failure(open(bad));
      expect(r.code).toBe('DAMAGED');
      expect(r.released.length).toBeLessThanOrEqual(chunk * CHUNK);
      expect(r.released.equals(plain.subarray(0, r.released.length))).toBe(true);
      await expect(collect(open(bad))).rejects.toThrow(`chunk ${chunk} (at byte ${payload + chunk * SEALED})`);
    });

    it('cut at a batch boundary is TRUNCATED, cut inside a batch is DAMAGED', async () => {
      forceAeadBackend('wasm');
      expect((await failure(open(ct.subarray(0, payload + 32 * SEALED)))).code).toBe('TRUNCATED');
      expect((await failure(open(ct.subarray(0, payload + 16 * SEALED + 100)))).code).toBe('DAMAGED');
    });

    it('a reader that stops early leaves the workers ready for the next package', async () => {
      forceAeadBackend('wasm');
      for await (const piece of open(ct)) {
        expect(piece.length).toBeGreaterThan(0);
        break;
      }
      expect((await collect(open(ct))).equals(plain)).toBe(true);
    });
  });
});
