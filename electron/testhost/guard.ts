import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hashing first gives both sides one length, so timingSafeEqual never throws or leaks the length. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer ([A-Za-z0-9_-]+)$/.exec(h) : null;
  return m?.[1] ?? null;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** A page served from another name that resolves to 127.0.0.1 (DNS rebinding) sends its own Host. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  return allowedHosts(port).includes((req.headers.host ?? '').toLowerCase());
}

/** Origin is absent for non-browser clients; when a browser sends one, it must be ours. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}
