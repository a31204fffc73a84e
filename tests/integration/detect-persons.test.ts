import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard, listRecordings } from '../../electron/core/ingest';
import { proposeDetectedTracks, undecidedTracks } from '../../electron/core/redact';
import { analyseFrame, FRAME_DEFAULTS } from '../../electron/core/redact/detect/detector';
import { planTiles } from '../../electron/core/redact/detect/tiles';
import { FaceModel } from '../../electron/core/redact/detect/worker';
import { Vault } from '../../electron/core/vault';
import { FFMPEG } from '../fixtures/cards';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';

// samples.jpg (@vladmandic/human, MIT; read from node_modules, not copied): a strip of photo
// thumbnails at the top; the one at x 641 is a woman standing, full length.
const SAMPLES = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets', 'samples.jpg');
const STANDING = 'crop=148:158:641:0,scale=444:474,pad=640:480:(ow-iw)/2:0';
// her face in that 640x480 frame is at about x 366..422, y 75..131 (BlazeFace finds it there)
const FACE = { x: 356, y: 60, w: 76, h: 80 };
// the face blurred past recognition, as a head turned away shows no face to BlazeFace
const FACE_HIDDEN = `${STANDING},split[a][b];[b]crop=${FACE.w}:${FACE.h}:${FACE.x}:${FACE.y},boxblur=8[f];[a][f]overlay=${FACE.x}:${FACE.y}`;

function rgb(graph: string): Uint8Array {
  return new Uint8Array(execFileSync(FFMPEG, ['-v', 'error', '-i', SAMPLES, '-filter_complex', graph, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 16 << 20 }));
}

const faceCentreIn = (b: { x: number; y: number; w: number; h: number }): boolean =>
  b.x < FACE.x + FACE.w / 2 && b.x + b.w > FACE.x + FACE.w / 2 && b.y < FACE.y + FACE.h / 2 && b.y + b.h > FACE.y + FACE.h / 2;

describe('person detection on a real photo (CenterNet, wasm worker)', () => {
  let model: FaceModel;
  beforeAll(async () => {
    model = await FaceModel.open();
  });
  afterAll(() => model?.close());

  it('finds the standing woman as a person, and her face', async () => {
    const r = await analyseFrame(model, rgb(STANDING), 640, 480, planTiles(640, 480, FRAME_DEFAULTS.tile, FRAME_DEFAULTS.overlap), FRAME_DEFAULTS, true);
    expect(r.faces.filter(faceCentreIn)).toHaveLength(1);
    expect(r.persons!.filter(faceCentreIn)).toHaveLength(1);
  });

  it('with her face hidden: no face, but still a person (with her head in the box)', async () => {
    const r = await analyseFrame(model, rgb(FACE_HIDDEN), 640, 480, planTiles(640, 480, FRAME_DEFAULTS.tile, FRAME_DEFAULTS.overlap), FRAME_DEFAULTS, true);
    expect(r.faces).toEqual([]);
    const [person] = r.persons!.filter(faceCentreIn);
    expect(person).toBeDefined();
    expect(person!.h).toBeGreaterThan(300); // full length, not just the head
  });

  it('does not run CenterNet when not asked: persons is null', async () => {
    const r = await analyseFrame(model, rgb(STANDING), 640, 480, [{ x: 0, y: 0, size: 640 }], FRAME_DEFAULTS, false);
    expect(r.persons).toBeNull();
  });
});

describe('a person without a visible face becomes an undecided head track (issue 6)', () => {
  const work = mkdtempSync(join(tmpdir(), 'kluis-detect-persons-'));
  let vault: Vault;
  let hiddenId: string;
  let shownId: string;

  beforeAll(async () => {
    const card = join(work, 'card');
    mkdirSync(card, { recursive: true });
    const clip = (graph: string, name: string): void => {
      execFileSync(FFMPEG, ['-v', 'error', '-y', '-loop', '1', '-framerate', '15', '-i', SAMPLES, '-filter_complex', `${graph},format=yuv420p`, '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', join(card, name)]);
    };
    clip(FACE_HIDDEN, 'B001.mp4');
    clip(STANDING, 'B002.mp4');
    vault = (await Vault.create(join(work, 'vault'), PASSWORD, { kdf: FAST_KDF })).vault;
    await importCard(vault, card, { wipe: false, sourceLabel: 'SD' });
    const recs = listRecordings(vault);
    const byName = (n: string): string => recs.find((r) => JSON.stringify(r).includes(n))!.id;
    hiddenId = byName('B001');
    shownId = byName('B002');
  });
  afterAll(async () => {
    if (vault?.isOpen) await vault.lock();
    rmSync(work, { recursive: true, force: true });
  });

  it('face hidden: one person-N track over her head, undecided, so the share gate blocks it', async () => {
    const r = await proposeDetectedTracks(vault, hiddenId, { everyNth: 5 });
    const tracks = r.plan.plan.tracks;
    expect(tracks.map((t) => [t.id.replace(/\d+$/, ''), t.origin, t.decision])).toEqual([['person-', 'detected', 'undecided']]);
    for (const k of tracks[0]!.keyframes) {
      expect(faceCentreIn(k)).toBe(true);
      expect(k.h).toBeLessThan(300); // the head end of her, not all of her
    }
    expect(undecidedTracks(vault, hiddenId).map((t) => t.id)).toEqual([tracks[0]!.id]);
  }, 180_000);

  it('face visible: one face-N track and no person track (her head already has a box)', async () => {
    const r = await proposeDetectedTracks(vault, shownId, { everyNth: 5 });
    expect(r.plan.plan.tracks.map((t) => t.id.replace(/\d+$/, ''))).toEqual(['face-']);
  }, 180_000);
});
