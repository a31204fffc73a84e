import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard, listRecordings } from '../../electron/core/ingest';
import { withRangeInput } from '../../electron/core/media';
import { renderPlan, savePlan } from '../../electron/core/redact';
import { greyFrames } from '../../electron/core/redact/verify';
import { Vault } from '../../electron/core/vault';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';
import { FACE, faceTrack, faceX, makeFaceClip } from '../unit/redact/fixture';

const work = mkdtempSync(join(tmpdir(), 'kluis-redact-shapes-'));
const FPS = 30;
const G = { width: 320, height: 240, fps: FPS };

function mainFile(vault: Vault, id: string): { id: string; size: number; name: string } {
  const f = vault.catalog.prepare("SELECT blob_id, size FROM recording_files WHERE recording_id = ? AND role = 'main'").get(id) as { blob_id: string; size: number };
  return { id: f.blob_id, size: f.size, name: 'x.mp4' };
}

/** Mean absolute grey difference over the pixels `keep` accepts. */
function meanDiff(a: Buffer, b: Buffer, keep: (x: number, y: number) => boolean): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < G.height; y++)
    for (let x = 0; x < G.width; x++) {
      if (!keep(x, y)) continue;
      sum += Math.abs(a[y * G.width + x]! - b[y * G.width + x]!);
      n++;
    }
  return sum / n;
}

describe('redact: an ellipse, hold and hide in the rendered pixels (docs/redaction-plan.md)', () => {
  let vault: Vault;
  let sourceId: string;

  beforeAll(async () => {
    makeFaceClip(join(work, 'card', 'lesson.mp4'), { seconds: 3, fps: FPS });
    vault = (await Vault.create(join(work, 'vault'), PASSWORD, { kdf: FAST_KDF })).vault;
    await importCard(vault, join(work, 'card'), { wipe: false, sourceLabel: 'SD' });
    sourceId = listRecordings(vault)[0]!.id;
  }, 120_000);
  afterAll(async () => {
    if (vault?.isOpen) await vault.lock();
    rmSync(work, { recursive: true, force: true });
  });

  it('covers the ellipse inscribed in the box and not its corners; a hidden range is left alone; a hold keeps the box still', async () => {
    // Follows the face from 0 to 1 s, then holds where it was at 1 s until 2 s; hidden 0.6-0.8 s.
    const track = faceTrack('e', 1, 0.5, 0, { style: 'solid', shape: 'ellipse', hold: [{ start: 1, end: 2 }], hide: [{ start: 0.6, end: 0.8 }] });
    savePlan(vault, sourceId, { format: 'kluis-redaction-plan', version: 1, tracks: [track] });
    const r = await renderPlan(vault, sourceId);
    expect(r.manifest.redacted).toMatchObject([{ trackId: 'e', shape: 'ellipse', style: 'solid' }]);
    expect(r.manifest.verification.ok).toBe(true);

    const times = [0.5, 0.7, 1.5, 2.5];
    const idx = times.map((t) => Math.round(t * FPS));
    const src = await withRangeInput(vault, mainFile(vault, sourceId), (u) => greyFrames(u, idx, G));
    const out = await withRangeInput(vault, mainFile(vault, r.recordingId), (u) => greyFrames(u, idx, G));
    const frame = (t: number) => [src.frames.get(Math.round(t * FPS))!, out.frames.get(Math.round(t * FPS))!] as const;
    const s = FACE.size;
    const r2 = s / 2;
    /** inside the ellipse (shrunk a little for the edge) of the box whose left edge is at bx */
    const inEllipse = (bx: number) => (x: number, y: number) => ((x - bx - r2) / (r2 - 3)) ** 2 + ((y - FACE.y - r2) / (r2 - 3)) ** 2 <= 1;
    /** the four corners of the box, well outside its ellipse */
    const inCorners = (bx: number) => (x: number, y: number) => {
      const dx = Math.min(x - bx, bx + s - 1 - x);
      const dy = Math.min(y - FACE.y, FACE.y + s - 1 - y);
      return dx >= 0 && dy >= 0 && dx + dy < 10;
    };

    const [a, b] = frame(0.5);
    expect(meanDiff(a, b, inEllipse(faceX(0.5))), 'inside the ellipse at 0.5 s').toBeGreaterThan(40);
    expect(meanDiff(a, b, inCorners(faceX(0.5))), 'the box corners at 0.5 s').toBeLessThan(4);
    const [c, d] = frame(0.7);
    expect(meanDiff(c, d, inEllipse(faceX(0.7))), 'hidden at 0.7 s').toBeLessThan(4);
    // Held at 1 s's place while the face moves on: that place is covered, the face's new place is not.
    const [e, f] = frame(1.5);
    expect(meanDiff(e, f, inEllipse(faceX(1))), 'the held place at 1.5 s').toBeGreaterThan(40);
    expect(meanDiff(e, f, inEllipse(faceX(1) + s + 2)), 'right of the held box, where the face has moved into').toBeLessThan(4);
    const [g, h] = frame(2.5);
    expect(meanDiff(g, h, () => true), 'after the hold nothing is drawn').toBeLessThan(3);
  }, 120_000);
});
