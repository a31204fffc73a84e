import { access } from 'node:fs/promises';
import { appendAudit } from '../audit';
import type { Vault } from '../vault';
import { encryptAge } from './age';
import { ShareError } from './errors';
import type { ShareRecipient } from './export';
import { manifestEntry, newPackageId, serializeManifest, type Manifest } from './manifest';
import { writePackageFile } from './package-file';
import { getReceived } from './received';
import { writeTar } from './tar';

/**
 * Passing a received package on, only when its sender allowed forwarding. The clips leave
 * exactly as they arrived (same checksums, so feedback still finds the original recording), the
 * expiry never grows, and the new package may not be forwarded again.
 */
export async function forwardReceived(vault: Vault, req: { receivedId: string; recipients: ShareRecipient[]; forwarderName: string; outPath: string; now?: Date }): Promise<{ path: string; size: number; sha256: string; packageId: string }> {
  const now = req.now ?? new Date();
  const pkg = getReceived(vault, req.receivedId);
  if (!pkg.mayForward) throw new ShareError('NOT_ALLOWED', `${pkg.sender} did not allow this package to be forwarded; received clips are view-only. Ask ${pkg.sender} to send it to the other person directly.`);
  if (Date.parse(pkg.expiresAt) <= now.getTime()) throw new ShareError('EXPIRED', 'This package has expired; it can no longer be forwarded.');
  if (req.recipients.length === 0) throw new ShareError('NOT_ALLOWED', 'Name a recipient: their share key (age1...) or a passphrase.');
  if (await access(req.outPath).then(() => true, () => false)) throw new ShareError('NOT_ALLOWED', `${req.outPath} already exists; choose another name.`);
  const blobs = vault.catalog.prepare('SELECT position, blob_id AS blobId FROM received_clips WHERE package_id = ? ORDER BY position').all(pkg.id) as { position: number; blobId: string }[];
  const original = pkg.manifest;
  const manifest: Manifest = {
    ...original,
    id: newPackageId(),
    created: now.toISOString(),
    sender: { name: `${original.sender.name}, forwarded by ${req.forwarderName}`.slice(0, 120), ...(original.sender.publicKey ? { publicKey: original.sender.publicKey } : {}) },
    recipients: req.recipients.map((r) => (r.type === 'x25519' ? { type: 'x25519', publicKey: r.publicKey, ...(r.name ? { name: r.name } : {}) } : { type: 'passphrase', ...(r.name ? { name: r.name } : {}) })),
    permissions: { ...original.permissions, forward: false },
    // posters are not kept on receipt beyond the clip rows; the forwarded package goes without them
    clips: original.clips.map(({ poster: _poster, ...c }) => c),
  };
  const bytes = serializeManifest(manifest);
  async function* entries() {
    yield manifestEntry(bytes);
    for (const b of blobs) {
      const c = manifest.clips[b.position]!;
      yield { name: c.file, size: c.size, body: vault.readBlob(b.blobId) };
    }
  }
  const ageRecipients = req.recipients.map((r) => (r.type === 'x25519' ? { type: 'x25519' as const, publicKey: r.publicKey } : { type: 'scrypt' as const, passphrase: r.passphrase }));
  const written = await writePackageFile(req.outPath, encryptAge(ageRecipients, writeTar(entries())));
  appendAudit(vault, { action: 'share.forwarded', subject: pkg.id, detail: { package: manifest.id, from: original.id, recipients: manifest.recipients.length, sha256: written.sha256 } }, now);
  return { path: written.path, size: written.size, sha256: written.sha256, packageId: manifest.id };
}
