import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { appendAudit } from '../audit';
import { getPerson, listAppearances, recordingsWith } from '../consent';
import { derivativesOf, listRecordings, mediaParts, sourceOf } from '../ingest';
import { dropPageCache, type Vault } from '../vault';
import { ShareError } from './errors';
import { personCopyReadme, type CopiedFile } from './person-copy-readme';
import { generateZipPassword, writeEncryptedZip, type ZipEntrySource } from './zip';

/** A recording a person may get a copy of: one they appear in, or a redacted version of one. */
export interface PersonCopyOption {
  recordingId: string;
  label: string;
  capturedAt: string | null;
  bytes: number;
  /** the original this is a redacted version of, or null for the original itself */
  derivedFrom: string | null;
  /** pseudonyms of the other people recorded in it (their rights come first: AVG art. 15(4)) */
  others: string[];
}

export interface PersonCopyRequest {
  personId: string;
  recordingIds: string[];
  /** the .zip to write, e.g. on the person's USB stick; never overwritten (the zip writer refuses) */
  outPath: string;
  /** the user checked that the others in these recordings may be in this copy */
  othersConfirmed?: boolean;
  now?: Date;
}

export interface PersonCopyResult {
  path: string;
  size: number;
  sha256: string;
  /** shown once, to be given to the person separately; Kluis keeps no copy of it */
  password: string;
  files: CopiedFile[];
}

/** The recordings a person appears in, with the redacted versions made of them (B1). */
export function personCopyOptions(vault: Vault, personId: string): PersonCopyOption[] {
  getPerson(vault, personId);
  const appearsIn = new Set(recordingsWith(vault, personId));
  const pseudonym = (id: string) => getPerson(vault, id).pseudonym;
  const othersIn = (recordingId: string) =>
    listAppearances(vault, recordingId)
      .filter((a) => a.personId !== personId)
      .map((a) => pseudonym(a.personId));
  const chosen = new Set([...appearsIn, ...[...appearsIn].flatMap((id) => derivativesOf(vault, id))]);
  return listRecordings(vault)
    .filter((r) => chosen.has(r.id))
    .map((r) => {
      const derivedFrom = sourceOf(vault, r.id);
      return { recordingId: r.id, label: r.label, capturedAt: r.capturedAt, bytes: mediaParts(vault, r.id).reduce((s, p) => s + p.size, 0), derivedFrom, others: othersIn(derivedFrom ?? r.id) };
    });
}

/**
 * The copy a recorded person gets on request (B1; AVG art. 15): the chosen recordings as
 * recorded, in a password-protected zip (docs/encrypted-zip.md) that common unzip tools open,
 * because the person has no Kluis and a USB stick must be protected (R11). The zip is read back
 * from its device before the copy counts as given.
 */
export async function copyForPerson(vault: Vault, req: PersonCopyRequest): Promise<PersonCopyResult> {
  const now = req.now ?? new Date();
  const folder = dirname(req.outPath);
  if (!(await stat(folder).then((s) => s.isDirectory(), () => false))) throw new ShareError('NOT_ALLOWED', `The folder ${folder} does not exist; choose one that does (is the USB stick plugged in?).`);
  const person = getPerson(vault, req.personId);
  const picked = pickOptions(personCopyOptions(vault, req.personId), req, person.pseudonym);
  const files = picked.flatMap((o, i) => filesOf(vault, o, i + 1, now));
  const password = generateZipPassword();
  const readme = Buffer.from(personCopyReadme(person.pseudonym, files, now), 'utf8');
  const entries: ZipEntrySource[] = [
    { name: README_NAME, size: readme.length, modified: now, read: async function* () { yield readme; } },
    ...files.map((f) => ({ name: f.name, size: f.size, modified: f.modified, read: () => vault.readBlob(f.blobId) })),
  ];
  const written = await writeEncryptedZip(req.outPath, password, entries);
  await readBack(written);
  appendAudit(vault, { action: 'person.copyGiven', subject: person.id, detail: { rule: 'B1', recordings: picked.map((o) => o.recordingId).join(','), files: files.length, bytes: written.size, sha256: written.sha256 } }, now);
  return { path: written.path, size: written.size, sha256: written.sha256, password, files: files.map(({ name, size, sha256, recordingId }) => ({ name, size, sha256, recordingId })) };
}

const README_NAME = 'LEESMIJ - README.txt';

function pickOptions(options: PersonCopyOption[], req: PersonCopyRequest, pseudonym: string): PersonCopyOption[] {
  if (req.recordingIds.length === 0) throw new ShareError('NOT_ALLOWED', 'Choose at least one recording for the copy.');
  const byId = new Map(options.map((o) => [o.recordingId, o]));
  const picked = [...new Set(req.recordingIds)].map((id) => {
    const o = byId.get(id);
    if (!o) throw new ShareError('NOT_ALLOWED', `${pseudonym} does not appear in recording ${id}; a copy on request covers only the recordings a person is in (B1). Record the appearance first if they are in it.`);
    return o;
  });
  const crowded = picked.filter((o) => o.others.length > 0);
  if (crowded.length > 0 && !req.othersConfirmed) {
    const who = [...new Set(crowded.flatMap((o) => o.others))].join(', ');
    throw new ShareError('NOT_ALLOWED', `${crowded.length === 1 ? 'A chosen recording also shows' : `${crowded.length} chosen recordings also show`} ${who}. Their rights come first (AVG art. 15(4)): give a redacted version instead, or confirm that they may be in this copy.`);
  }
  return picked;
}

/** Each recording in its own folder, numbered in the order chosen; names safe on Windows too. */
function filesOf(vault: Vault, o: PersonCopyOption, n: number, now: Date): (CopiedFile & { blobId: string; modified: Date })[] {
  const folder = `${String(n).padStart(2, '0')} ${safeName(o.label) || o.recordingId}`;
  return mediaParts(vault, o.recordingId).map((p) => {
    if (!p.sha256) throw new ShareError('NOT_ALLOWED', `Recording ${o.recordingId} has a file without a checksum; run "kluis verify" first.`);
    return { name: `${folder}/${safeName(basename(p.relPath))}`, size: p.size, sha256: p.sha256, recordingId: o.recordingId, blobId: p.blobId, modified: o.capturedAt ? new Date(o.capturedAt) : now };
  });
}

function safeName(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim().slice(0, 80);
}

/** A USB stick that loses bytes must say so now, not when the person opens the copy. */
async function readBack(written: { path: string; sha256: string }): Promise<void> {
  await dropPageCache(written.path);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(written.path)) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== written.sha256) {
    await rm(written.path, { force: true });
    throw new ShareError('CHECKSUM_MISMATCH', `The copy at ${written.path} read back differently from what was written, so it was removed; the drive may be failing: try another one.`);
  }
}
