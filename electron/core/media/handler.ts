import { parseRange } from './range';

/** One playable thing: its plaintext length, its MIME, and a reader of bytes [start, end). */
export interface MediaEntry {
  size: number;
  mime: string;
  read(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** Token -> entry. The handler knows nothing of vaults, so it is testable on its own. */
export interface MediaSource {
  lookup(token: string): MediaEntry | null;
}

export type MediaHandler = (request: Request) => Promise<Response>;

// no-store: decrypted media must never reach Chromium's disk cache. nosniff: the MIME we send is the
// only one a player may use.
const ALWAYS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

/**
 * One handler for Electron's protocol.handle, the test host and the ffmpeg range server alike.
 * URL: <any scheme>://<any host>/.../<token>; only the last path segment counts.
 */
export function createMediaHandler(source: MediaSource): MediaHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return empty(405, { Allow: 'GET, HEAD' });
    const entry = lookup(source, request.url);
    if (!entry) return empty(404);

    const { size, mime } = entry;
    const range = parseRange(request.headers.get('range'), size);
    if (range.kind === 'unsatisfiable') return empty(416, { 'Content-Range': `bytes */${size}` });

    const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, size];
    const headers: Record<string, string> = { ...ALWAYS, 'Accept-Ranges': 'bytes', 'Content-Type': mime, 'Content-Length': String(end - start) };
    if (status === 206) headers['Content-Range'] = `bytes ${start}-${end - 1}/${size}`;
    if (request.method === 'HEAD' || start === end) return new Response(null, { status, headers });
    return new Response(exactly(entry.read(start, end), end - start), { status, headers });
  };
}

function lookup(source: MediaSource, url: string): MediaEntry | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const token = path.slice(path.lastIndexOf('/') + 1);
  return token === '' ? null : source.lookup(token);
}

function empty(status: number, extra: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { ...ALWAYS, 'Content-Length': '0', ...extra } });
}

/**
 * Pull-driven, so a chunk is read only when the consumer wants it: a 4 GB file is never held in
 * memory, and a player that seeks away (cancel) stops the decryption at once. A source that ends
 * early or runs long errors the stream, because after Content-Length was sent a short body would
 * otherwise pass for a complete one.
 */
function exactly(source: AsyncIterable<Uint8Array>, length: number): ReadableStream<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await it.next();
        if (next.done) {
          if (sent !== length) throw new Error(`media source ended after ${sent} of ${length} bytes`);
          controller.close();
          return;
        }
        sent += next.value.byteLength;
        if (sent > length) throw new Error(`media source gave more than the ${length} bytes asked for`);
        controller.enqueue(next.value);
        if (sent === length) {
          await it.return?.();
          controller.close();
        }
      },
      async cancel() {
        await it.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
