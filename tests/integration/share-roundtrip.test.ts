/**
 * Export from one real vault, open in another (issue 7): real ffmpeg clips, real age, real
 * encrypted catalogs. Rule codes from policies/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../electron/core/audit';
import { getConsent, listConsents, withdrawConsent } from '../../electron/core/consent';
import {
  ensureShareKey, exportPackage, feedbackFor, addComment, exportFeedback, forwardReceived, isShareError, listExports, listReceived, openPackage, receivedClipBlob, type ExportRequest,
} from '../../electron/core/share';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { blobBytes, exiftool, filesContaining, IN_A_WEEK, makeReceiver, makeSender, newDir, NOW, receivedState, type Sender } from './share-fixtures';

let dir: string;
let sender: Sender;
let receiver: Vault;
let receiverKey: string;
let firstPackage: string;

beforeAll(async () => {
  dir = await newDir();
  sender = await makeSender(dir);
  receiver = await makeReceiver(dir);
  receiverKey = ensureShareKey(receiver).publicKey;
}, 120_000);
afterAll(async () => {
  for (const v of [sender?.vault, receiver]) if (v?.isOpen) await v.lock();
  await removeDir(dir);
});

const request = (o: Partial<ExportRequest> & { outPath: string }): ExportRequest => ({
  items: [{ recordingId: sender.plain }],
  purpose: 'reflection',
  audience: 'supervisor',
  expires: IN_A_WEEK,
  recipients: [{ type: 'x25519', publicKey: receiverKey, name: 'Supervisor S.' }],
  senderName: 'Student A',
  now: NOW,
  ...o,
});

function ffprobe(bytes: Buffer): { format: { duration: string; tags?: Record<string, string> }; streams: { codec_type: string }[] } {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'fatal', '-of', 'json', '-show_format', '-show_streams', '-i', 'pipe:0'], { input: bytes }).toString('utf8'));
}

describe('export → open round trip', () => {
  it('R5, R13: a package for a share key opens in the receiver\'s vault as received, view-only clips with the manifest shown', async () => {
    const out = join(dir, 'usb', 'for-supervisor.age');
    await mkdir(join(dir, 'usb'));
    const r = await exportPackage(sender.vault, request({ outPath: out, items: [{ recordingId: sender.plain }, { recordingId: sender.gps }] }));
    firstPackage = r.packageId;
    expect(r.manifest.clips.map((c) => c.persons)).toEqual([[{ pseudonym: 'J.K.', basis: 'consent' }], [{ pseudonym: 'J.K.', basis: 'consent' }]]);
    // R11: the stick holds the package and nothing else, and only ciphertext
    expect(await readdir(join(dir, 'usb'))).toEqual(['for-supervisor.age']);
    expect((await readFile(out)).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    const opened = await openPackage(receiver, { path: out, now: NOW });
    expect(opened.kind).toBe('received');
    if (opened.kind !== 'received') return;
    const p = opened.package;
    expect(p).toMatchObject({ sender: 'Student A', purpose: 'reflection', audience: 'supervisor', mayForward: false, mayKeep: false, expiresAt: IN_A_WEEK.toISOString() });
    expect(p.clips).toHaveLength(2);
    for (const [i, c] of p.clips.entries()) {
      const bytes = await blobBytes(receiver, receivedClipBlob(receiver, c.id).blobId);
      expect(c.sha256).toBe(r.manifest.clips[i]!.sha256);
      expect(Number(ffprobe(bytes).format.duration)).toBeGreaterThan(1.5);
    }
    expect(listReceived(receiver).map((x) => x.id)).toEqual([p.id]);
    // opening it twice imports nothing twice
    const again = await openPackage(receiver, { path: out, now: NOW });
    expect(again.kind === 'received' && again.alreadyOpen).toBe(true);
    expect(listReceived(receiver)).toHaveLength(1);

    // audit on both sides, chains intact
    expect(listAudit(sender.vault).filter((e) => e.action === 'share.exported').map((e) => e.detail)).toEqual([
      expect.objectContaining({ package: r.packageId, purpose: 'reflection', audience: 'supervisor', recipients: 1, clips: 2, sha256: r.sha256 }),
    ]);
    expect(listAudit(receiver).filter((e) => e.action === 'share.opened').map((e) => e.detail)).toEqual([expect.objectContaining({ package: r.packageId, sha256: r.sha256 })]);
    expect(verifyAudit(sender.vault).ok && verifyAudit(receiver).ok).toBe(true);

    // R7: the register knows what left, per recording and per person, and withdrawal lists it
    expect(listExports(sender.vault, { recordingId: sender.gps }).map((e) => e.packageId)).toEqual([r.packageId]);
    expect(listExports(sender.vault, { personId: sender.person })[0]).toMatchObject({ packageId: r.packageId, packageSha256: r.sha256, fileName: out, recordingIds: [sender.plain, sender.gps] });
    expect(listExports(sender.vault, { personId: 'per_00000000000000ff' })).toEqual([]);

    // no plaintext of the recordings on disk anywhere in either vault or on the stick
    expect(await filesContaining(dir, sender.marker)).toEqual([]);
  }, 120_000);

  it('R7, U4: withdrawing consent lists every package that showed the person', async () => {
    const consent = listConsents(sender.vault, sender.person)[0]!;
    const w = withdrawConsent(sender.vault, consent.id, 'in person', NOW);
    expect(getConsent(sender.vault, consent.id).status).toBe('withdrawn');
    const shares = (w as unknown as { affected: { kind: string; id: string; action: string }[] }).affected.filter((a) => a.kind === 'share-package');
    expect(shares.length).toBeGreaterThanOrEqual(1);
    expect(shares[0]!.action).toContain('Supervisor S.');
    // and now the gate refuses the same export
    const err = await exportPackage(sender.vault, request({ outPath: join(dir, 'refused.age') })).catch((e: unknown) => e);
    expect(isShareError(err, 'GATE_REFUSED')).toBe(true);
    expect((err as Error).message).toContain('J.K. is not covered');
    expect(await readdir(dir)).not.toContain('refused.age');
  }, 60_000);
});

describe('received items', () => {
  it('the recipient cannot re-export a received clip (view-only unless the manifest allows forwarding)', async () => {
    const clip = listReceived(receiver).find((p) => p.packageId === firstPackage)!.clips[0]!;
    const err = await exportPackage(receiver, request({ outPath: join(dir, 'reexport.age'), items: [{ recordingId: clip.id }] })).catch((e: unknown) => e);
    expect(isShareError(err, 'NOT_ALLOWED')).toBe(true);
    expect((err as Error).message).toContain('view-only');
    const third = ensureShareKey(sender.vault).publicKey;
    const fwd = await forwardReceived(receiver, { receivedId: listReceived(receiver).find((p) => p.packageId === firstPackage)!.id, recipients: [{ type: 'x25519', publicKey: third }], forwarderName: 'S.', outPath: join(dir, 'fwd.age'), now: NOW }).catch((e: unknown) => e);
    expect(isShareError(fwd, 'NOT_ALLOWED')).toBe(true);
    expect((fwd as Error).message).toContain('did not allow this package to be forwarded');
  });

  it('forwarding, when the sender allowed it: same clips, same expiry, and no further forwarding', async () => {
    // consent was withdrawn above: this one goes on a legal-task basis inside the class (A1)
    sender.vault.catalog.prepare("UPDATE recording_consent_info SET lawful_basis = 'legal-task' WHERE recording_id = ?").run(sender.plain);
    const allowed = await exportPackage(sender.vault, request({ outPath: join(dir, 'allowed.age'), permissions: { forward: true } }));
    const opened = await openPackage(receiver, { path: allowed.path, now: NOW });
    if (opened.kind !== 'received') throw new Error('expected clips');
    expect(opened.package.mayForward).toBe(true);
    const colleague = await makeReceiver(dir, 'colleague');
    try {
      const fwd = await forwardReceived(receiver, { receivedId: opened.package.id, recipients: [{ type: 'x25519', publicKey: ensureShareKey(colleague).publicKey, name: 'Colleague' }], forwarderName: 'Supervisor S.', outPath: join(dir, 'forwarded.age'), now: NOW });
      const there = await openPackage(colleague, { path: fwd.path, now: NOW });
      if (there.kind !== 'received') throw new Error('expected clips');
      expect(there.package.clips.map((c) => c.sha256)).toEqual(opened.package.clips.map((c) => c.sha256));
      expect(there.package).toMatchObject({ mayForward: false, expiresAt: IN_A_WEEK.toISOString(), sender: 'Student A, forwarded by Supervisor S.' });
      const again = await forwardReceived(colleague, { receivedId: there.package.id, recipients: [{ type: 'x25519', publicKey: receiverKey }], forwarderName: 'C.', outPath: join(dir, 'again.age'), now: NOW }).catch((e: unknown) => e);
      expect(isShareError(again, 'NOT_ALLOWED')).toBe(true);
    } finally {
      await colleague.lock();
    }
  }, 60_000);

  it('feedback: time-stamped comments go back as a package and land on the original recording\'s timeline', async () => {
    const pkg = listReceived(receiver).find((p) => p.packageId === firstPackage)!;
    addComment(receiver, { clipId: pkg.clips[1]!.id, atSec: 1.25, text: 'Mooi moment: de vraag aan de groep.' }, NOW);
    addComment(receiver, { clipId: pkg.clips[0]!.id, atSec: 0.5, text: 'Let op je stemvolume.' }, NOW);
    const fb = await exportFeedback(receiver, { receivedId: pkg.id, reviewerName: 'Supervisor S.', outPath: join(dir, 'feedback.age'), now: NOW });
    expect(fb.comments).toBe(2);
    const before = receivedState(sender.vault);
    const opened = await openPackage(sender.vault, { path: fb.path, now: NOW });
    expect(opened.kind).toBe('feedback');
    expect(receivedState(sender.vault)).toEqual(before);
    expect(feedbackFor(sender.vault, sender.gps)).toEqual([expect.objectContaining({ atSec: 1.25, text: 'Mooi moment: de vraag aan de groep.', author: 'Supervisor S.' })]);
    expect(feedbackFor(sender.vault, sender.plain).map((c) => c.text)).toEqual(['Let op je stemvolume.']);
    // a second open attaches nothing twice
    await openPackage(sender.vault, { path: fb.path, now: NOW });
    expect(feedbackFor(sender.vault, sender.gps)).toHaveLength(1);
  }, 60_000);
});

describe('metadata on exported clips', () => {
  it('R10: a clip exported whole goes through media\'s stripped remux: no GPS, make, model or marker (exiftool)', async () => {
    sender.vault.catalog.prepare("UPDATE recording_consent_info SET lawful_basis = 'legal-task' WHERE recording_id = ?").run(sender.gps);
    const other = await makeReceiver(dir, 'receiver-3');
    try {
      const r = await exportPackage(sender.vault, request({ outPath: join(dir, 'whole.age'), items: [{ recordingId: sender.gps }], recipients: [{ type: 'x25519', publicKey: ensureShareKey(other).publicKey }] }));
      const opened = await openPackage(other, { path: r.path, now: NOW });
      if (opened.kind !== 'received') throw new Error('expected a received package');
      const bytes = await blobBytes(other, receivedClipBlob(other, opened.package.clips[0]!.id).blobId);
      const tags = exiftool(bytes);
      expect(JSON.stringify(tags)).not.toMatch(/GPS|52\.37|Canon|EOS R6/);
      expect(bytes.includes(sender.marker)).toBe(false);
      expect(Number(ffprobe(bytes).format.duration)).toBeGreaterThan(1.5);
    } finally {
      await other.lock();
    }
  }, 120_000);

  it('R10: a re-encoded clip (watermark) carries no GPS, make or model (exiftool)', async () => {
    const original = exiftool(await blobBytes(sender.vault, (sender.vault.catalog.prepare("SELECT blob_id FROM recording_files WHERE recording_id = ? AND role = 'main'").get(sender.gps) as { blob_id: string }).blob_id));
    expect(JSON.stringify(original)).toMatch(/52\.37|Canon/);
    const other = await makeReceiver(dir, 'receiver-2');
    try {
      // consent was withdrawn above, so this export runs on a legal-task basis inside the class (A1)
      sender.vault.catalog.prepare("UPDATE recording_consent_info SET lawful_basis = 'legal-task' WHERE recording_id = ?").run(sender.gps);
      const r = await exportPackage(sender.vault, request({ outPath: join(dir, 'wm.age'), items: [{ recordingId: sender.gps }], recipients: [{ type: 'x25519', publicKey: ensureShareKey(other).publicKey }], watermark: "Supervisor O'Brien: for review" }));
      expect(r.manifest.watermark).toBe("Supervisor O'Brien: for review");
      const opened = await openPackage(other, { path: r.path, now: NOW });
      if (opened.kind !== 'received') throw new Error('expected a received package');
      const bytes = await blobBytes(other, receivedClipBlob(other, opened.package.clips[0]!.id).blobId);
      const tags = JSON.stringify(exiftool(bytes));
      expect(tags).not.toMatch(/GPS|52\.37|Canon|EOS R6/);
      expect(tags).not.toContain(sender.marker);
    } finally {
      await other.lock();
    }
  }, 120_000);
});
