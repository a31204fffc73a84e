import { net, protocol } from 'electron';
import { join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { playbackMediaHandler, type KluisService } from '../core/api';
import { CSP } from './csp';
import { APP_SCHEME, MEDIA_SCHEME } from './origin';

/** Must run before app is ready: the scheme gets the privileges of https, so no file:// is needed. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    // stream: <video> gets Range requests answered piece by piece instead of a buffered whole file.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}


/** Serves the built renderer from inside the app; anything outside its folder is 404. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (relative(rendererDir, file).startsWith('..')) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('Cache-Control', 'no-store');
    return new Response(res.body, { status: res.status, headers });
  });
}

/** Decrypted media for the players, by opaque per-session token; the same handler the test host uses. */
export function serveMedia(service: KluisService): void {
  protocol.handle(MEDIA_SCHEME, playbackMediaHandler(service));
}
