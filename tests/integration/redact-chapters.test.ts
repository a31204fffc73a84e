import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard, listRecordings } from '../../electron/core/ingest';
import { withRangeInput } from '../../electron/core/media';
import { previewBlob, renderPlan, renderPreview, savePlan } from '../../electron/core/redact';
import { greyFrames } from '../../electron/core/redact/verify';
import { Vault } from '../../electron/core/vault';
import { FFMPEG } from '../fixtures/cards';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';
import { FACE, faceTrack, faceX, makeFaceClip } from '../unit/redact/fixture';

const work = mkdtempSync(join(tmpdir(), 'kluis-redact-chapters-'));
const FPS = 30;
const G = { width: 320, height: 240, fps: FPS };

/** Mean grey difference inside the face's box at t, and outside it (grown by 10 px). */
function diffAt(a: Buffer, b: Buffer, t: number): { inside: number; outside: number } {
  const x0 = faceX(t);
  const s = { in: 0, nin: 0, out: 0, nout: 0 };
  for (let y = 0; y < G.height; y++)
    for (let x = 0; x < G.width; x++) {
      const d = Math.abs(a[y * G.width + x]! - b[y * G.width + x]!);
      const inside = x >= x0 && x < x0 + FACE.size && y >= FACE.y && y < FACE.y + FACE.size;
      const near = x >= x0 - 10 && x < x0 + FACE.size + 10 && y >= FACE.y - 10 && y < FACE.y + FACE.size + 10;
      if (inside) {
        s.in += d;
        s.nin++;
      } else if (!near) {
        s.out += d;
        s.nout++;
      }
    }
  return { inside: s.in / s.nin, outside: s.out / s.nout };
}

/** A GoPro card whose one recording is two chapters of 2 s: the face clip cut in two and re-encoded. */
function makeChapterCard(root: string): void {
  const whole = join(work, 'whole.mp4');
  makeFaceClip(whole, { seconds: 4, fps: FPS });
  mkdirSync(join(root, 'DCIM/100GOPRO'), { recursive: true });
  const part = (ss: number, out: string) =>
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-ss', String(ss), '-t', '2', '-i', whole, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '15', '-c:a', 'aac', '-f', 'mp4', join(root, 'DCIM/100GOPRO', out)]);
  part(0, 'GX010042.MP4');
  part(2, 'GX020042.MP4');
}

describe('redact: a recording in camera chapters is rendered joined (GoPro GX01/GX02)', () => {
  let vault: Vault;
  let id: string;

  beforeAll(async () => {
    makeChapterCard(join(work, 'card'));
    vault = (await Vault.create(join(work, 'vault'), PASSWORD, { kdf: FAST_KDF })).vault;
    await importCard(vault, join(work, 'card'), { wipe: false, sourceLabel: 'GoPro' });
    id = listRecordings(vault)[0]!.id;
  }, 120_000);
  afterAll(async () => {
    if (vault?.isOpen) await vault.lock();
    rmSync(work, { recursive: true, force: true });
  });

  it('is one recording of two parts', () => {
    expect(listRecordings(vault)).toHaveLength(1);
    const parts = vault.catalog.prepare("SELECT rel_path FROM recording_files WHERE recording_id = ? AND role IN ('main', 'chapter') ORDER BY position").all(id) as { rel_path: string }[];
    expect(parts.map((p) => p.rel_path.split('/').pop())).toEqual(['GX010042.MP4', 'GX020042.MP4']);
  });

  it('renders both chapters: the box follows the face into the second, a cut across the join is removed', async () => {
    savePlan(vault, id, { format: 'kluis-redaction-plan', version: 1, tracks: [faceTrack('f', 4, 0.5, 0, { style: 'solid' })], cuts: [{ start: 1.5, end: 2.5 }] });
    const r = await renderPlan(vault, id);
    const m = r.manifest;
    expect(m.verification.ok).toBe(true);
    expect(m.verification.frames).toMatchObject({ source: 4 * FPS, expected: 3 * FPS, output: 3 * FPS });
    expect(m.source.durationSec).toBeCloseTo(4, 1);
    expect(m.source.parts).toHaveLength(2);
    expect(m.source.parts![0]).toBe(m.source.sha256);

    // Output 2.5 s is source 3.5 s (in the second chapter): covered inside the box, untouched outside.
    const main = (rid: string) => vault.catalog.prepare("SELECT blob_id, size FROM recording_files WHERE recording_id = ? AND role = 'main'").get(rid) as { blob_id: string; size: number };
    const out = main(r.recordingId);
    const second = vault.catalog.prepare("SELECT blob_id, size FROM recording_files WHERE recording_id = ? AND rel_path LIKE '%GX020042.MP4'").get(id) as { blob_id: string; size: number };
    const o = await withRangeInput(vault, { id: out.blob_id, size: out.size, name: 'o.mp4' }, (u) => greyFrames(u, [75], G));
    const s = await withRangeInput(vault, { id: second.blob_id, size: second.size, name: 's.mp4' }, (u) => greyFrames(u, [45], G));
    const d = diffAt(s.frames.get(45)!, o.frames.get(75)!, 3.5);
    expect(d.inside).toBeGreaterThan(40);
    expect(d.outside).toBeLessThan(4);
  }, 180_000);

  it('previews a range across the join', async () => {
    const plan = { format: 'kluis-redaction-plan', version: 1, tracks: [faceTrack('f', 4, 0.5, 0, { style: 'solid' })] };
    const p = await renderPreview(vault, id, { plan, start: 1.5, end: 2.5 });
    expect(p).toMatchObject({ start: 1.5, end: 2.5 });
    const b = previewBlob(vault, p.previewId);
    const frames = await withRangeInput(vault, { id: b.blobId, size: b.size, name: 'p.mp4' }, (u) => greyFrames(u, [], G));
    expect(Math.abs(frames.total - FPS)).toBeLessThanOrEqual(1);
  }, 120_000);
});
