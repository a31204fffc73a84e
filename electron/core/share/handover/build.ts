import { consentSnapshot } from '../../consent';
import { derivativesOf, recordingForHandover, sourceOf } from '../../ingest';
import type { Vault } from '../../vault';
import { ShareError } from '../errors';
import type { Handover, HandoverPerson, HandoverRecording } from './manifest';

/** One tar entry of a handover: a vault blob under its name (files/N or forms/N). */
export interface HandoverBody {
  name: string;
  blobId: string;
  size: number;
  sha256: string;
}

export interface BuiltHandover {
  handover: Handover;
  bodies: HandoverBody[];
  /** the chosen recordings and their redacted versions, originals first */
  recordingIds: string[];
  /** the latest retention deadline: after it nothing in the package may be kept */
  lastDeadline: string;
  /** person ids of everyone appearing, for the sender's register */
  appearing: Array<{ recordingId: string; personId: string }>;
}

/** The chosen originals plus their redacted versions (which a deletion at the sender takes along). */
function withDerivatives(vault: Vault, ids: string[]): string[] {
  const out: string[] = [];
  const add = (id: string): void => {
    if (out.includes(id)) return;
    out.push(id);
    for (const d of derivativesOf(vault, id)) add(d);
  };
  for (const id of ids) {
    const src = sourceOf(vault, id);
    if (src !== null) throw new ShareError('NOT_ALLOWED', `${id} is a redacted version of ${src}; hand over ${src} instead (its versions go with it).`);
    add(id);
  }
  return out;
}

/**
 * Reads what a colleague needs out of this vault (docs/share-package.md, "Handover to a
 * colleague"): files as stored, each recording's basis and retention, who appears, and those
 * persons with all their consents and forms. Refuses what may not move.
 */
export function buildHandover(vault: Vault, recordingIds: string[], to: { name: string }, reason: string, now: Date, blobMeta: (blobId: string) => { size: number; sha256: string }): BuiltHandover {
  if (recordingIds.length === 0) throw new ShareError('NOT_ALLOWED', 'Choose at least one recording to hand over.');
  const ids = withDerivatives(vault, [...new Set(recordingIds)]);
  const snap = consentSnapshot(vault, ids);
  const refOf = new Map(ids.map((id, i) => [id, `r${i + 1}`]));
  const personRef = new Map(snap.persons.map((p, i) => [p.person.id, `p${i + 1}`]));
  const bodies: HandoverBody[] = [];
  const entry = (folder: 'files' | 'forms', blobId: string, size: number, sha256: string) => {
    const name = `${folder}/${bodies.filter((b) => b.name.startsWith(folder)).length + 1}`;
    bodies.push({ name, blobId, size, sha256 });
    return { file: name, size, sha256 };
  };
  const formEntry = (blobId: string) => {
    const { size, sha256 } = blobMeta(blobId);
    return entry('forms', blobId, size, sha256);
  };
  const deadlines: string[] = [];
  const recordings: HandoverRecording[] = ids.map((id) => {
    const r = recordingForHandover(vault, id);
    if (!r) throw new ShareError('NOT_ALLOWED', `There is no recording ${id} in this vault; list them with "kluis recordings".`);
    if (r.state !== 'verified' || r.files.length === 0) throw new ShareError('NOT_ALLOWED', `${r.label} (${id}) is not a verified recording yet; finish its import first.`);
    const src = sourceOf(vault, id);
    const { info, appearances } = snap.recordings.get(id)!;
    if (!src && !info) throw new ShareError('NOT_ALLOWED', `${r.label} (${id}) has no purpose and retention yet; set them first, so your colleague knows why and until when to keep it (U5).`);
    if (info && Date.parse(info.retentionDeadline) <= now.getTime()) {
      throw new ShareError('EXPIRED', `The retention of ${r.label} (${id}) ended on ${info.retentionDeadline.slice(0, 10)}; delete it instead of handing it over (R7).`);
    }
    if (info) deadlines.push(new Date(info.retentionDeadline).toISOString());
    return {
      ref: refOf.get(id)!,
      title: r.label,
      layout: r.layout,
      ...(r.capturedAt ? { capturedAt: new Date(r.capturedAt).toISOString() } : {}),
      importedAt: new Date(r.importedAt).toISOString(),
      ...(src ? { derivedFrom: refOf.get(src)! } : {}),
      ...(info
        ? {
            info: {
              purpose: info.purpose, lawfulBasis: info.lawfulBasis, situation: info.situation, specialCategory: info.specialCategory,
              retentionPreset: info.retentionPreset, retentionDeadline: new Date(info.retentionDeadline).toISOString(),
              ...(info.consentArchive ? { consentArchive: info.consentArchive } : {}),
            },
          }
        : {}),
      files: r.files.map((f) => ({ ...entry('files', f.blobId, f.size, f.sha256), relPath: f.relPath, role: f.role })),
      appearances: appearances.map((a) => ({ person: personRef.get(a.personId)!, presence: a.presence, ranges: a.ranges })),
    };
  });
  const persons: HandoverPerson[] = snap.persons.map(({ person: p, consents }) => ({
    ref: personRef.get(p.id)!,
    pseudonym: p.pseudonym,
    ...(p.fullName ? { fullName: p.fullName } : {}),
    ...(p.contact ? { contact: p.contact } : {}),
    role: p.role,
    ...(p.birthYear !== null ? { birthYear: p.birthYear } : {}),
    minor: p.minor,
    consentHolder: p.consentHolder,
    consents: consents.map((c) => ({
      purposes: c.purposes, audiences: c.audiences, signedBy: c.signedBy, signedAt: c.signedAt,
      ...(c.validUntil ? { validUntil: c.validUntil } : {}),
      status: c.status,
      ...(c.withdrawnAt ? { withdrawnAt: new Date(c.withdrawnAt).toISOString() } : {}),
      ...(c.withdrawnHow ? { withdrawnHow: c.withdrawnHow } : {}),
      ...(c.formBlobId ? { form: formEntry(c.formBlobId) } : {}),
    })),
  }));
  const lastDeadline = deadlines.sort().at(-1)!;
  const appearing = [...snap.recordings].flatMap(([recordingId, r]) => r.appearances.map((a) => ({ recordingId, personId: a.personId })));
  return { handover: { to, reason, recordings, persons }, bodies, recordingIds: ids, lastDeadline, appearing };
}
