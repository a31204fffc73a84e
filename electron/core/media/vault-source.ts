import type { StoredBlob, Vault } from '../vault';
import type { MediaEntry, MediaSource } from './handler';
import { MediaTokens } from './tokens';

/**
 * Tokens for vault blobs. The size comes from the caller's row (StoredBlob), not from a read, and
 * bytes are decrypted per request by Vault.readBlob, which refuses once the vault is locked.
 */
export class VaultMediaSource implements MediaSource {
  private readonly tokens = new MediaTokens();

  constructor(private readonly vault: Vault) {}

  issue(blob: Pick<StoredBlob, 'id' | 'size'>, mime: string): string {
    const entry: MediaEntry = { size: blob.size, mime, read: (start, end) => this.vault.readBlob(blob.id, start, end) };
    return this.tokens.issue(entry);
  }

  revoke(token: string): void {
    this.tokens.revoke(token);
  }

  revokeAll(): void {
    this.tokens.revokeAll();
  }

  lookup(token: string): MediaEntry | null {
    return this.tokens.lookup(token);
  }
}

export function vaultSource(vault: Vault): VaultMediaSource {
  return new VaultMediaSource(vault);
}
