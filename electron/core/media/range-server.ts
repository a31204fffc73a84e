import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createMediaHandler, type MediaHandler, type MediaSource } from './handler';

export interface RangeServer {
  /** The URL ffmpeg opens; its host is 127.0.0.1 and its only secret the token. */
  urlFor(token: string): string;
  close(): Promise<void>;
}

/**
 * ffmpeg needs seekable input (an MP4's moov may sit at the end, and -ss seeks) and we may not give it
 * a plaintext file, so it reads vault content over HTTP Range from loopback instead. One server per
 * job: the caller issues the job's token, runs ffmpeg, then revokes the token and closes the server.
 */
export async function startRangeServer(source: MediaSource): Promise<RangeServer> {
  const handle = createMediaHandler(source);
  let origin = '';
  const server = createServer((req, res) => {
    serve(handle, origin, req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: nothing off this machine can even connect.
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `127.0.0.1:${port}`;
  return {
    urlFor: (token) => `http://${origin}/media/${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        // ffmpeg may keep a connection alive; the job is over, so cut it rather than wait for it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(handle: MediaHandler, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A web page can reach loopback under a name it controls (DNS rebinding); such a request carries that
  // name as Host, so anything but our own address is refused before the token is even looked at.
  if (req.headers.host !== origin) {
    res.writeHead(404, { 'Cache-Control': 'no-store', 'Content-Length': '0' }).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  let request: Request;
  try {
    // GET and HEAD carry no body; anything else is a 405 whose body we never read.
    request = new Request(`http://${origin}${req.url ?? '/'}`, { method: req.method, headers });
  } catch {
    // fetch refuses to even build TRACE, CONNECT and the like; they get the handler's answer to any other method.
    res.writeHead(405, { Allow: 'GET, HEAD', 'Cache-Control': 'no-store', 'Content-Length': '0' }).end();
    return;
  }
  const response = await handle(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
  } catch {
    // ffmpeg drops a connection whenever it seeks; pipeline has already cancelled the read.
    res.destroy();
  }
}
