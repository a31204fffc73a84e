import { randomBytes } from 'node:crypto';
import { appendAudit, type AuditEvent } from '../audit';
import { registerWithdrawalCascade } from '../consent';
import { sourceOf } from '../ingest';
import type { Vault } from '../vault';
import type { Manifest, ManifestRecipient } from './manifest';
import { shareTables } from './schema';

/** One package that left this vault (R7: withdrawal and deletion list the copies that left). */
export interface ExportRecord {
  id: string;
  packageId: string;
  kind: string;
  createdAt: string;
  expiresAt: string;
  purpose: string;
  audience: string;
  recipients: ManifestRecipient[];
  fileName: string;
  packageSha256: string;
  packageSize: number;
  recordingIds: string[];
  personIds: string[];
}

interface Row {
  id: string;
  package_id: string;
  kind: string;
  created_at: string;
  expires_at: string;
  purpose: string;
  audience: string;
  recipients: string;
  file_name: string;
  package_sha256: string;
  package_size: number;
}

/** What one package that left puts in the register (docs/share-package.md, "Catalog tables"). */
export interface NewExport {
  manifest: Manifest;
  /** as the register names them: a handover names the colleague, not the sender's own key */
  recipients: ManifestRecipient[];
  file: { path: string; size: number; sha256: string };
  clips: Array<{ recordingId: string; sha256: string; inSec: number }>;
  persons: Array<{ recordingId: string; personId: string; basis: string }>;
}

/**
 * Writes the register's rows for one package and its audit entry in one transaction, once the
 * file is complete; each clip also names the original of a redacted version. Returns its id.
 */
export function registerExport(vault: Vault, e: NewExport, audit: Omit<AuditEvent, 'subject'>, now: Date): string {
  const db = shareTables(vault).catalog;
  const m = e.manifest;
  const id = `shx_${randomBytes(8).toString('hex')}`;
  db.transaction(() => {
    db.prepare('INSERT INTO share_exports (id, package_id, kind, created_at, expires_at, purpose, audience, recipients, file_name, package_sha256, package_size) VALUES (?,?,?,?,?,?,?,?,?,?,?)').run(
      id, m.id, m.kind, m.created, m.expires, m.purpose, m.audience, JSON.stringify(e.recipients), e.file.path, e.file.sha256, e.file.size,
    );
    const clip = db.prepare('INSERT INTO share_export_clips (export_id, position, recording_id, clip_sha256, in_sec, source_recording_id) VALUES (?,?,?,?,?,?)');
    e.clips.forEach((c, i) => clip.run(id, i, c.recordingId, c.sha256, c.inSec, sourceOf(vault, c.recordingId)));
    const person = db.prepare('INSERT OR IGNORE INTO share_export_persons (export_id, recording_id, person_id, basis) VALUES (?,?,?,?)');
    for (const p of e.persons) person.run(id, p.recordingId, p.personId, p.basis);
    appendAudit(vault, { ...audit, subject: id }, now);
  })();
  return id;
}

/**
 * Every export, newest first; narrowed to those holding a recording (with `withDerivatives`, or
 * a redacted version of it) or showing a person.
 */
export function listExports(vault: Vault, filter: { recordingId?: string; personId?: string; withDerivatives?: boolean } = {}): ExportRecord[] {
  const db = shareTables(vault).catalog;
  const where: string[] = [];
  const args: string[] = [];
  if (filter.recordingId) {
    where.push(`e.id IN (SELECT export_id FROM share_export_clips WHERE recording_id = ?${filter.withDerivatives ? ' OR source_recording_id = ?' : ''})`);
    args.push(filter.recordingId);
    if (filter.withDerivatives) args.push(filter.recordingId);
  }
  if (filter.personId) {
    where.push('e.id IN (SELECT export_id FROM share_export_persons WHERE person_id = ?)');
    args.push(filter.personId);
  }
  const rows = db.prepare(`SELECT e.* FROM share_exports e ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.created_at DESC, e.id`).all(...args) as Row[];
  const clips = db.prepare('SELECT recording_id FROM share_export_clips WHERE export_id = ? ORDER BY position');
  const persons = db.prepare('SELECT DISTINCT person_id FROM share_export_persons WHERE export_id = ? ORDER BY person_id');
  return rows.map((r) => ({
    id: r.id,
    packageId: r.package_id,
    kind: r.kind,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    purpose: r.purpose,
    audience: r.audience,
    recipients: JSON.parse(r.recipients) as ManifestRecipient[],
    fileName: r.file_name,
    packageSha256: r.package_sha256,
    packageSize: r.package_size,
    recordingIds: [...new Set((clips.all(r.id) as { recording_id: string }[]).map((c) => c.recording_id))],
    personIds: (persons.all(r.id) as { person_id: string }[]).map((p) => p.person_id),
  }));
}

/**
 * The packages a deletion of this recording leaves out there: its own, and those of its redacted
 * versions, which are deleted with it. The register keeps each version's source, so this holds
 * after the deletion too (the notice of an automatic retention deletion asks afterwards).
 */
export function exportsLeavingWith(vault: Vault, recordingId: string): ExportRecord[] {
  return listExports(vault, { recordingId, withDerivatives: true });
}

/** The withdrawal cascade's share entries: each package that showed the person, and what to do. */
export function exportsForWithdrawal(vault: Vault, personId: string, now: Date = new Date()): { kind: 'share-package'; id: string; action: string }[] {
  return listExports(vault, { personId }).map((e) => {
    const who = e.recipients.map((r) => r.name ?? (r.type === 'passphrase' ? 'a passphrase holder' : `${r.publicKey.slice(0, 12)}…`)).join(', ');
    // After a handover the colleague owns the recording and answers the withdrawal (U5).
    if (e.kind === 'handover') return { kind: 'share-package', id: e.packageId, action: `handed over to ${who} on ${e.createdAt.slice(0, 10)}: pass the withdrawal on to them (U5)` };
    const live = Date.parse(e.expiresAt) > now.getTime();
    return {
      kind: 'share-package',
      id: e.packageId,
      action: live ? `ask ${who} to delete package ${e.packageId} (expires ${e.expiresAt.slice(0, 10)})` : `expired ${e.expiresAt.slice(0, 10)}; confirm ${who} deleted it`,
    };
  });
}

// Consent cannot import share (share builds on consent), so share adds its packages to every
// withdrawal's list from here, once, when the capability is loaded.
registerWithdrawalCascade((vault, personId) => exportsForWithdrawal(vault, personId));
