import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit';
import type { Vault } from '../vault';
import { encryptAge } from './age';
import { ShareError } from './errors';
import { manifestEntry, newPackageId, serializeManifest, type Manifest } from './manifest';
import { writePackageFile } from './package-file';
import { getReceived } from './received';
import { shareTables } from './schema';
import { writeTar } from './tar';

/**
 * Time-stamped comments on received clips (the supervisor's review), sent back as a small
 * package of kind 'feedback' that holds only a manifest. The sender's Kluis attaches each comment
 * to the recording whose exported clip has the same SHA-256, so it shows on that timeline.
 */
export interface FeedbackComment {
  id: string;
  clipId: string;
  atSec: number;
  text: string;
  createdAt: string;
}

const MAX_TEXT = 4000;

export function addComment(vault: Vault, c: { clipId: string; atSec: number; text: string }, now: Date = new Date()): FeedbackComment {
  const db = shareTables(vault).catalog;
  const clip = db.prepare("SELECT c.duration_sec AS d FROM received_clips c JOIN received_packages p ON p.id = c.package_id WHERE c.id = ? AND p.state = 'open'").get(c.clipId) as { d: number } | undefined;
  if (!clip) throw new ShareError('NOT_ALLOWED', `There is no received clip ${c.clipId} to comment on; it may have expired.`);
  const text = c.text.trim();
  if (!text || text.length > MAX_TEXT) throw new ShareError('NOT_ALLOWED', `A comment needs between 1 and ${MAX_TEXT} characters.`);
  if (!(c.atSec >= 0) || (clip.d > 0 && c.atSec > clip.d + 0.5)) throw new ShareError('NOT_ALLOWED', `The time ${c.atSec}s is outside the clip (0 to ${clip.d.toFixed(1)}s).`);
  const row: FeedbackComment = { id: `fbc_${randomBytes(8).toString('hex')}`, clipId: c.clipId, atSec: c.atSec, text, createdAt: now.toISOString() };
  db.prepare('INSERT INTO feedback_comments (id, clip_id, at_sec, text, created_at) VALUES (?,?,?,?,?)').run(row.id, row.clipId, row.atSec, row.text, row.createdAt);
  return row;
}

export function listComments(vault: Vault, clipId: string): FeedbackComment[] {
  const rows = shareTables(vault).catalog.prepare('SELECT id, clip_id, at_sec, text, created_at FROM feedback_comments WHERE clip_id = ? ORDER BY at_sec, created_at').all(clipId) as { id: string; clip_id: string; at_sec: number; text: string; created_at: string }[];
  return rows.map((r) => ({ id: r.id, clipId: r.clip_id, atSec: r.at_sec, text: r.text, createdAt: r.created_at }));
}

export interface FeedbackExport {
  path: string;
  size: number;
  sha256: string;
  comments: number;
}

/** Writes the comments on one received package's clips as a feedback package for its sender's share key. */
export async function exportFeedback(vault: Vault, req: { receivedId: string; reviewerName: string; outPath: string; now?: Date }): Promise<FeedbackExport> {
  const now = req.now ?? new Date();
  const pkg = getReceived(vault, req.receivedId);
  const senderKey = pkg.manifest.sender.publicKey;
  if (!senderKey) throw new ShareError('NOT_ALLOWED', `The package from ${pkg.sender} names no share key to answer to; send your comments another way.`);
  if (Date.parse(pkg.expiresAt) <= now.getTime()) throw new ShareError('EXPIRED', 'This package has expired; its feedback can no longer be sent.');
  const feedback = pkg.clips.flatMap((c) => listComments(vault, c.id).map((f) => ({ clipSha256: c.sha256, atSec: f.atSec, text: f.text, writtenAt: f.createdAt })));
  if (feedback.length === 0) throw new ShareError('NOT_ALLOWED', 'There are no comments on this package yet; add some first.');
  const manifest: Manifest = {
    format: 'kluis-share',
    version: 1,
    id: newPackageId(),
    kind: 'feedback',
    created: now.toISOString(),
    expires: new Date(pkg.expiresAt).toISOString(),
    sender: { name: req.reviewerName },
    recipients: [{ type: 'x25519', publicKey: senderKey, name: pkg.sender }],
    purpose: pkg.manifest.purpose,
    audience: pkg.manifest.audience,
    permissions: { keep: true, forward: false, deleteAtExpiry: false },
    clips: [],
    feedback,
  };
  const bytes = serializeManifest(manifest);
  async function* entries() {
    yield manifestEntry(bytes);
  }
  const written = await writePackageFile(req.outPath, encryptAge([{ type: 'x25519', publicKey: senderKey }], writeTar(entries())));
  appendAudit(vault, { action: 'share.feedbackExported', subject: pkg.id, detail: { package: manifest.id, answers: pkg.packageId, comments: feedback.length, sha256: written.sha256 } }, now);
  return { path: written.path, size: written.size, sha256: written.sha256, comments: feedback.length };
}

export interface AttachedFeedback {
  attached: number;
  /** comments on clips this vault never exported (or whose record is gone) */
  unmatched: number;
  recordingIds: string[];
}

/** Opening a feedback package: each comment goes to the recording whose exported clip it names. */
export function attachFeedback(vault: Vault, m: Manifest, now: Date): AttachedFeedback {
  const db = shareTables(vault).catalog;
  // a videotoets clip starts at its in-point: its comment times are moved onto the recording's timeline
  const find = db.prepare('SELECT DISTINCT recording_id, in_sec FROM share_export_clips WHERE clip_sha256 = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO feedback_received (id, recording_id, clip_sha256, package_id, author, at_sec, text, written_at, received_at) VALUES (?,?,?,?,?,?,?,?,?)');
  let attached = 0;
  let unmatched = 0;
  const recordings = new Set<string>();
  db.transaction(() => {
    for (const f of m.feedback ?? []) {
      const recs = find.all(f.clipSha256) as { recording_id: string; in_sec: number }[];
      if (recs.length === 0) unmatched++;
      for (const r of recs) {
        attached += insert.run(`fbr_${randomBytes(8).toString('hex')}`, r.recording_id, f.clipSha256, m.id, m.sender.name, f.atSec + r.in_sec, f.text, f.writtenAt, now.toISOString()).changes;
        recordings.add(r.recording_id);
      }
    }
    appendAudit(vault, { action: 'share.feedbackOpened', subject: m.id, detail: { attached, unmatched, recordings: recordings.size } }, now);
  })();
  return { attached, unmatched, recordingIds: [...recordings] };
}

export interface TimelineComment {
  id: string;
  atSec: number;
  text: string;
  author: string;
  writtenAt: string;
  packageId: string;
}

/** Comments that came back on a recording, in timeline order. */
export function feedbackFor(vault: Vault, recordingId: string): TimelineComment[] {
  const rows = shareTables(vault).catalog.prepare('SELECT id, at_sec, text, author, written_at, package_id FROM feedback_received WHERE recording_id = ? ORDER BY at_sec, written_at').all(recordingId) as {
    id: string; at_sec: number; text: string; author: string; written_at: string; package_id: string;
  }[];
  return rows.map((r) => ({ id: r.id, atSec: r.at_sec, text: r.text, author: r.author, writtenAt: r.written_at, packageId: r.package_id }));
}
