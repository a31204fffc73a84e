import { access } from 'node:fs/promises';
import type { Audience, Purpose } from '../consent';
import type { Vault } from '../vault';
import { encryptAge } from './age';
import { posterOf, stageClip, type ExportStripped, type StagedClip } from './clips';
import { shareDeps } from './deps';
import { ShareError } from './errors';
import { assertGate, checkGate, NO_REDACTION, type GateResult, type RedactionFacts } from './gate';
import { ensureShareKey } from './keys';
import { manifestEntry, newPackageId, serializeManifest, type Manifest, type ManifestClip, type ManifestEdit, type ManifestRecipient } from './manifest';
import { writePackageFile } from './package-file';
import { registerExport } from './registry';
import { shareTables } from './schema';
import { writeTar } from './tar';

export type ShareRecipient = { type: 'x25519'; publicKey: string; name?: string } | { type: 'passphrase'; passphrase: string; name?: string };

export interface ExportItem {
  recordingId: string;
  title?: string;
  /** videotoets: the part to keep, in seconds of the recording */
  inSec?: number;
  outSec?: number;
}

export interface ExportRequest {
  kind?: 'share' | 'videotoets';
  items: ExportItem[];
  purpose: Purpose;
  audience: Audience;
  expires: Date;
  recipients: ShareRecipient[];
  /** the sender as the recipient will see it: a pseudonym or display name (R10) */
  senderName: string;
  permissions?: { keep?: boolean; forward?: boolean };
  /** burnt into every video frame, e.g. the recipient's name */
  watermark?: string;
  /** where the package goes (a USB stick, a folder); only ciphertext is written there */
  outPath: string;
  now?: Date;
}

/** What other capabilities contribute; each is optional so share works before they land. */
export interface ExportDeps {
  redaction?: RedactionFacts;
  exportStripped?: ExportStripped;
  /** the edit manifest of a derived recording (B1: every cut disclosed) */
  editsOf?: (vault: Vault, recordingId: string) => ManifestEdit[];
}

export interface ExportResult {
  exportId: string;
  packageId: string;
  path: string;
  size: number;
  sha256: string;
  gate: GateResult;
  manifest: Manifest;
}

function titleOf(vault: Vault, recordingId: string): string {
  const r = vault.catalog
    .prepare('SELECT coalesce(m.title, r.label) AS t FROM recordings r LEFT JOIN media_info m ON m.recording_id = r.id WHERE r.id = ?')
    .get(recordingId) as { t: string | null } | undefined;
  return r?.t || recordingId;
}

function checkRequest(req: ExportRequest, now: Date): void {
  if (req.items.length === 0) throw new ShareError('NOT_ALLOWED', 'Choose at least one recording to export.');
  if (req.recipients.length === 0) throw new ShareError('NOT_ALLOWED', 'Name a recipient: their share key (age1...) or a passphrase.');
  if (req.expires.getTime() <= now.getTime()) throw new ShareError('EXPIRED', `The expiry date ${req.expires.toISOString()} has already passed; choose a later one (H6: no longer than needed, but not in the past).`);
  for (const it of req.items) {
    if (/^rcl_/.test(it.recordingId)) throw new ShareError('NOT_ALLOWED', `${it.recordingId} is a received clip: received items are view-only and cannot be exported again (forward it only if its sender allowed that).`);
    if ((it.inSec !== undefined || it.outSec !== undefined) && !(it.outSec === undefined || it.outSec > (it.inSec ?? 0))) {
      throw new ShareError('NOT_ALLOWED', `The out-point of ${it.recordingId} must come after its in-point.`);
    }
  }
}

/**
 * Gate → stage each clip as a vault blob (stripped, cut, watermarked) → one tar with the
 * manifest first → age → the chosen file. Registered in the catalog and the audit log only once
 * the file is complete on disk.
 */
export async function exportPackage(vault: Vault, req: ExportRequest, deps: ExportDeps = shareDeps()): Promise<ExportResult> {
  const now = req.now ?? new Date();
  checkRequest(req, now);
  if (await access(req.outPath).then(() => true, () => false)) throw new ShareError('NOT_ALLOWED', `${req.outPath} already exists; choose another name (Kluis never overwrites a package).`);
  shareTables(vault);
  const gate = checkGate(vault, req.items.map((i) => i.recordingId), req.purpose, req.audience, now, deps.redaction ?? NO_REDACTION);
  assertGate(gate);
  const sender = await ensureShareKey(vault);
  const kind = req.kind ?? 'share';
  const staged: StagedClip[] = [];
  try {
    const clips: ManifestClip[] = [];
    const bodies: Array<{ name: string; blobId: string; size: number }> = [];
    for (const [i, it] of req.items.entries()) {
      const s = await stageClip(vault, it.recordingId, { ...(req.watermark ? { watermark: req.watermark } : {}), ...(it.inSec !== undefined ? { inSec: it.inSec } : {}), ...(it.outSec !== undefined ? { outSec: it.outSec } : {}) }, deps.exportStripped);
      staged.push(s);
      const n = String(i + 1).padStart(2, '0');
      const file = `clips/${n}.${s.ext}`;
      bodies.push({ name: file, blobId: s.blobId, size: s.size });
      const cut = it.inSec !== undefined || it.outSec !== undefined;
      // A poster of the whole, unmarked recording would show what the cut or the watermark removed.
      const poster = !cut && !req.watermark ? posterOf(vault, it.recordingId) : null;
      if (poster) bodies.push({ name: `posters/${n}.jpg`, blobId: poster.blobId, size: poster.size });
      const gr = gate.recordings.find((r) => r.recordingId === it.recordingId)!;
      const edits: ManifestEdit[] = [...(deps.editsOf?.(vault, it.recordingId) ?? [])];
      if (cut) edits.push({ op: 'keep', fromSec: it.inSec ?? 0, toSec: it.outSec ?? s.durationSec + (it.inSec ?? 0), note: 'only this part of the recording is in the clip' });
      clips.push({
        file,
        title: it.title ?? titleOf(vault, it.recordingId),
        durationSec: s.durationSec,
        mime: s.mime,
        size: s.size,
        sha256: s.sha256,
        ...(poster ? { poster: { file: `posters/${n}.jpg`, sha256: poster.sha256, size: poster.size } } : {}),
        ...(it.inSec !== undefined ? { inSec: it.inSec } : {}),
        ...(it.outSec !== undefined ? { outSec: it.outSec } : {}),
        edits,
        persons: gr.persons.map((p) => ({ pseudonym: p.pseudonym, basis: p.basis ?? 'redacted' })),
      });
    }
    const keep = req.permissions?.keep ?? false;
    const recipients: ManifestRecipient[] = req.recipients.map((r) => (r.type === 'x25519' ? { type: 'x25519', publicKey: r.publicKey, ...(r.name ? { name: r.name } : {}) } : { type: 'passphrase', ...(r.name ? { name: r.name } : {}) }));
    const manifest: Manifest = {
      format: 'kluis-share',
      version: 1,
      id: newPackageId(),
      kind,
      created: now.toISOString(),
      expires: req.expires.toISOString(),
      sender: { name: req.senderName, publicKey: sender.publicKey },
      recipients,
      purpose: req.purpose,
      audience: req.audience,
      permissions: { keep, forward: req.permissions?.forward ?? false, deleteAtExpiry: !keep },
      ...(req.watermark ? { watermark: req.watermark } : {}),
      clips,
    };
    const manifestBytes = serializeManifest(manifest);
    async function* entries() {
      yield manifestEntry(manifestBytes);
      for (const b of bodies) yield { name: b.name, size: b.size, body: vault.readBlob(b.blobId) };
    }
    const ageRecipients = req.recipients.map((r) => (r.type === 'x25519' ? { type: 'x25519' as const, publicKey: r.publicKey } : { type: 'scrypt' as const, passphrase: r.passphrase }));
    const written = await writePackageFile(req.outPath, encryptAge(ageRecipients, writeTar(entries())));
    const exportId = recordExport(vault, manifest, req, written, gate, now);
    return { exportId, packageId: manifest.id, path: written.path, size: written.size, sha256: written.sha256, gate, manifest };
  } finally {
    for (const s of staged) if (s.temporary) await vault.removeBlob(s.blobId).catch(() => undefined);
  }
}

function recordExport(vault: Vault, m: Manifest, req: ExportRequest, file: { path: string; size: number; sha256: string }, gate: GateResult, now: Date): string {
  return registerExport(
    vault,
    {
      manifest: m,
      recipients: m.recipients,
      file,
      clips: req.items.map((it, i) => ({ recordingId: it.recordingId, sha256: m.clips[i]!.sha256, inSec: it.inSec ?? 0 })),
      persons: gate.recordings.flatMap((r) => r.persons.map((p) => ({ recordingId: r.recordingId, personId: p.personId, basis: p.basis ?? 'redacted' }))),
    },
    {
      action: 'share.exported',
      detail: { package: m.id, kind: m.kind, purpose: m.purpose, audience: m.audience, recipients: m.recipients.length, passphrase: m.recipients.some((r) => r.type === 'passphrase'), expires: m.expires, clips: m.clips.length, sha256: file.sha256, watermark: Boolean(m.watermark) },
    },
    now,
  );
}
