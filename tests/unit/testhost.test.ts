import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_BODY_BYTES, startTestHost, type TestHost } from '../../electron/testhost/host';
import { resolveStatic } from '../../electron/testhost/static';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http rather than fetch: fetch normalises `..` in paths and will not send a foreign Host.
function send(host: TestHost, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // A server that answers 413 early may close before the whole body is written.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function api(host: TestHost, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(host, `/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: JSON.stringify(body),
  });
}

describe('test host', () => {
  let root: string;
  let host: TestHost;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kluis-host-test-'));
    const staticDir = join(root, 'web');
    await mkdir(join(staticDir, 'assets'), { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(join(staticDir, 'assets', 'app.js'), 'export {};');
    await writeFile(join(root, 'secret.txt'), 'outside the static folder');
    host = await startTestHost({ vaultDir: join(root, 'vault'), staticDir, kdf: { memoryKiB: 65536, iterations: 3 } });
  });

  afterAll(async () => {
    await host?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 with a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.token.length).toBeGreaterThanOrEqual(43);
  });

  it('answers a valid call', async () => {
    const r = await api(host, 'app.status', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { vault: 'none', vaultPath: join(root, 'vault') } });
  });

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await send(host, '/api/app.status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    const wrong = await api(host, 'app.status', {}, { Authorization: `Bearer ${'A'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.code).toBe('UNAUTHORIZED');
  });

  it('moves its clock only for a POST with the token and a sane number of days', async () => {
    const clock = (q: string, headers: Record<string, string> = { Authorization: `Bearer ${host.token}` }) => send(host, `/test/clock?${q}`, { method: 'POST', headers });
    expect((await clock('advanceDays=1', {})).status).toBe(401);
    expect((await send(host, '/test/clock?advanceDays=1', { headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(405);
    for (const bad of ['advanceDays=-1', 'advanceDays=abc', 'advanceDays=99999']) expect((await clock(bad)).status, bad).toBe(400);
    const before = Date.now();
    const moved = JSON.parse((await clock('advanceDays=0')).body) as { now: string };
    expect(Math.abs(Date.parse(moved.now) - before)).toBeLessThan(5000);
    const later = JSON.parse((await clock('advanceDays=2')).body) as { now: string };
    expect(Date.parse(later.now) - Date.parse(moved.now)).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(Date.parse(later.now) - Date.parse(moved.now)).toBeLessThan(2 * 86_400_000 + 5000);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const r = await api(host, 'app.status', {}, { Host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
    const page = await send(host, '/', { headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    const local = await api(host, 'app.status', {}, { Host: `localhost:${host.port}` });
    expect(local.status).toBe(200);
  });

  it('refuses a POST from a foreign Origin with 403', async () => {
    const r = await api(host, 'app.status', {}, { Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const own = await api(host, 'app.status', {}, { Origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });

  it('refuses an unknown method with 400', async () => {
    const r = await api(host, 'vault.explode', {});
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe('BAD_REQUEST');
  });

  it('refuses bad input with 400 BAD_REQUEST before the core sees it', async () => {
    const r = await api(host, 'vault.unlock', { password: 42 });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe('BAD_REQUEST');
    const extra = await api(host, 'app.status', { sneaky: true });
    expect(extra.status).toBe(400);
  });

  it('refuses a body that is not JSON', async () => {
    const r = await send(host, '/api/app.status', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` }, body: '{nope' });
    expect(r.status).toBe(400);
    const form = await send(host, '/api/app.status', { method: 'POST', headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${host.token}` }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ password: 'x'.repeat(MAX_BODY_BYTES + 10) });
    const r = await send(host, '/api/vault.unlock', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` }, body: big });
    expect(r.status).toBe(413);
  });

  it('refuses GET on the API', async () => {
    const r = await send(host, '/api/app.status', { headers: { Authorization: `Bearer ${host.token}` } });
    expect(r.status).toBe(405);
  });

  it('maps a domain error to its code', async () => {
    const r = await api(host, 'items.list', {});
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('serves the renderer with MIME type, no-store and a CSP', async () => {
    const index = await send(host, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    const js = await send(host, '/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await send(host, '/missing.js')).status).toBe(404);
  });

  it('blocks directory traversal', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%00index.html']) {
      const r = await send(host, path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('outside the static folder');
    }
    expect(resolveStatic('/srv/web', '/../etc/passwd')).toBeNull();
    expect(resolveStatic('/srv/web', '/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStatic('/srv/web', '/a/b.js')).toBe('/srv/web/a/b.js');
  });

  it('needs the token for the event socket and forwards service events', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=wrong`);
    const status = await new Promise<number>((resolve) => refused.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=${host.token}`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const events: unknown[] = [];
    ws.on('message', (data) => events.push(JSON.parse(String(data))));
    expect((await api(host, 'vault.create', { password: 'Zwaluw-Kachel-Dijk-Regen-48' })).status).toBe(200);
    expect((await api(host, 'vault.lock', {})).status).toBe(200);
    await expect.poll(() => events).toEqual([{ type: 'vault.unlocked' }, { type: 'vault.locked', reason: 'user' }]);
    ws.close();
  });
});
