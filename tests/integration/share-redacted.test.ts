/**
 * The gate with real redaction (issue 6 into issue 7): a pupil without consent blocks the
 * original; an undecided detection track blocks too; the rendered derivative, with the pupil
 * pixelated, passes, and its manifest discloses the redaction by pseudonym (U1, U3, B1, R10).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAppearance, addPerson } from '../../electron/core/consent';
import { renderPlan, savePlan } from '../../electron/core/redact';
import { deleteRecording } from '../../electron/core/ingest';
import { checkGate, ensureShareKey, exportPackage, exportsLeavingWith, isShareError, listExports, openPackage, shareDeps } from '../../electron/core/share';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { IN_A_WEEK, makeReceiver, makeSender, newDir, NOW, type Sender } from './share-fixtures';

let dir: string;
let sender: Sender;
let receiver: Vault;
let pupil: string;

beforeAll(async () => {
  dir = await newDir();
  sender = await makeSender(dir);
  receiver = await makeReceiver(dir);
  pupil = addPerson(sender.vault, { pseudonym: 'Z.G.', role: 'pupil', birthYear: 2014, consentHolder: 'self' }, NOW).id;
  addAppearance(sender.vault, { recordingId: sender.plain, personId: pupil, presence: 'seen', ranges: [{ startSec: 0, endSec: 2 }] }, NOW);
}, 120_000);
afterAll(async () => {
  for (const v of [sender?.vault, receiver]) if (v?.isOpen) await v.lock();
  await removeDir(dir);
});

const track = (decision: 'undecided' | 'redact') => ({
  id: 'face-1', label: 'pupil at the window', personId: pupil, origin: 'detected', decision, keyframes: [{ t: 0, x: 200, y: 40, w: 80, h: 80 }, { t: 1, x: 210, y: 50, w: 80, h: 80 }],
});

describe('share gate with redaction', () => {
  it('U1, U3: refuses the original (no consent for Z.G.), refuses while a detected track is undecided, passes the rendered derivative', async () => {
    const facts = shareDeps().redaction!;
    const original = checkGate(sender.vault, [sender.plain], 'reflection', 'supervisor', NOW, facts);
    expect(original.recordings[0]!.persons.find((p) => p.pseudonym === 'Z.G.')).toMatchObject({ verdict: 'refused', reasons: ['no-consent'] });

    savePlan(sender.vault, sender.plain, { format: 'kluis-redaction-plan', version: 1, tracks: [track('undecided')] }, NOW);
    expect(checkGate(sender.vault, [sender.plain], 'reflection', 'supervisor', NOW, facts).recordings[0]).toMatchObject({ refusals: ['undecided-tracks'], undecidedTracks: 1 });
    const refused = await exportPackage(sender.vault, { items: [{ recordingId: sender.plain }], purpose: 'reflection', audience: 'supervisor', expires: IN_A_WEEK, recipients: [{ type: 'x25519', publicKey: ensureShareKey(receiver).publicKey }], senderName: 'S', outPath: join(dir, 'no.age'), now: NOW }).catch((e: unknown) => e);
    expect(isShareError(refused, 'GATE_REFUSED')).toBe(true);
    expect((refused as Error).message).toContain('detected people nobody decided on yet');

    savePlan(sender.vault, sender.plain, { format: 'kluis-redaction-plan', version: 1, tracks: [track('redact')] }, NOW);
    const derived = await renderPlan(sender.vault, sender.plain, { now: NOW });
    const gate = checkGate(sender.vault, [derived.recordingId], 'reflection', 'supervisor', NOW, facts);
    expect(gate.ok).toBe(true);
    expect(gate.recordings[0]!.persons.find((p) => p.pseudonym === 'Z.G.')).toMatchObject({ verdict: 'redacted', basis: 'redacted' });

    const r = await exportPackage(sender.vault, { items: [{ recordingId: derived.recordingId }], purpose: 'reflection', audience: 'supervisor', expires: IN_A_WEEK, recipients: [{ type: 'x25519', publicKey: ensureShareKey(receiver).publicKey }], senderName: 'S', outPath: join(dir, 'redacted.age'), now: NOW });
    const clip = r.manifest.clips[0]!;
    expect(clip.persons).toEqual(expect.arrayContaining([{ pseudonym: 'Z.G.', basis: 'redacted' }, { pseudonym: 'J.K.', basis: 'consent' }]));
    expect(clip.edits).toEqual([expect.objectContaining({ op: 'pixelate', note: 'Z.G.' })]);
    expect(JSON.stringify(r.manifest)).not.toContain('pupil at the window');
    const opened = await openPackage(receiver, { path: r.path, now: NOW });
    expect(opened.kind === 'received' && opened.package.manifest.clips[0]!.edits[0]!.op).toBe('pixelate');
  }, 180_000);

  it('R7: deleting the original names the package of its redacted derivative, which goes with it', async () => {
    const [derivedExport] = listExports(sender.vault).filter((e) => e.fileName.endsWith('redacted.age'));
    expect(derivedExport).toBeDefined();
    // the original itself never left; the derivative's package did
    expect(listExports(sender.vault, { recordingId: sender.plain })).toEqual([]);
    expect(exportsLeavingWith(sender.vault, sender.plain).map((e) => e.id)).toEqual([derivedExport!.id]);
    const derivedId = derivedExport!.recordingIds[0]!;
    await deleteRecording(sender.vault, sender.plain, { why: 'user', rule: 'user-request' }, NOW);
    // both are gone; the register still holds what left, under the derivative's id and under the
    // original's, which the notice of an automatic retention deletion asks for afterwards (R7)
    expect(listExports(sender.vault, { recordingId: derivedId }).map((e) => e.id)).toEqual([derivedExport!.id]);
    expect(exportsLeavingWith(sender.vault, sender.plain).map((e) => e.id)).toEqual([derivedExport!.id]);
    expect(listExports(sender.vault, { recordingId: sender.plain })).toEqual([]);
  }, 60_000);
});
