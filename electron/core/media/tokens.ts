import { randomBytes } from 'node:crypto';
import type { MediaEntry, MediaSource } from './handler';

/**
 * Opaque capability tokens: a URL names nothing (no key, no item or blob id) and is worthless once
 * revoked, so a URL that leaks into a log, a history list or a crash report gives nothing away.
 */
export class MediaTokens implements MediaSource {
  private readonly entries = new Map<string, MediaEntry>();

  issue(entry: MediaEntry): string {
    // 256 bits: unguessable even by a local process that can hammer 127.0.0.1.
    const token = randomBytes(32).toString('base64url');
    this.entries.set(token, entry);
    return token;
  }

  revoke(token: string): void {
    this.entries.delete(token);
  }

  /** At lock: every open player and job loses access at once. */
  revokeAll(): void {
    this.entries.clear();
  }

  lookup(token: string): MediaEntry | null {
    return this.entries.get(token) ?? null;
  }

  get size(): number {
    return this.entries.size;
  }
}
