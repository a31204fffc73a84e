import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../vault';
import { MediaTokens } from './tokens';
import { startRangeServer, type RangeServer } from './range-server';
import { vaultSource, type VaultMediaSource } from './vault-source';

const run = promisify(execFile);
const FFMPEG = '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';
const PASSWORD = 'Vlinder-Kaasschaaf-73-Regenboog!';

/** Raw node:http, so the Host header and method are exactly what we say (fetch would rewrite them). */
function raw(url: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('range server (ffmpeg reads vault content over loopback HTTP Range)', () => {
  let dir: string;
  let vault: Vault;
  let source: VaultMediaSource;
  let server: RangeServer;
  let mp4: Buffer;
  let token = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kluis-range-'));
    // Test fixture, not vault content: made on disk, read, and deleted before the vault sees it.
    const fixture = join(dir, 'fixture.mp4');
    await run(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', fixture]);
    mp4 = await readFile(fixture);
    await rm(fixture);
    vault = (await Vault.create(join(dir, 'vault'), PASSWORD, { kdf: { memoryKiB: 65536, iterations: 3 } })).vault;
    const blob = await vault.storeBytes(mp4, {}, (b) => b);
    source = vaultSource(vault);
    token = source.issue(blob, 'video/mp4');
    server = await startRangeServer(source);
  });

  afterAll(async () => {
    await server?.close();
    source?.revokeAll();
    await vault?.lock().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 only, and the URL carries nothing but the token', () => {
    const url = new URL(server.urlFor(token));
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe(`/media/${token}`);
    expect(url.search).toBe('');
  });

  it('ffprobe reads the duration through it', async () => {
    const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', server.urlFor(token)]);
    expect(Number(stdout.trim())).toBeGreaterThan(1.8);
    expect(Number(stdout.trim())).toBeLessThan(2.2);
  });

  it('ffmpeg seeks into it (-ss 1) and decodes a frame', async () => {
    const { stderr } = await run(FFMPEG, ['-v', 'error', '-ss', '1', '-i', server.urlFor(token), '-frames:v', '1', '-f', 'null', '-']);
    expect(stderr).toBe('');
  });

  it('is seekable: with the moov at the end, ffmpeg reads from a later offset in a second request', async () => {
    const fixture = join(dir, 'moov-last.mp4');
    await run(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', fixture]);
    const bytes = await readFile(fixture);
    await rm(fixture);
    const blob = await vault.storeBytes(bytes, {}, (b) => b);
    const starts: number[] = [];
    const jobTokens = vaultSource(vault);
    const job = await startRangeServer({
      lookup: (t) => {
        const entry = jobTokens.lookup(t);
        return entry && { ...entry, read: (start, end) => (starts.push(start), entry.read(start, end)) };
      },
    });
    const t = jobTokens.issue(blob, 'video/mp4');
    try {
      const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', job.urlFor(t)]);
      expect(Number(stdout.trim())).toBeCloseTo(2, 1);
      expect(starts[0]).toBe(0);
      expect(starts.some((s) => s > 0)).toBe(true);
    } finally {
      jobTokens.revoke(t);
      await job.close();
    }
  });

  it('serves the same bytes and headers as the handler', async () => {
    const r = await raw(server.urlFor(token), { headers: { Range: 'bytes=100-199' } });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 100-199/${mp4.length}`);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body.equals(mp4.subarray(100, 200))).toBe(true);
    const whole = await raw(server.urlFor(token));
    expect(whole.status).toBe(200);
    expect(whole.body.equals(mp4)).toBe(true);
  });

  it('404 without a valid token, and for another Host (DNS rebinding); 405 for other methods', async () => {
    const base = server.urlFor(token);
    expect((await raw(base.replace(token, 'nope'))).status).toBe(404);
    expect((await raw(base.replace(`/${token}`, ''))).status).toBe(404);
    expect((await raw(base.replace(token, token.slice(1)))).status).toBe(404);
    expect((await raw(base, { headers: { Host: 'evil.example' } })).status).toBe(404);
    expect((await raw(base, { method: 'POST' })).status).toBe(405);
    expect((await raw(base, { method: 'TRACE' })).status).toBe(405);
    const { status } = await run(FFPROBE, ['-v', 'error', base.replace(token, 'nope')]).then(
      () => ({ status: 'ok' }),
      () => ({ status: 'failed' }),
    );
    expect(status).toBe('failed');
  });

  it('a job token: revoked when the job ends, and close() stops the server', async () => {
    const jobTokens = new MediaTokens();
    const job = await startRangeServer(jobTokens);
    const t = jobTokens.issue({ size: 3, mime: 'application/octet-stream', read: async function* () { yield Buffer.from('abc'); } });
    expect((await raw(job.urlFor(t))).body.toString()).toBe('abc');
    jobTokens.revoke(t);
    expect((await raw(job.urlFor(t))).status).toBe(404);
    const url = job.urlFor(t);
    await job.close();
    await expect(raw(url)).rejects.toThrow();
  });
});
