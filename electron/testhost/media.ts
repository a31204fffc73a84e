import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { playbackMediaHandler } from '../core/api';

type MediaHandler = ReturnType<typeof playbackMediaHandler>;

/**
 * GET/HEAD /media/<token> → the core's media handler, the same one Electron's protocol.handle
 * uses. The token is the authorisation (a <video> cannot send a bearer header); Host is checked
 * by the caller as for every route.
 */
export async function serveMedia(handler: MediaHandler, req: IncomingMessage, res: ServerResponse, port: number): Promise<void> {
  const headers = new Headers();
  if (typeof req.headers.range === 'string') headers.set('range', req.headers.range);
  const response = await handler(new Request(`http://127.0.0.1:${port}${req.url ?? '/'}`, { method: req.method, headers }));
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => (out[k] = v));
  res.writeHead(response.status, out);
  if (!response.body || req.method === 'HEAD') {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  // A player that seeks away closes its request: stop decrypting at once.
  res.on('close', () => body.destroy());
  body.on('error', () => res.destroy());
  body.pipe(res);
}
