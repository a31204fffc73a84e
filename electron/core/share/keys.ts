import QRCode from 'qrcode';
import type { Vault } from '../vault';
import { generateIdentity, parseRecipient, type Identity } from './age';
import { ShareError } from './errors';
import { SHARE_KEY_MIGRATIONS } from './keys-schema';

export interface ShareKey {
  /** `age1...`: what the owner gives a sender, as text or as a QR code. */
  publicKey: string;
  createdAt: string;
}

interface Row {
  secret_key: string;
  public_key: string;
  created_at: string;
}

function row(vault: Vault): Row | undefined {
  vault.migrate('sharekeys', SHARE_KEY_MIGRATIONS);
  return vault.catalog.prepare('SELECT secret_key, public_key, created_at FROM share_keys WHERE id = 1').get() as Row | undefined;
}

/** The vault owner's share key, made on first use. */
export function ensureShareKey(vault: Vault, now = new Date()): ShareKey {
  const found = row(vault);
  if (found) return { publicKey: found.public_key, createdAt: found.created_at };
  const id = generateIdentity();
  const createdAt = now.toISOString();
  // INSERT OR IGNORE: two windows asking at once still end with one key.
  vault.catalog.prepare('INSERT OR IGNORE INTO share_keys (id, secret_key, public_key, created_at) VALUES (1, ?, ?, ?)').run(id.secretKey, id.publicKey, createdAt);
  const stored = row(vault)!;
  return { publicKey: stored.public_key, createdAt: stored.created_at };
}

/** The public half, or undefined while the owner has not made a share key. */
export function getShareKey(vault: Vault): ShareKey | undefined {
  const found = row(vault);
  return found && { publicKey: found.public_key, createdAt: found.created_at };
}

/** The identity that opens packages made for this vault's share key. */
export function shareIdentity(vault: Vault): Identity {
  const found = row(vault);
  if (!found) throw new ShareError('NO_MATCHING_KEY', 'This Kluis has no share key yet, so no package can have been made for it. Create the share key, give its public part to the sender, and ask for a new package.');
  return { type: 'x25519', secretKey: found.secret_key };
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A QR code of a public share key as an SVG document, for the UI to show. */
export async function shareKeyQrSvg(publicKey: string): Promise<string> {
  parseRecipient(publicKey);
  return QRCode.toString(publicKey, { ...QR_OPTIONS, type: 'svg' });
}

/** The same QR code as a PNG image (`scale` pixels per module). */
export async function shareKeyQrPng(publicKey: string, scale = 8): Promise<Buffer> {
  parseRecipient(publicKey);
  return QRCode.toBuffer(publicKey, { ...QR_OPTIONS, type: 'png', scale });
}
