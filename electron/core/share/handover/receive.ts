import { appendAudit } from '../../audit';
import { adoptConsentRows, type AdoptedPerson } from '../../consent';
import { beginAdoption, discardAdoption, finishAdoption, insertAdoptedFile, insertAdoptedRecording, type FileRole } from '../../ingest';
import type { Vault } from '../../vault';
import { ShareError, unlistedEntry } from '../errors';
import type { Manifest } from '../manifest';
import { shareTables } from '../schema';
import { drain, type TarEntry } from '../tar';
import type { HandoverRecording } from './manifest';

/** What a colleague's vault now owns (docs/share-package.md, "Handover to a colleague"). */
export interface HandoverReceived {
  packageId: string;
  sender: string;
  reason: string;
  /** the new owner named in the package: each recording's owner from now on */
  owner: string;
  recordingIds: string[];
  /** titles of recordings whose retention ended before the package was opened: not kept */
  expiredOnArrival: string[];
  persons: number;
  alreadyOpen: boolean;
}

type Want =
  | { kind: 'file'; ref: string; position: number; role: FileRole; relPath: string; size: number; sha256: string }
  | { kind: 'form'; key: string; size: number; sha256: string };

/** Originals before their redacted versions, so each version can point at its original's new id. */
function inOrder(recs: HandoverRecording[]): HandoverRecording[] {
  return [...recs.filter((r) => !r.derivedFrom), ...recs.filter((r) => r.derivedFrom)];
}

function expiredRefs(recs: HandoverRecording[], now: Date): Set<string> {
  const out = new Set(recs.filter((r) => r.info && Date.parse(r.info.retentionDeadline) <= now.getTime()).map((r) => r.ref));
  for (const r of inOrder(recs)) if (r.derivedFrom && out.has(r.derivedFrom)) out.add(r.ref);
  return out;
}

function wanted(m: Manifest, skip: Set<string>): Map<string, Want & { skip: boolean }> {
  const h = m.handover!;
  const map = new Map<string, Want & { skip: boolean }>();
  for (const r of h.recordings) r.files.forEach((f, position) => map.set(f.file, { kind: 'file', ref: r.ref, position, role: f.role, relPath: f.relPath, size: f.size, sha256: f.sha256, skip: skip.has(r.ref) }));
  for (const p of h.persons) p.consents.forEach((c, i) => c.form && map.set(c.form.file, { kind: 'form', key: `${p.ref}/${i}`, size: c.form.size, sha256: c.form.sha256, skip: false }));
  return map;
}

/**
 * Brings a handover's recordings, persons and consents into this vault as its own, all or
 * nothing. Called by openPackage after the manifest was read; `entries` yields the rest.
 */
export async function receiveHandover(vault: Vault, m: Manifest, entries: AsyncIterator<TarEntry>, packageSha256: () => string, now: Date): Promise<HandoverReceived> {
  const h = m.handover!;
  const db = shareTables(vault).catalog;
  const base = { packageId: m.id, sender: m.sender.name, reason: h.reason, owner: h.to.name };
  const done = db.prepare("SELECT recordings FROM handover_received WHERE package_id = ? AND state = 'open'").get(m.id) as { recordings: string } | undefined;
  if (done) {
    await entries.return?.(undefined);
    return { ...base, recordingIds: JSON.parse(done.recordings) as string[], expiredOnArrival: [], persons: h.persons.length, alreadyOpen: true };
  }
  await sweepHandovers(vault, m.id);
  const skip = expiredRefs(h.recordings, now);
  const importId = beginAdoption(vault, `Handover from ${m.sender.name}`, now);
  db.prepare("INSERT INTO handover_received (package_id, import_id, state, sender, reason, opened_at) VALUES (?, ?, 'opening', ?, ?, ?)").run(m.id, importId, m.sender.name, h.reason, now.toISOString());
  try {
    const ids = new Map<string, string>();
    db.transaction(() => {
      for (const r of inOrder(h.recordings)) {
        if (skip.has(r.ref)) continue;
        ids.set(r.ref, insertAdoptedRecording(vault, importId, { label: r.title, layout: r.layout, capturedAt: r.capturedAt ?? null, ...(r.derivedFrom ? { derivedFromId: ids.get(r.derivedFrom)! } : {}) }, now));
      }
    })();
    const forms = await storeEntries(vault, m, entries, wanted(m, skip), ids);
    const persons: AdoptedPerson[] = h.persons.map((p) => ({
      ref: p.ref, pseudonym: p.pseudonym, fullName: p.fullName ?? null, contact: p.contact ?? null, role: p.role, birthYear: p.birthYear ?? null, minor: p.minor, consentHolder: p.consentHolder,
      consents: p.consents.map((c, i) => ({
        purposes: c.purposes, audiences: c.audiences, signedBy: c.signedBy, signedAt: c.signedAt, validUntil: c.validUntil ?? null,
        formBlobId: forms.get(`${p.ref}/${i}`) ?? null, status: c.status, withdrawnAt: c.withdrawnAt ?? null, withdrawnHow: c.withdrawnHow ?? null,
      })),
    }));
    const kept = h.recordings.filter((r) => ids.has(r.ref));
    db.transaction(() => {
      adoptConsentRows(vault, persons, kept.map((r) => ({
        recordingId: ids.get(r.ref)!,
        info: r.info ? { ...r.info, owner: h.to.name, consentArchive: r.info.consentArchive ?? null } : null,
        appearances: r.appearances.map((a) => ({ personRef: a.person, presence: a.presence, ranges: a.ranges })),
      })), now);
      finishAdoption(vault, importId, now);
      db.prepare("UPDATE handover_received SET state = 'open', recordings = ? WHERE package_id = ?").run(JSON.stringify([...ids.values()]), m.id);
      appendAudit(vault, {
        action: 'share.handoverReceived',
        subject: importId,
        detail: { package: m.id, sender: m.sender.name, reason: h.reason, owner: h.to.name, recordings: ids.size, expiredOnArrival: skip.size, persons: persons.length, sha256: packageSha256() },
      }, now);
    })();
    return { ...base, recordingIds: [...ids.values()], expiredOnArrival: h.recordings.filter((r) => skip.has(r.ref)).map((r) => r.title), persons: persons.length, alreadyOpen: false };
  } catch (e) {
    await sweepHandovers(vault, m.id);
    throw e;
  }
}

/** Streams each entry into a vault blob checked against the manifest; returns the forms' blobs. */
async function storeEntries(vault: Vault, m: Manifest, entries: AsyncIterator<TarEntry>, want: Map<string, Want & { skip: boolean }>, ids: Map<string, string>): Promise<Map<string, string>> {
  const db = vault.catalog;
  const forms = new Map<string, string>();
  const arrived = new Set<string>();
  const track = db.prepare("UPDATE handover_received SET blob_ids = json_insert(blob_ids, '$[#]', ?) WHERE package_id = ?");
  for (let e = await entries.next(); !e.done; e = await entries.next()) {
    const { name, size, body } = e.value;
    const w = want.get(name);
    if (!w || arrived.has(name)) {
      await drain(body);
      throw unlistedEntry(name);
    }
    if (size !== w.size) throw new ShareError('CHECKSUM_MISMATCH', `${name} is ${size} bytes but the manifest says ${w.size}; the package was changed after it was made. Ask ${m.sender.name} for a new one.`);
    arrived.add(name);
    if (w.skip) {
      await drain(body);
      continue;
    }
    await vault.storeStream(body, { name: `handover ${name}` }, (blob) => {
      track.run(blob.id, m.id);
      if (blob.sha256 !== w.sha256) throw new ShareError('CHECKSUM_MISMATCH', `${name} does not match the checksum in the manifest; the package was changed or damaged after it was made. Nothing was imported; ask ${m.sender.name} for a new one.`);
      if (w.kind === 'form') forms.set(w.key, blob.id);
      else insertAdoptedFile(vault, ids.get(w.ref)!, w.position, { relPath: w.relPath, role: w.role, blob });
    });
  }
  const missing = [...want.keys()].filter((f) => !arrived.has(f));
  if (missing.length > 0) throw new ShareError('TRUNCATED', `The package lacks ${missing.join(', ')}; it was cut short. Copy it again from the medium your colleague gave you.`);
  return forms;
}

/**
 * Removes handovers that never finished (a failure, or a crash: run at unlock), or only the one
 * of `packageId`: their recordings, files, forms and blob keys, then the blob files.
 */
export async function sweepHandovers(vault: Vault, packageId?: string): Promise<number> {
  const db = shareTables(vault).catalog;
  const rows = (packageId
    ? db.prepare("SELECT package_id, import_id, blob_ids FROM handover_received WHERE state = 'opening' AND package_id = ?").all(packageId)
    : db.prepare("SELECT package_id, import_id, blob_ids FROM handover_received WHERE state = 'opening'").all()) as { package_id: string; import_id: string; blob_ids: string }[];
  for (const r of rows) {
    const gone = db.transaction(() => {
      const files = discardAdoption(vault, r.import_id);
      const all = [...new Set([...files, ...(JSON.parse(r.blob_ids) as string[])])];
      for (const b of all) db.prepare('DELETE FROM blobs WHERE id = ?').run(b);
      db.prepare('DELETE FROM handover_received WHERE package_id = ?').run(r.package_id);
      return all;
    })();
    for (const b of gone) await vault.removeBlob(b).catch(() => undefined);
  }
  return rows.length;
}
