import { appendAudit } from '../audit';
import type { Vault } from '../vault';
import { ShareError } from './errors';
import type { Manifest } from './manifest';
import { shareTables } from './schema';

/** A clip that arrived in a package: view-only, gone at the package's expiry unless it may be kept. */
export interface ReceivedClip {
  id: string;
  position: number;
  title: string;
  durationSec: number;
  mime: string;
  sha256: string;
  size: number;
  hasPoster: boolean;
  inSec: number | null;
  outSec: number | null;
}

export interface ReceivedPackage {
  id: string;
  packageId: string;
  kind: string;
  sender: string;
  purpose: string;
  audience: string;
  expiresAt: string;
  openedAt: string;
  mayKeep: boolean;
  mayForward: boolean;
  /** what the sender disclosed: the manifest as it arrived (purpose, persons by pseudonym, cuts) */
  manifest: Manifest;
  clips: ReceivedClip[];
}

interface PackageRow {
  id: string;
  package_id: string;
  kind: string;
  sender: string;
  purpose: string;
  audience: string;
  expires_at: string;
  opened_at: string;
  may_keep: number;
  may_forward: number;
  manifest: string;
}

interface ClipRow {
  id: string;
  position: number;
  title: string;
  duration_sec: number;
  mime: string;
  sha256: string;
  size: number;
  poster_blob_id: string | null;
  in_sec: number | null;
  out_sec: number | null;
}

function toPackage(vault: Vault, r: PackageRow): ReceivedPackage {
  const clips = vault.catalog.prepare('SELECT * FROM received_clips WHERE package_id = ? ORDER BY position').all(r.id) as ClipRow[];
  return {
    id: r.id,
    packageId: r.package_id,
    kind: r.kind,
    sender: r.sender,
    purpose: r.purpose,
    audience: r.audience,
    expiresAt: r.expires_at,
    openedAt: r.opened_at,
    mayKeep: r.may_keep === 1,
    mayForward: r.may_forward === 1,
    manifest: JSON.parse(r.manifest) as Manifest,
    clips: clips.map((c) => ({ id: c.id, position: c.position, title: c.title, durationSec: c.duration_sec, mime: c.mime, sha256: c.sha256, size: c.size, hasPoster: c.poster_blob_id !== null, inSec: c.in_sec, outSec: c.out_sec })),
  };
}

export function listReceived(vault: Vault): ReceivedPackage[] {
  const rows = shareTables(vault).catalog.prepare("SELECT * FROM received_packages WHERE state = 'open' ORDER BY opened_at DESC, id").all() as PackageRow[];
  return rows.map((r) => toPackage(vault, r));
}

export function getReceived(vault: Vault, id: string): ReceivedPackage {
  const r = shareTables(vault).catalog.prepare("SELECT * FROM received_packages WHERE id = ? AND state = 'open'").get(id) as PackageRow | undefined;
  if (!r) throw new ShareError('NOT_ALLOWED', `There is no received package ${id} (it may have expired and been deleted); "kluis share ls" lists what arrived.`);
  return toPackage(vault, r);
}

/** The blob of a received clip, for the player (view-only: there is no export path for it). */
export function receivedClipBlob(vault: Vault, clipId: string): { blobId: string; size: number; mime: string } {
  const r = shareTables(vault).catalog
    .prepare("SELECT c.blob_id AS blobId, c.size, c.mime FROM received_clips c JOIN received_packages p ON p.id = c.package_id WHERE c.id = ? AND p.state = 'open'")
    .get(clipId) as { blobId: string; size: number; mime: string } | undefined;
  if (!r) throw new ShareError('NOT_ALLOWED', `There is no received clip ${clipId}; it may have expired and been deleted.`);
  return r;
}

async function deletePackage(vault: Vault, id: string, why: 'expired' | 'interrupted' | 'by-hand', now: Date): Promise<void> {
  const db = vault.catalog;
  const blobs = db.prepare('SELECT blob_id AS b, poster_blob_id AS p FROM received_clips WHERE package_id = ?').all(id) as { b: string; p: string | null }[];
  const packageId = (db.prepare('SELECT package_id FROM received_packages WHERE id = ?').get(id) as { package_id: string } | undefined)?.package_id ?? null;
  db.transaction(() => {
    db.prepare('DELETE FROM feedback_comments WHERE clip_id IN (SELECT id FROM received_clips WHERE package_id = ?)').run(id);
    db.prepare('DELETE FROM received_clips WHERE package_id = ?').run(id);
    db.prepare('DELETE FROM received_packages WHERE id = ?').run(id);
    if (why !== 'interrupted') appendAudit(vault, { action: 'share.receivedDeleted', subject: id, detail: { package: packageId, why, clips: blobs.length } }, now);
  })();
  // keys go with the rows above (crypto-shredding); the files follow
  for (const r of blobs) {
    await vault.removeBlob(r.b);
    if (r.p) await vault.removeBlob(r.p);
  }
}

/**
 * Deletes every received package past its expiry that may not be kept, and any left half-opened
 * by a crash. Called at unlock (and safe to call any time); returns the ids it deleted.
 */
export async function expireReceived(vault: Vault, now: Date = new Date()): Promise<string[]> {
  const db = shareTables(vault).catalog;
  const rows = db.prepare("SELECT id, state FROM received_packages WHERE state = 'opening' OR (expires_at <= ? AND may_keep = 0)").all(now.toISOString()) as { id: string; state: string }[];
  for (const r of rows) await deletePackage(vault, r.id, r.state === 'opening' ? 'interrupted' : 'expired', now);
  return rows.filter((r) => r.state === 'open').map((r) => r.id);
}

/** The reviewer deletes a package before its expiry (done watching). */
export async function deleteReceived(vault: Vault, id: string, now: Date = new Date()): Promise<void> {
  getReceived(vault, id);
  await deletePackage(vault, id, 'by-hand', now);
}
