/**
 * Videotoets (R12): an ordered playlist with in/out points, cut by ffmpeg (re-encoded, so the
 * cut is exact), and the visible watermark with the recipient's name, checked on decoded pixels.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, ensureShareKey, exportFeedback, exportPackage, feedbackFor, listReceived, openPackage, receivedClipBlob } from '../../electron/core/share';
import type { Vault } from '../../electron/core/vault';
import { removeDir } from '../helpers/vault-fixtures';
import { CLIP } from '../fixtures/media';
import { blobBytes, IN_A_WEEK, makeReceiver, makeSender, newDir, NOW, type Sender } from './share-fixtures';

let dir: string;
let sender: Sender;
let receiver: Vault;

beforeAll(async () => {
  dir = await newDir();
  sender = await makeSender(dir);
  receiver = await makeReceiver(dir);
}, 120_000);
afterAll(async () => {
  for (const v of [sender?.vault, receiver]) if (v?.isOpen) await v.lock();
  await removeDir(dir);
});

const duration = (bytes: Buffer): number => Number(execFileSync('ffprobe', ['-v', 'fatal', '-of', 'csv=p=0', '-show_entries', 'format=duration', '-i', 'pipe:0'], { input: bytes }).toString().trim());

/** The first frame as 8-bit grey pixels, decoded from memory. */
function firstFrame(bytes: Buffer): Buffer {
  return execFileSync('ffmpeg', ['-v', 'fatal', '-i', 'pipe:0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { input: bytes, maxBuffer: 16 << 20 });
}

/** Mean absolute difference of two grey frames inside a rectangle. */
function diff(a: Buffer, b: Buffer, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += Math.abs(a[y * CLIP.width + x]! - b[y * CLIP.width + x]!);
  return sum / ((x1 - x0) * (y1 - y0));
}

async function receive(path: string): Promise<Buffer[]> {
  const r = await openPackage(receiver, { path, now: NOW });
  if (r.kind !== 'received') throw new Error('expected clips');
  return Promise.all(r.package.clips.map((c) => blobBytes(receiver, receivedClipBlob(receiver, c.id).blobId)));
}

describe('videotoets', () => {
  it('R12: an ordered playlist with in/out points arrives cut to exactly those parts, each cut disclosed (B1)', async () => {
    const r = await exportPackage(sender.vault, {
      kind: 'videotoets',
      items: [{ recordingId: sender.gps, inSec: 1, outSec: 1.8, title: 'Fragment 1: de instructie' }, { recordingId: sender.plain, inSec: 0.2, outSec: 1.2 }],
      purpose: 'videotoets',
      audience: 'class',
      expires: IN_A_WEEK,
      recipients: [{ type: 'x25519', publicKey: ensureShareKey(receiver).publicKey }],
      senderName: 'Student A',
      outPath: join(dir, 'videotoets.age'),
      now: NOW,
    });
    expect(r.manifest.kind).toBe('videotoets');
    expect(r.manifest.clips.map((c) => [c.title, c.inSec, c.outSec])).toEqual([['Fragment 1: de instructie', 1, 1.8], [expect.any(String), 0.2, 1.2]]);
    expect(r.manifest.clips[0]!.edits).toEqual([{ op: 'keep', fromSec: 1, toSec: 1.8, note: expect.any(String) }]);
    // a cut clip carries no poster of the whole recording
    expect(r.manifest.clips.every((c) => c.poster === undefined)).toBe(true);
    const [first, second] = await receive(r.path);
    expect(duration(first!)).toBeCloseTo(0.8, 1);
    expect(duration(second!)).toBeCloseTo(1.0, 1);

    // feedback at 0.5 s into the first clip lands at 1.5 s on the recording's own timeline
    const pkg = listReceived(receiver).find((p) => p.packageId === r.packageId)!;
    addComment(receiver, { clipId: pkg.clips[0]!.id, atSec: 0.5, text: 'Hier begint de uitleg.' }, NOW);
    const fb = await exportFeedback(receiver, { receivedId: pkg.id, reviewerName: 'Docent D.', outPath: join(dir, 'fb.age'), now: NOW });
    await openPackage(sender.vault, { path: fb.path, now: NOW });
    expect(feedbackFor(sender.vault, sender.gps)).toEqual([expect.objectContaining({ atSec: 1.5, text: 'Hier begint de uitleg.', author: 'Docent D.' })]);
  }, 120_000);

  it('refuses an out-point before the in-point', async () => {
    await expect(
      exportPackage(sender.vault, { kind: 'videotoets', items: [{ recordingId: sender.plain, inSec: 1.5, outSec: 1 }], purpose: 'videotoets', audience: 'class', expires: IN_A_WEEK, recipients: [{ type: 'x25519', publicKey: ensureShareKey(receiver).publicKey }], senderName: 'S', outPath: join(dir, 'bad.age'), now: NOW }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });
});

describe('watermark', () => {
  it('burns the recipient\'s name into the picture: the bottom-right corner changes, the rest does not', async () => {
    const base = { items: [{ recordingId: sender.plain, inSec: 0, outSec: 1 }], purpose: 'reflection' as const, audience: 'supervisor' as const, expires: IN_A_WEEK, recipients: [{ type: 'x25519' as const, publicKey: ensureShareKey(receiver).publicKey }], senderName: 'S', now: NOW };
    const plain = await exportPackage(sender.vault, { ...base, outPath: join(dir, 'plain.age') });
    const marked = await exportPackage(sender.vault, { ...base, watermark: "Voor: J. d'Ambrosio, 1/2; [alleen kijken]", outPath: join(dir, 'marked.age') });
    const [a] = await receive(plain.path);
    const [b] = await receive(marked.path);
    const fa = firstFrame(a!);
    const fb = firstFrame(b!);
    expect(fa.length).toBe(CLIP.width * CLIP.height);
    const corner = diff(fa, fb, CLIP.width / 2, CLIP.height - 30, CLIP.width - 16, CLIP.height - 16);
    const topLeft = diff(fa, fb, 0, 0, CLIP.width / 2, CLIP.height / 2);
    expect(corner).toBeGreaterThan(10);
    expect(topLeft).toBeLessThan(2);
  }, 120_000);
});
