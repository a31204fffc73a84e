import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { dispatch, KluisService, playbackMediaHandler, startIdleLock, type ServiceOptions, type WireError } from '../core/api';
import { bearer, hostAllowed, newToken, originAllowed, tokenMatches } from './guard';
import { serveMedia } from './media';
import { serveStatic } from './static';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface TestHostOptions {
  vaultDir: string;
  /** the built renderer (out/web) */
  staticDir: string;
  kdf?: ServiceOptions['kdf'];
  /** 0 or absent: a random free port */
  port?: number;
}

export interface TestHost {
  /** http://127.0.0.1:<port>/ without the token */
  url: string;
  token: string;
  port: number;
  service: KluisService;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function csp(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // Players and posters load from /media/<token> on this origin (the token is the authorisation).
    // blob: consent-form scans, decrypted in memory and shown from an object URL (never a file)
    "img-src 'self' data: blob:",
    "media-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: WireError): void {
  sendJson(res, status, { ok: false, error });
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new TooLarge());
        // Stop buffering but let the response go out before the socket closes.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Domain errors are the caller's problem (4xx); only INTERNAL is ours (5xx). */
function statusFor(code: string): number {
  if (code === 'BAD_REQUEST') return 400;
  if (code === 'INTERNAL') return 500;
  return 422;
}

async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, service: KluisService, port: number): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendError(res, 405, { code: 'BAD_REQUEST', message: 'Use POST.' });
  }
  if (!originAllowed(req, port)) return sendError(res, 403, { code: 'FORBIDDEN', message: 'Requests from another origin are refused.' });
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return sendError(res, 415, { code: 'BAD_REQUEST', message: 'The body must be application/json.' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    res.setHeader('Connection', 'close');
    return sendError(res, 413, { code: 'BAD_REQUEST', message: 'The request body is too large.' });
  }
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (e) {
    if (e instanceof TooLarge) {
      res.setHeader('Connection', 'close');
      return sendError(res, 413, { code: 'BAD_REQUEST', message: 'The request body is too large.' });
    }
    throw e;
  }
  let input: unknown;
  try {
    input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    return sendError(res, 400, { code: 'BAD_REQUEST', message: 'The body is not valid JSON.' });
  }
  const result = await dispatch(service, method, input);
  if (result.ok) return sendJson(res, 200, result);
  return sendJson(res, statusFor(result.error.code), result);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Binds the contract to HTTP + WebSocket on 127.0.0.1 for `npm run start:web` and the e2e tests.
 * Dev/test only: the packaged app talks over Electron IPC and never starts this.
 */
export async function startTestHost(opts: TestHostOptions): Promise<TestHost> {
  // The product's clock, moved forward only through /test/clock, so e2e can see an expiry without waiting days.
  let clockOffsetMs = 0;
  const service = new KluisService({ vaultDir: opts.vaultDir, kdf: opts.kdf, clock: () => new Date(Date.now() + clockOffsetMs) });
  const token = newToken();
  const media = playbackMediaHandler(service);
  let port = 0;
  // The same idle lock as the desktop app. Idle here means no call from the page; an e2e test
  // declares time away through /test/idle instead of waiting minutes.
  let lastActivity = Date.now();
  let declaredAway = 0;
  const stopIdle = startIdleLock(service, () => (Date.now() - lastActivity) / 1000 + declaredAway, 250);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req, port)) return sendError(res, 403, { code: 'FORBIDDEN', message: 'Unknown Host header.' });
    if (url.pathname.startsWith('/api/') || url.pathname === '/events') {
      if (!tokenMatches(token, bearer(req))) return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'A valid token is required.' });
      if (url.pathname === '/events') return sendError(res, 426, { code: 'BAD_REQUEST', message: 'Connect with a WebSocket.' });
      lastActivity = Date.now();
      declaredAway = 0;
      handleApi(req, res, url.pathname.slice('/api/'.length), service, port).catch((e: unknown) => {
        console.error('kluis test host: request failed', e);
        if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'The test host failed.' });
        else res.destroy();
      });
      return;
    }
    if (url.pathname === '/test/idle') {
      if (!tokenMatches(token, bearer(req))) return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'A valid token is required.' });
      if (req.method !== 'POST') return sendError(res, 405, { code: 'BAD_REQUEST', message: 'Use POST.' });
      declaredAway = Math.max(0, Number(url.searchParams.get('seconds')) || 0);
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === '/test/clock') {
      if (!tokenMatches(token, bearer(req))) return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'A valid token is required.' });
      if (req.method !== 'POST') return sendError(res, 405, { code: 'BAD_REQUEST', message: 'Use POST.' });
      const days = Number(url.searchParams.get('advanceDays'));
      if (!Number.isFinite(days) || days < 0 || days > 3650) return sendError(res, 400, { code: 'BAD_REQUEST', message: 'advanceDays must be a number of days from 0 to 3650.' });
      clockOffsetMs += days * 86_400_000;
      return sendJson(res, 200, { ok: true, now: new Date(Date.now() + clockOffsetMs).toISOString() });
    }
    if (url.pathname.startsWith('/media/')) {
      serveMedia(media, req, res, port).catch((e: unknown) => {
        console.error('kluis test host: media request failed', e);
        if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'The test host failed.' });
        else res.destroy();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, 405, { code: 'BAD_REQUEST', message: 'Use GET.' });
    }
    serveStatic(opts.staticDir, url.pathname, res, { ...SECURITY_HEADERS, 'Content-Security-Policy': csp(port) }).catch(() => res.destroy());
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req, port) || !originAllowed(req, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (url.pathname !== '/events') return refuseUpgrade(socket, 404, 'Not Found');
    // Browsers cannot set headers on a WebSocket, so the token travels in the query here.
    if (!tokenMatches(token, url.searchParams.get('token'))) return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // The channel is one-way; anything a client sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  const unsubscribe = service.onEvent((event) => {
    const text = JSON.stringify(event);
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      // Locking drops the keys and releases kluis.lock so the next run can open the vault.
      stopIdle();
      await service.lock('quit');
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    })();
    return closed;
  };

  return { url: `http://127.0.0.1:${port}/`, token, port, service, close };
}
