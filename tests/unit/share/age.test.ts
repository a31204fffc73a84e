import { afterEach, describe, expect, it } from 'vitest';
import { aeadBackend, decryptAge, encryptAge, forceAeadBackend, generateIdentity, publicKeyOf, type Identity, type Recipient } from '../../../electron/core/share/age';
import { collect, failure, pattern, pieces } from './age-helpers';

const CHUNK = 65536;
const SEALED = CHUNK + 16;
const PASS = 'paard-batterij-nietje-correct';

async function seal(recipients: Recipient[], plain: Buffer): Promise<Buffer> {
  return collect(encryptAge(recipients, pieces(plain, 7777)));
}
const open = (ids: Identity[], ct: Buffer, size?: number) => decryptAge(ids, pieces(ct, size));

afterEach(() => forceAeadBackend(undefined));

describe.each(['node', 'wasm', 'noble'] as const)('age with the %s ChaCha20-Poly1305', (backend) => {
  const me = generateIdentity();
  const x: Recipient[] = [{ type: 'x25519', publicKey: me.publicKey }];
  const mine: Identity[] = [{ type: 'x25519', secretKey: me.secretKey }];

  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5])('round-trips %i bytes, fed in odd pieces', async (n) => {
    forceAeadBackend(backend);
    expect(aeadBackend()).toBe(backend);
    const plain = pattern(n);
    const ct = await seal(x, plain);
    expect(ct.length).toBe(ct.indexOf('\n---') + 49 + 16 + n + 16 * Math.max(1, Math.ceil(n / CHUNK)));
    expect((await collect(open(mine, ct, 1000))).equals(plain)).toBe(true);
  });

  it('a passphrase opens what it sealed; a wrong one is WRONG_PASSPHRASE and releases nothing', async () => {
    forceAeadBackend(backend);
    const ct = await seal([{ type: 'scrypt', passphrase: PASS, workFactor: 10 }], pattern(100_000));
    expect((await collect(open([{ type: 'scrypt', passphrase: PASS }], ct))).equals(pattern(100_000))).toBe(true);
    expect(await failure(open([{ type: 'scrypt', passphrase: `${PASS}!` }], ct))).toEqual({ code: 'WRONG_PASSPHRASE', released: Buffer.alloc(0) });
    expect((await failure(open(mine, ct))).code).toBe('NO_MATCHING_KEY');
  });
});

describe('age keys and recipients', () => {
  it('a share key opens a package made for several keys; a stranger gets NO_MATCHING_KEY', async () => {
    const [a, b, stranger] = [generateIdentity(), generateIdentity(), generateIdentity()];
    const ct = await seal([a, b].map((k) => ({ type: 'x25519' as const, publicKey: k.publicKey })), Buffer.from('hallo'));
    expect((await collect(open([{ type: 'x25519', secretKey: b.secretKey }], ct))).toString()).toBe('hallo');
    expect(await failure(open([{ type: 'x25519', secretKey: stranger.secretKey }], ct))).toEqual({ code: 'NO_MATCHING_KEY', released: Buffer.alloc(0) });
    expect((await failure(open([{ type: 'scrypt', passphrase: PASS }], ct))).code).toBe('NO_MATCHING_KEY');
  });

  it('keys are Bech32 of the right kind; the public key follows from the secret one', () => {
    const k = generateIdentity();
    expect(k.secretKey).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(k.publicKey).toMatch(/^age1[0-9a-z]{58}$/);
    expect(publicKeyOf(k.secretKey)).toBe(k.publicKey);
    expect(publicKeyOf(k.secretKey.toLowerCase())).toBe(k.publicKey);
    const typo = k.publicKey.slice(0, 10) + (k.publicKey[10] === 'q' ? 'p' : 'q') + k.publicKey.slice(11);
    return expect(seal([{ type: 'x25519', publicKey: typo }], Buffer.alloc(1))).rejects.toMatchObject({ code: 'BAD_KEY' });
  });

  it('refuses to mix a passphrase with other recipients, and refuses a header that does', async () => {
    const k = generateIdentity();
    await expect(seal([{ type: 'scrypt', passphrase: PASS, workFactor: 10 }, { type: 'x25519', publicKey: k.publicKey }], Buffer.alloc(1))).rejects.toMatchObject({ code: 'BAD_RECIPIENT' });
    await expect(seal([], Buffer.alloc(1))).rejects.toMatchObject({ code: 'BAD_RECIPIENT' });
    // Splice an scrypt stanza into an X25519 header: the reader must refuse before any key work.
    const xs = (await seal([{ type: 'x25519', publicKey: k.publicKey }], Buffer.alloc(1))).toString('latin1');
    const sc = (await seal([{ type: 'scrypt', passphrase: PASS, workFactor: 10 }], Buffer.alloc(1))).toString('latin1');
    const scryptStanza = sc.slice(sc.indexOf('-> '), sc.indexOf('---'));
    const mixed = Buffer.from(xs.replace('---', `${scryptStanza}---`), 'latin1');
    expect((await failure(open([{ type: 'scrypt', passphrase: PASS }], mixed))).code).toBe('DAMAGED');
  });

  it('a work factor above the reader limit is refused before scrypt runs', async () => {
    const ct = await seal([{ type: 'scrypt', passphrase: PASS, workFactor: 12 }], Buffer.alloc(1));
    expect((await failure(open([{ type: 'scrypt', passphrase: PASS, maxWorkFactor: 11 }], ct))).code).toBe('WORK_FACTOR_TOO_HIGH');
  });

  it('not age, armored age, another version and unknown stanza types are named', async () => {
    const k = generateIdentity();
    const ids: Identity[] = [{ type: 'x25519', secretKey: k.secretKey }];
    expect((await failure(open(ids, Buffer.from('PK\x03\x04 a zip file')))).code).toBe('NOT_AGE');
    expect((await failure(open(ids, Buffer.from('-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n')))).code).toBe('UNSUPPORTED');
    expect((await failure(open(ids, Buffer.from('age-encryption.org/v2\n-> X 1\n\n--- x\n')))).code).toBe('UNSUPPORTED');
    const plugin = 'age-encryption.org/v1\n-> piv-p256 abc def\nAAAA\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n';
    expect((await failure(open(ids, Buffer.from(plugin)))).code).toBe('UNSUPPORTED');
  });
});

describe('damaged and truncated packages', () => {
  const me = generateIdentity();
  const ids: Identity[] = [{ type: 'x25519', secretKey: me.secretKey }];
  const plain = pattern(3 * CHUNK + 1000);
  let ct: Buffer;
  let payload: number;
  const ready = (async () => {
    ct = await seal([{ type: 'x25519', publicKey: me.publicKey }], plain);
    payload = ct.indexOf('\n---') + 49 + 16;
  })();

  /** Only whole verified chunks may come out: a prefix of the plaintext at a chunk boundary. */
  function onlyVerifiedChunks(released: Buffer, before: number): void {
    expect(released.length % CHUNK).toBe(0);
    expect(released.length).toBeLessThanOrEqual(before * CHUNK);
    expect(released.equals(plain.subarray(0, released.length))).toBe(true);
  }

  // A cut inside a chunk leaves a short piece that fails as the last chunk: the tag cannot say
  // whether it was cut or changed, so that reads DAMAGED ("changed or cut short").
  it('cut at 60 offsets: TRUNCATED in the header or at a chunk boundary, DAMAGED inside a chunk; never an unverified chunk released', async () => {
    await ready;
    const offsets = [0, 1, 10, 22, payload - 20, payload - 17, payload - 1, payload, payload + 1, payload + SEALED, payload + 2 * SEALED, payload + 3 * SEALED];
    for (let i = 0; i < 48; i++) offsets.push(Math.floor(((i + 0.5) / 48) * (ct.length - 1)));
    for (const at of offsets) {
      const { code, released } = await failure(open(ids, ct.subarray(0, at)));
      // Fewer bytes than a tag after the last whole chunk cannot be a chunk at all.
      const insideChunk = at > payload && (at - payload) % SEALED >= 16;
      expect([at, code]).toEqual([at, insideChunk ? 'DAMAGED' : 'TRUNCATED']);
      onlyVerifiedChunks(released, Math.max(0, Math.floor((at - payload) / SEALED)));
    }
  });

  it('a bit flipped in the version line, the MAC, the payload nonce, any chunk or the last chunk is caught', async () => {
    await ready;
    const mac = ct.indexOf('\n---') + 6;
    const share = ct.indexOf('X25519') + 7;
    const cases: [string, number, string[], number][] = [
      ['version line', 3, ['NOT_AGE'], 0],
      ['stanza type', ct.indexOf('X25519') + 2, ['UNSUPPORTED'], 0],
      // A changed share or body cannot be told from a stanza for someone else (age says the same).
      ['ephemeral share', share + 5, ['NO_MATCHING_KEY', 'DAMAGED'], 0],
      ['stanza body', ct.indexOf('\n', share) + 3, ['NO_MATCHING_KEY', 'DAMAGED'], 0],
      ['header MAC', mac + 5, ['DAMAGED'], 0],
      ['payload nonce', payload - 8, ['DAMAGED'], 0],
      ['first chunk', payload + 100, ['DAMAGED'], 0],
      ['first chunk tag', payload + SEALED - 1, ['DAMAGED'], 0],
      ['second chunk', payload + SEALED + 5000, ['DAMAGED'], 1],
      ['last chunk', ct.length - 500, ['DAMAGED'], 3],
      ['last chunk tag', ct.length - 1, ['DAMAGED'], 3],
    ];
    for (const [what, at, codes, before] of cases) {
      const bad = Buffer.from(ct);
      bad[at]! ^= 0x04;
      const r = await failure(open(ids, bad));
      expect(codes, `${what}: ${r.code}`).toContain(r.code);
      onlyVerifiedChunks(r.released, before);
    }
  });

  it('chunks swapped, a chunk dropped or bytes appended: DAMAGED or TRUNCATED, never silent', async () => {
    await ready;
    const c = (i: number) => ct.subarray(payload + i * SEALED, payload + (i + 1) * SEALED);
    const head = ct.subarray(0, payload);
    const swapped = Buffer.concat([head, c(1), c(0), ct.subarray(payload + 2 * SEALED)]);
    expect((await failure(open(ids, swapped))).code).toBe('DAMAGED');
    const dropped = Buffer.concat([head, c(0), ct.subarray(payload + 2 * SEALED)]);
    expect((await failure(open(ids, dropped))).code).toBe('DAMAGED');
    expect((await failure(open(ids, Buffer.concat([ct, Buffer.from('x')])))).code).toBe('DAMAGED');
    expect((await failure(open(ids, Buffer.concat([head, c(0), c(1)])))).code).toBe('TRUNCATED');
  });
});
