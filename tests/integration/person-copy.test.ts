/**
 * B1 (Blijf Groep: "the other party gets a copy on request"), AVG art. 15: a recorded person gets
 * the recordings they are in as a password-protected zip that a real, independent unzip tool
 * (7-Zip) opens, with no plaintext on disk on the way, the copy in the audit log and the
 * password nowhere in the vault.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/audit';
import { addAppearance, addPerson } from '../../electron/core/consent';
import { copyForPerson, isShareError, personCopyOptions } from '../../electron/core/share';
import { removeDir } from '../helpers/vault-fixtures';
import { sevenZip } from '../helpers/seven-zip';
import { filesContaining, makeSender, newDir, NOW, type Sender } from './share-fixtures';

let dir: string;
let sender: Sender;
let other: string;

const fileRows = (id: string) => sender.vault.catalog.prepare("SELECT rel_path AS relPath, sha256 FROM recording_files WHERE recording_id = ? AND role IN ('main', 'chapter')").all(id) as { relPath: string; sha256: string }[];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function refusal(fn: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await fn().then(() => null, (x: unknown) => x);
  if (!isShareError(e)) throw new Error(`expected a share error, got ${String(e)}`);
  return { code: e.code, message: e.message };
}

beforeAll(async () => {
  dir = await newDir();
  sender = await makeSender(dir);
  other = addPerson(sender.vault, { pseudonym: 'A.B.', role: 'pupil', birthYear: 2001, consentHolder: 'self' }, NOW).id;
  addAppearance(sender.vault, { recordingId: sender.gps, personId: other, presence: 'seen' }, NOW);
}, 180_000);
afterAll(async () => {
  await sender?.vault.lock();
  await removeDir(dir);
});

describe('a copy for a recorded person (B1)', () => {
  it('offers the recordings the person is in, each with the others recorded in it', () => {
    const options = personCopyOptions(sender.vault, sender.person);
    expect(options.map((o) => o.recordingId).sort()).toEqual([sender.plain, sender.gps].sort());
    expect(options.find((o) => o.recordingId === sender.plain)!.others).toEqual([]);
    expect(options.find((o) => o.recordingId === sender.gps)!.others).toEqual(['A.B.']);
    expect(personCopyOptions(sender.vault, other).map((o) => o.recordingId)).toEqual([sender.gps]);
  });

  it('writes a zip 7-Zip opens with the password only, holding the recordings byte for byte and a read-me; nothing plain on disk', async () => {
    const out = join(dir, 'stick', 'copy J.K. "1".zip');
    await writeFile(join(dir, 'placeholder'), '');
    await mkdir(join(dir, 'stick'));
    const r = await copyForPerson(sender.vault, { personId: sender.person, recordingIds: [sender.plain], outPath: out, now: NOW });
    expect(r.path).toBe(out);
    expect(r.password.length).toBeGreaterThanOrEqual(20);
    expect(sha(await readFile(out))).toBe(r.sha256);

    const names = sevenZip.list(out, r.password);
    const [rec] = fileRows(sender.plain);
    const inZip = names.find((n) => n.endsWith('/MVI_0001.MP4'))!;
    expect(names).toContain('LEESMIJ - README.txt');
    expect(inZip).toMatch(/^01 /);
    expect(sha(sevenZip.extract(out, r.password, inZip))).toBe(rec!.sha256);
    expect(r.files).toEqual([{ name: inZip, size: expect.any(Number), sha256: rec!.sha256, recordingId: sender.plain }]);
    const readme = sevenZip.extract(out, r.password, 'LEESMIJ - README.txt').toString('utf8');
    expect(readme).toContain('Kopie van opnames voor J.K.');
    expect(readme).toContain(`SHA-256 ${rec!.sha256}`);

    expect(spawnSync(sevenZip.bin, ['t', `-pwrong-password`, out]).status).not.toBe(0);
    // the clip carries a marker in its metadata: it must not be readable anywhere on disk
    expect(await filesContaining(dir, sender.marker)).toEqual([]);
  });

  it('logs the copy (recordings, size, hash) and never the password', async () => {
    const r = await copyForPerson(sender.vault, { personId: sender.person, recordingIds: [sender.plain], outPath: join(dir, 'second.zip'), now: NOW });
    const entries = listAudit(sender.vault, { subject: sender.person }).filter((e) => e.action === 'person.copyGiven');
    expect(entries.length).toBe(2);
    expect(entries.at(-1)!.detail).toMatchObject({ rule: 'B1', recordings: sender.plain, files: 1, bytes: r.size, sha256: r.sha256 });
    expect(JSON.stringify(listAudit(sender.vault, {}))).not.toContain(r.password);
  });

  it('refuses a recording that also shows someone else unless the user confirmed it, naming them', async () => {
    const out = join(dir, 'crowded.zip');
    const e = await refusal(() => copyForPerson(sender.vault, { personId: sender.person, recordingIds: [sender.gps], outPath: out, now: NOW }));
    expect(e.code).toBe('NOT_ALLOWED');
    expect(e.message).toContain('A.B.');
    expect(e.message).toContain('art. 15(4)');
    await expect(readFile(out)).rejects.toThrow();
    const r = await copyForPerson(sender.vault, { personId: sender.person, recordingIds: [sender.gps], outPath: out, othersConfirmed: true, now: NOW });
    expect(sevenZip.list(out, r.password).some((n) => n.endsWith('/MVI_0002.MOV'))).toBe(true);
  });

  it('refuses recordings the person is not in, and never overwrites a file', async () => {
    const notIn = addPerson(sender.vault, { pseudonym: 'Z.Z.', role: 'other', consentHolder: 'self' }, NOW).id;
    const e = await refusal(() => copyForPerson(sender.vault, { personId: notIn, recordingIds: [sender.plain], outPath: join(dir, 'none.zip'), now: NOW }));
    expect(e.code).toBe('NOT_ALLOWED');
    expect(e.message).toContain('Z.Z. does not appear in recording');
    const existing = join(dir, 'placeholder');
    const again = await refusal(() => copyForPerson(sender.vault, { personId: sender.person, recordingIds: [sender.plain], outPath: existing, now: NOW }));
    expect(again.message).toContain('already exists');
    expect((await readFile(existing)).length).toBe(0);
  });
});
