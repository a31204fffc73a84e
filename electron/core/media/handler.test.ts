import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../vault';
import { createMediaHandler, type MediaEntry, type MediaHandler } from './handler';
import { mimeFor } from './mime';
import { MediaTokens } from './tokens';
import { vaultSource, type VaultMediaSource } from './vault-source';

const PASSWORD = 'Vlinder-Kaasschaaf-73-Regenboog!';
const CHUNK = 64 * 1024;

/** The test double: bytes in memory, handed out in odd-sized pieces so piece edges never line up with ranges. */
function memoryEntry(data: Buffer, mime = 'video/mp4'): MediaEntry & { reads: number } {
  const entry = {
    size: data.length,
    mime,
    reads: 0,
    async *read(start: number, end: number) {
      entry.reads++;
      for (let i = start; i < end; i += 7777) yield data.subarray(i, Math.min(end, i + 7777));
    },
  };
  return entry;
}

async function get(handle: MediaHandler, token: string, init: RequestInit = {}): Promise<{ res: Response; body: Buffer }> {
  const res = await handle(new Request(`kluis-media://media/${token}`, init));
  const body = Buffer.from(await res.arrayBuffer());
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  return { res, body };
}

const range = (r: string): RequestInit => ({ headers: { Range: r } });

/** The same contract against any source holding `data` under `token`. */
function rangeCases(setup: () => { handle: MediaHandler; token: string; data: Buffer }): void {
  it('200: the whole body, with its length and Accept-Ranges', async () => {
    const { handle, token, data } = setup();
    const { res, body } = await get(handle, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(data.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBeNull();
    expect(body.equals(data)).toBe(true);
  });

  const partial: [string, (n: number) => [number, number]][] = [
    ['bytes=0-0', () => [0, 1]],
    [`bytes=${CHUNK - 10}-${CHUNK + 9}`, () => [CHUNK - 10, CHUNK + 10]],
    [`bytes=${CHUNK - 1}-${3 * CHUNK}`, () => [CHUNK - 1, 3 * CHUNK + 1]],
    [`bytes=${2 * CHUNK}-${2 * CHUNK}`, () => [2 * CHUNK, 2 * CHUNK + 1]],
    ['bytes=100-', (n) => [100, n]],
    ['bytes=-500', (n) => [n - 500, n]],
    ['bytes=-100000000', (n) => [0, n]],
    ['bytes=0-999999999', (n) => [0, n]],
  ];
  for (const [header, expected] of partial) {
    it(`206 for ${header}`, async () => {
      const { handle, token, data } = setup();
      const [start, end] = expected(data.length);
      const { res, body } = await get(handle, token, range(header));
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end - 1}/${data.length}`);
      expect(res.headers.get('content-length')).toBe(String(end - start));
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(body.equals(data.subarray(start, end))).toBe(true);
    });
  }

  for (const header of ['bytes=SIZE-', 'bytes=SIZE-99999999', 'bytes=-0']) {
    it(`416 for ${header}`, async () => {
      const { handle, token, data } = setup();
      const { res, body } = await get(handle, token, range(header.replace('SIZE', String(data.length))));
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${data.length}`);
      expect(body.length).toBe(0);
    });
  }

  it('a malformed Range header is ignored: 200 with the whole body', async () => {
    const { handle, token, data } = setup();
    const { res, body } = await get(handle, token, range('bytes=9-3'));
    expect(res.status).toBe(200);
    expect(body.equals(data)).toBe(true);
  });

  it('HEAD: the headers of a GET, no body', async () => {
    const { handle, token, data } = setup();
    const head = await get(handle, token, { method: 'HEAD' });
    expect(head.res.status).toBe(200);
    expect(head.res.headers.get('content-length')).toBe(String(data.length));
    expect(head.body.length).toBe(0);
    const ranged = await get(handle, token, { method: 'HEAD', ...range('bytes=10-19') });
    expect(ranged.res.status).toBe(206);
    expect(ranged.res.headers.get('content-range')).toBe(`bytes 10-19/${data.length}`);
    expect(ranged.body.length).toBe(0);
  });

  it('404 for an unknown or missing token, 405 for other methods', async () => {
    const { handle, token } = setup();
    expect((await get(handle, 'not-a-token')).res.status).toBe(404);
    expect((await get(handle, '')).res.status).toBe(404);
    expect((await get(handle, token + 'x')).res.status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const { res } = await get(handle, token, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });
}

describe('media handler over an in-memory source', () => {
  const data = randomBytes(5 * CHUNK + 321);
  const tokens = new MediaTokens();
  const handle = createMediaHandler(tokens);
  const entry = memoryEntry(data);
  const token = tokens.issue(entry);

  rangeCases(() => ({ handle, token, data }));

  it('tokens are 32 random bytes in base64url, distinct per issue', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const t = new MediaTokens();
    expect(new Set(Array.from({ length: 100 }, () => t.issue(entry))).size).toBe(100);
  });

  it('only the last path segment is the token, whatever the scheme and host', async () => {
    for (const url of [`kluis-media://media/${token}`, `http://127.0.0.1:1/a/b/${token}`, `x://y/${token}?t=1`]) {
      expect((await handle(new Request(url, { method: 'HEAD' }))).status, url).toBe(200);
    }
  });

  it('revoke and revokeAll: 404 afterwards', async () => {
    const t = new MediaTokens();
    const h = createMediaHandler(t);
    const a = t.issue(memoryEntry(data));
    const b = t.issue(memoryEntry(data));
    const c = t.issue(memoryEntry(data));
    t.revoke(a);
    expect((await get(h, a)).res.status).toBe(404);
    expect((await get(h, b, range('bytes=0-0'))).res.status).toBe(206);
    t.revokeAll();
    expect((await get(h, b)).res.status).toBe(404);
    expect((await get(h, c)).res.status).toBe(404);
  });

  it('HEAD and 416 never start a read', async () => {
    const t = new MediaTokens();
    const e = memoryEntry(data);
    const tok = t.issue(e);
    const h = createMediaHandler(t);
    await get(h, tok, { method: 'HEAD' });
    await get(h, tok, range(`bytes=${data.length}-`));
    expect(e.reads).toBe(0);
  });

  it('streams: a cancelled body stops the source after the pieces already pulled', async () => {
    const t = new MediaTokens();
    let yielded = 0;
    let closed = false;
    const tok = t.issue({
      size: 1 << 30,
      mime: 'video/mp4',
      async *read() {
        try {
          for (;;) {
            yielded++;
            yield Buffer.alloc(CHUNK);
          }
        } finally {
          closed = true;
        }
      },
    });
    const res = await createMediaHandler(t)(new Request(`kluis-media://media/${tok}`));
    expect(res.headers.get('content-length')).toBe(String(1 << 30));
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
    expect(yielded).toBeLessThan(4);
  });

  it('a source that ends short errors the body instead of passing for complete', async () => {
    const t = new MediaTokens();
    const tok = t.issue({ ...memoryEntry(data), size: data.length + 10 });
    const res = await createMediaHandler(t)(new Request(`kluis-media://media/${tok}`));
    await expect(res.arrayBuffer()).rejects.toThrow();
  });

  it('an empty recording: 200 with length 0; any range of it but a suffix is 416', async () => {
    const t = new MediaTokens();
    const tok = t.issue(memoryEntry(Buffer.alloc(0)));
    const h = createMediaHandler(t);
    const whole = await get(h, tok);
    expect([whole.res.status, whole.res.headers.get('content-length'), whole.body.length]).toEqual([200, '0', 0]);
    const r = await get(h, tok, range('bytes=0-'));
    expect([r.res.status, r.res.headers.get('content-range')]).toEqual([416, 'bytes */0']);
    expect((await get(h, tok, range('bytes=-10'))).res.status).toBe(200);
  });

  it('MIME by extension, then by layout, else octet-stream; sent as given', async () => {
    expect(mimeFor('GX010042.MP4')).toBe('video/mp4');
    expect(mimeFor('clip.mov')).toBe('video/quicktime');
    expect(mimeFor('00001.MTS')).toBe('video/mp2t');
    expect(mimeFor('00001.m2ts')).toBe('video/mp2t');
    expect(mimeFor('ZOOM0001.WAV')).toBe('audio/wav');
    expect(mimeFor('00001', 'avchd')).toBe('video/mp2t');
    expect(mimeFor('notes.txt')).toBe('application/octet-stream');
    expect(mimeFor('noextension')).toBe('application/octet-stream');
    const t = new MediaTokens();
    const h = createMediaHandler(t);
    for (const mime of ['video/mp4', 'video/quicktime', 'video/mp2t', 'audio/wav', 'application/octet-stream']) {
      expect((await get(h, t.issue(memoryEntry(data, mime)), range('bytes=0-0'))).res.headers.get('content-type')).toBe(mime);
    }
  });
});

describe('media handler over a real vault blob', () => {
  let dir: string;
  let vault: Vault;
  let source: VaultMediaSource;
  let handle: MediaHandler;
  const data = randomBytes(4 * CHUNK + 12345);
  const other = randomBytes(3 * CHUNK + 999);
  let token = '';
  let otherToken = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kluis-media-'));
    vault = (await Vault.create(join(dir, 'vault'), PASSWORD, { kdf: { memoryKiB: 65536, iterations: 3 } })).vault;
    const blob = await vault.storeBytes(data, {}, (b) => b);
    const blob2 = await vault.storeBytes(other, {}, (b) => b);
    source = vaultSource(vault);
    handle = createMediaHandler(source);
    token = source.issue(blob, 'video/mp4');
    otherToken = source.issue(blob2, 'video/quicktime');
  });

  afterAll(async () => {
    await vault?.lock().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  rangeCases(() => ({ handle, token, data }));

  it('no ids or keys in the URL: the token is all there is', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('two range requests on two tokens at once', async () => {
    const ranges: [string, string, Buffer, number, number][] = [
      [token, `bytes=${CHUNK - 3}-${3 * CHUNK + 2}`, data, CHUNK - 3, 3 * CHUNK + 3],
      [otherToken, `bytes=${CHUNK + 5}-`, other, CHUNK + 5, other.length],
    ];
    const started = await Promise.all(ranges.map(([t, r]) => handle(new Request(`kluis-media://media/${t}`, range(r)))));
    // Read both bodies interleaved, a piece of each in turn.
    const readers = started.map((r) => r.body!.getReader());
    const parts: Buffer[][] = [[], []];
    const done = [false, false];
    while (!done[0] || !done[1]) {
      await Promise.all(
        readers.map(async (reader, i) => {
          if (done[i]) return;
          const next = await reader.read();
          if (next.done) done[i] = true;
          else parts[i]!.push(Buffer.from(next.value));
        }),
      );
    }
    ranges.forEach(([, , src, start, end], i) => {
      expect(started[i]!.status).toBe(206);
      expect(started[i]!.headers.get('content-type')).toBe(i === 0 ? 'video/mp4' : 'video/quicktime');
      expect(Buffer.concat(parts[i]!).equals(src.subarray(start, end))).toBe(true);
    });
  });

  it('revoked token: 404, the other still plays', async () => {
    const extra = source.issue({ id: (await vault.storeBytes(other, {}, (b) => b)).id, size: other.length }, 'video/mp4');
    expect((await get(handle, extra, range('bytes=0-0'))).res.status).toBe(206);
    source.revoke(extra);
    expect((await get(handle, extra, range('bytes=0-0'))).res.status).toBe(404);
    expect((await get(handle, otherToken, range('bytes=0-0'))).res.status).toBe(206);
  });
});
