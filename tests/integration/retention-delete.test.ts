/**
 * Deleting a recording (crypto-shredding) and retention enforcement (R7, H7), on a real
 * encrypted vault with really imported recordings and a fixed clock.
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../electron/core/audit';
import { addAppearance, addPerson, getRecordingInfo, listAppearances, runRetention, setRecordingPurpose } from '../../electron/core/consent';
import { deleteRecording, listRecordings } from '../../electron/core/ingest';
import { ensureMediaTables } from '../../electron/core/media';
import { Vault, VaultError } from '../../electron/core/vault';
import { PASSWORD, removeDir } from '../helpers/vault-fixtures';
import { RECORDED, vaultWithRecordings } from '../unit/consent/fixtures';

let dir: string | undefined;
let vault: Vault | undefined;
afterEach(async () => {
  if (vault?.isOpen) await vault.lock();
  await removeDir(dir);
  vault = undefined;
  dir = undefined;
});

const DAY = 86_400_000;

async function blobFiles(vaultDir: string): Promise<string[]> {
  const objects = join(vaultDir, 'objects');
  const out: string[] = [];
  for (const prefix of await readdir(objects)) for (const name of await readdir(join(objects, prefix))) out.push(name);
  return out.sort();
}

function fileBlobs(v: Vault, recordingId: string): string[] {
  return (v.catalog.prepare('SELECT blob_id FROM recording_files WHERE recording_id = ?').all(recordingId) as { blob_id: string }[]).map((r) => r.blob_id);
}

/** A poster blob and media_info row as the media queue would leave them (stored through the vault's own API). */
async function givePoster(v: Vault, recordingId: string): Promise<string> {
  ensureMediaTables(v);
  return v.storeBytes(Buffer.from('poster-jpeg-bytes'), { name: 'poster' }, (blob) => {
    v.catalog.prepare("INSERT INTO media_info (recording_id, status, poster_blob_id) VALUES (?, 'done', ?)").run(recordingId, blob.id);
    return blob.id;
  });
}

async function setup(): Promise<{ v: Vault; vaultDir: string; recs: string[]; person: string }> {
  const made = await vaultWithRecordings(2);
  dir = made.dir;
  vault = made.vault;
  const v = made.vault;
  const person = addPerson(v, { pseudonym: 'L.J.', role: 'pupil', consentHolder: 'school-protocol' }).id;
  for (const r of made.recordings) {
    setRecordingPurpose(v, { recordingId: r, purpose: 'reflection', lawfulBasis: 'consent', situation: 'partner-school', specialCategory: false, owner: 'teacher-a', retentionPreset: 'reflection' });
    addAppearance(v, { recordingId: r, personId: person, presence: 'both' });
  }
  return { v, vaultDir: join(made.dir, 'vault'), recs: made.recordings, person };
}

describe('deleteRecording: crypto-shredding in one catalog transaction (R7)', () => {
  it('removes files, blob keys and blob files, media_info with its poster, consent rows and the recording; audits reason and rule', async () => {
    const { v, vaultDir, recs, person } = await setup();
    const [gone, kept] = recs as [string, string];
    const poster = await givePoster(v, gone);
    const blobs = [...fileBlobs(v, gone), poster];
    expect(await blobFiles(vaultDir)).toEqual(expect.arrayContaining(blobs));

    const at = new Date(RECORDED.getTime() + 40 * DAY);
    const d = await deleteRecording(v, gone, { why: 'user', rule: 'R7' }, at);
    expect(d).toMatchObject({ recordingId: gone, blobs: blobs.length, persons: [person], deletedAt: at.toISOString() });

    expect(listRecordings(v).map((r) => r.id)).toEqual([kept]);
    expect(v.catalog.prepare('SELECT count(*) AS n FROM recording_files WHERE recording_id = ?').get(gone)).toEqual({ n: 0 });
    expect(v.catalog.prepare('SELECT count(*) AS n FROM media_info WHERE recording_id = ?').get(gone)).toEqual({ n: 0 });
    expect(getRecordingInfo(v, gone)).toBeNull();
    expect(listAppearances(v, gone)).toEqual([]);
    for (const b of blobs) {
      expect(v.catalog.prepare('SELECT 1 FROM blobs WHERE id = ?').get(b)).toBeUndefined();
      expect(() => v.readBlob(b)).toThrow(VaultError);
    }
    const files = await blobFiles(vaultDir);
    for (const b of blobs) expect(files).not.toContain(b);
    // the other recording is untouched and still reads back
    for (const b of fileBlobs(v, kept)) expect((await v.readBlob(b).next()).done).toBe(false);

    const entry = listAudit(v).at(-1)!;
    expect(entry).toMatchObject({ action: 'recording.deleted', subject: gone, detail: { why: 'user', rule: 'R7', persons: person, retentionPreset: 'reflection' } });
    expect(JSON.stringify(entry.detail)).not.toContain('MVI_');
    expect(verifyAudit(v).ok).toBe(true);
  });

  it('is crash-safe: a blob file left behind after the commit is an orphan the next unlock sweeps (R7)', async () => {
    const { v, vaultDir, recs } = await setup();
    const target = recs[0]!;
    const blob = fileBlobs(v, target)[0]!;
    const path = join(vaultDir, 'objects', blob.slice(0, 2), blob);
    const keep = join(dir!, 'saved-ciphertext');
    await copyFile(path, keep);
    await deleteRecording(v, target, { why: 'user', rule: 'R7' });
    // what a crash between the commit and the file removal leaves: the ciphertext without its key
    await mkdir(dirname(path), { recursive: true });
    await copyFile(keep, path);
    expect(await blobFiles(vaultDir)).toContain(blob);
    expect((await v.verify()).orphans).toBe(1);
    await v.lock();
    vault = await Vault.open(vaultDir, PASSWORD);
    expect(await blobFiles(vaultDir)).not.toContain(blob);
    expect(listRecordings(vault).map((r) => r.id)).toEqual([recs[1]]);
  });

  it('names a missing recording and changes nothing', async () => {
    const { v, recs } = await setup();
    await expect(deleteRecording(v, 'rec_0000000000000000', { why: 'user', rule: 'R7' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(listRecordings(v).map((r) => r.id)).toEqual(recs);
  });
});

describe('runRetention with a fixed clock (R7, H7)', () => {
  it('H7: lists without deleting unless confirmed; confirmed, deletes what is past its deadline and the chain still verifies', async () => {
    const { v, vaultDir, recs } = await setup();
    // reflection is 4 weeks from the recording; push the second one's deadline out with a custom date
    setRecordingPurpose(v, { recordingId: recs[1]!, purpose: 'reflection', lawfulBasis: 'consent', situation: 'partner-school', specialCategory: false, owner: 'teacher-a', retentionPreset: 'custom', deadline: '2027-01-01' });
    const now = new Date(RECORDED.getTime() + 29 * DAY);
    const before = await blobFiles(vaultDir);

    const dry = await runRetention(v, { now, confirm: false });
    expect(dry.confirmed).toBe(false);
    expect(dry.due.map((d) => [d.recordingId, d.rule])).toEqual([[recs[0], 'H7']]);
    expect(dry.deleted).toEqual([]);
    expect(listRecordings(v)).toHaveLength(2);
    expect(await blobFiles(vaultDir)).toEqual(before);

    const doomed = fileBlobs(v, recs[0]!);
    const run = await runRetention(v, { now, confirm: true });
    expect(run.deleted.map((d) => d.recordingId)).toEqual([recs[0]]);
    expect(listRecordings(v).map((r) => r.id)).toEqual([recs[1]]);
    const after = await blobFiles(vaultDir);
    for (const b of doomed) {
      expect(after).not.toContain(b);
      expect(() => v.readBlob(b)).toThrow(/There is no blob/);
    }
    const entry = listAudit(v).at(-1)!;
    expect(entry).toMatchObject({ action: 'recording.deleted', subject: recs[0], at: now.toISOString(), detail: { why: 'retention', rule: 'H7' } });
    expect(verifyAudit(v)).toMatchObject({ ok: true, problems: [] });

    // run again at the same time: nothing more is due
    expect((await runRetention(v, { now, confirm: true })).due).toEqual([]);
  });
});
