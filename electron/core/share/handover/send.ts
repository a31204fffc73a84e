import { access, rm } from 'node:fs/promises';
import { deleteRecording, sourceOf } from '../../ingest';
import type { Vault } from '../../vault';
import { encryptAge } from '../age';
import { ShareError } from '../errors';
import { ensureShareKey, shareIdentity } from '../keys';
import { manifestEntry, newPackageId, serializeManifest, type Manifest } from '../manifest';
import { registerExport } from '../registry';
import { writePackageFile } from '../package-file';
import { shareTables } from '../schema';
import { writeTar } from '../tar';
import { buildHandover, type BuiltHandover } from './build';
import { verifyPackageFile } from './verify';

export interface HandoverRequest {
  recordingIds: string[];
  /** the colleague who takes over: their share key and their name (they become the owner) */
  to: { publicKey: string; name: string };
  reason: string;
  /** the sender as the colleague will see it */
  senderName: string;
  outPath: string;
  now?: Date;
}

export interface HandoverResult {
  exportId: string;
  packageId: string;
  path: string;
  size: number;
  sha256: string;
  /** everything that moved: the chosen recordings and their redacted versions */
  recordingIds: string[];
  /** deleted from this vault after the package read back correctly */
  deleted: string[];
  /** recordings whose deletion here failed after the package was complete: still in this vault */
  notDeleted: Array<{ recordingId: string; message: string }>;
  persons: number;
}

function blobMeta(vault: Vault) {
  return (id: string): { size: number; sha256: string } => {
    const b = vault.catalog.prepare('SELECT size, sha256 FROM blobs WHERE id = ?').get(id) as { size: number; sha256: string } | undefined;
    if (!b) throw new ShareError('NOT_ALLOWED', `A consent form (${id}) is missing from this vault; run "kluis verify" before handing over.`);
    return b;
  };
}

/**
 * Ownership transfer (U5, docs/share-package.md "Handover to a colleague"): package the
 * recordings with their consent records for the colleague and for this vault's own key, read it
 * back, register it, and only then delete them here. Nothing is deleted if any step before fails.
 */
export async function handOver(vault: Vault, req: HandoverRequest): Promise<HandoverResult> {
  const now = req.now ?? new Date();
  if (await access(req.outPath).then(() => true, () => false)) throw new ShareError('NOT_ALLOWED', `${req.outPath} already exists; choose another name (Kluis never overwrites a package).`);
  shareTables(vault);
  const own = ensureShareKey(vault, now);
  if (own.publicKey === req.to.publicKey) throw new ShareError('NOT_ALLOWED', 'That is this vault\'s own share key; ask your colleague for theirs (their Kluis shows it under Share).');
  const built = buildHandover(vault, req.recordingIds, { name: req.to.name }, req.reason, now, blobMeta(vault));
  const manifest: Manifest = {
    format: 'kluis-share',
    version: 1,
    id: newPackageId(),
    kind: 'handover',
    created: now.toISOString(),
    expires: built.lastDeadline,
    sender: { name: req.senderName, publicKey: own.publicKey },
    recipients: [{ type: 'x25519', publicKey: req.to.publicKey, name: req.to.name }, { type: 'x25519', publicKey: own.publicKey, name: req.senderName }],
    purpose: built.handover.recordings.find((r) => r.info)!.info!.purpose,
    audience: 'self',
    permissions: { keep: true, forward: false, deleteAtExpiry: false },
    clips: [],
    handover: built.handover,
  };
  const manifestBytes = serializeManifest(manifest);
  async function* entries() {
    yield manifestEntry(manifestBytes);
    for (const b of built.bodies) yield { name: b.name, size: b.size, body: vault.readBlob(b.blobId) };
  }
  const recipients = manifest.recipients.map((r) => ({ type: 'x25519' as const, publicKey: (r as { publicKey: string }).publicKey }));
  const written = await writePackageFile(req.outPath, encryptAge(recipients, writeTar(entries())));
  try {
    await verifyPackageFile(written.path, shareIdentity(vault), manifestBytes, new Map(built.bodies.map((b) => [b.name, b])));
  } catch (e) {
    await rm(written.path, { force: true });
    throw e;
  }
  const exportId = register(vault, manifest, built, written, req, now);
  const deleted: string[] = [];
  const notDeleted: HandoverResult['notDeleted'] = [];
  for (const id of built.recordingIds) {
    // a redacted version goes with its original (deleteRecording takes it along)
    if (sourceOf(vault, id) !== null || !vault.catalog.prepare('SELECT 1 FROM recordings WHERE id = ?').get(id)) continue;
    // The package is complete and registered by now: a failed deletion must not hide that, so
    // it is reported per recording and the rest go on.
    try {
      await deleteRecording(vault, id, { why: 'handover', rule: 'U5' }, now);
      deleted.push(id);
    } catch (e) {
      notDeleted.push({ recordingId: id, message: `${(e as Error).message.replace(/\.?$/, '.')} The package holds it; delete it here by hand.` });
    }
  }
  return { exportId, packageId: manifest.id, path: written.path, size: written.size, sha256: written.sha256, recordingIds: built.recordingIds, deleted, notDeleted, persons: built.handover.persons.length };
}

function register(vault: Vault, m: Manifest, built: BuiltHandover, file: { path: string; size: number; sha256: string }, req: HandoverRequest, now: Date): string {
  return registerExport(
    vault,
    {
      manifest: m,
      recipients: m.recipients.slice(0, 1),
      file,
      clips: built.recordingIds.map((recordingId, i) => ({ recordingId, sha256: built.handover.recordings[i]!.files[0]!.sha256, inSec: 0 })),
      persons: built.appearing.map((a) => ({ ...a, basis: 'handover' })),
    },
    { action: 'share.handedOver', detail: { package: m.id, to: req.to.name, reason: req.reason, recordings: built.recordingIds.length, persons: built.handover.persons.length, sha256: file.sha256 } },
    now,
  );
}
