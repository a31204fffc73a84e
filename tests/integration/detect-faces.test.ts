import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard, listRecordings } from '../../electron/core/ingest';
import { getPlan, proposeDetectedTracks, savePlan, undecidedTracks } from '../../electron/core/redact';
import { detectTracks } from '../../electron/core/redact/detect';
import { detectFrame } from '../../electron/core/redact/detect/detector';
import { FaceModel } from '../../electron/core/redact/detect/worker';
import { Vault } from '../../electron/core/vault';
import { FFMPEG } from '../fixtures/cards';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';

// Real photos of faces that ship in @vladmandic/human (MIT); read from node_modules, not copied.
const ASSETS = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets');
const FACES_ROW = join(ASSETS, 'screenshot-facedetect.jpg'); // 800x718: five face crops in a row at y 340..500
const GRID = join(ASSETS, 'screenshot-facematch.jpg'); // 1920x954: six rows of eighteen face crops from y 280

function rgb(input: string, filter: string, w: number, h: number): Uint8Array {
  return new Uint8Array(execFileSync(FFMPEG, ['-v', 'error', '-i', input, '-vf', `${filter},scale=${w}:${h}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 64 << 20 }));
}

const work = mkdtempSync(join(tmpdir(), 'kluis-detect-'));
const SPEED = 120; // px/s
const X0 = 40;
const FACE_SIDE = 120;

describe('face detection on real photos (BlazeFace, wasm worker)', () => {
  let model: FaceModel;
  beforeAll(async () => {
    model = await FaceModel.open();
  });
  afterAll(() => model?.close());

  it('finds the five faces of a row of portraits', async () => {
    const frame = rgb(FACES_ROW, 'crop=800:170:0:335', 800, 170);
    const dets = await detectFrame(model, frame, 800, 170);
    expect(dets).toHaveLength(5);
    const xs = dets.map((d) => d.x + d.w / 2).sort((a, b) => a - b);
    // one per portrait, each in its own fifth of the row
    xs.forEach((x, i) => expect(Math.floor(x / 160)).toBe(i));
  });

  it('finds nearly all of 108 faces in a grid of small crops (tiles)', async () => {
    const frame = rgb(GRID, 'crop=1920:674:0:280', 1920, 674);
    const dets = await detectFrame(model, frame, 1920, 674);
    const cells = new Set(dets.map((d) => `${Math.floor((d.x + d.w / 2) / (1920 / 18))},${Math.floor((d.y + d.h / 2) / (674 / 6))}`));
    // cells of the 18x6 grid with a face found; a broken decoder or tiling finds far fewer
    expect(cells.size).toBeGreaterThanOrEqual(104);
    // and not many more boxes than faces (measured 123: overlapping boxes from neighbouring tiles that NMS keeps)
    expect(dets.length).toBeLessThanOrEqual(130);
  });

  it('finds nothing in a synthetic test pattern', async () => {
    const frame = new Uint8Array(execFileSync(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']));
    expect(await detectFrame(model, frame, 640, 360)).toEqual([]);
  });
});

describe('detectTracks: vault recording → ffmpeg → worker → tracks (issue 6)', () => {
  let vault: Vault;
  let faceId: string;
  let plainId: string;

  beforeAll(async () => {
    const card = join(work, 'card');
    mkdirSync(card, { recursive: true });
    // a portrait moving right across a test pattern, 4 s at 15 fps
    execFileSync(FFMPEG, [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=15:duration=4', '-loop', '1', '-i', FACES_ROW,
      '-filter_complex', `[1:v]crop=140:140:10:346,scale=${FACE_SIDE}:${FACE_SIDE}[f];[0:v][f]overlay=x='${X0}+${SPEED}*t':y=100:shortest=1`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-t', '4', join(card, 'A001.mp4'),
    ]);
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=15:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', join(card, 'A002.mp4')]);
    vault = (await Vault.create(join(work, 'vault'), PASSWORD, { kdf: FAST_KDF })).vault;
    await importCard(vault, card, { wipe: false, sourceLabel: 'SD' });
    const recs = listRecordings(vault);
    const byName = (n: string): string => recs.find((r) => JSON.stringify(r).includes(n))!.id;
    faceId = byName('A001');
    plainId = byName('A002');
  });
  afterAll(async () => {
    if (vault?.isOpen) await vault.lock();
    rmSync(work, { recursive: true, force: true });
  });

  it('follows a face moving across the frame with one track', async () => {
    const progress: number[] = [];
    const tracks = await detectTracks(vault, faceId, { everyNth: 3, onProgress: (f) => progress.push(f) });
    expect(tracks).toHaveLength(1);
    const [t] = tracks;
    expect(t).toMatchObject({ id: expect.any(String), origin: 'detected', decision: 'undecided' });
    const detected = t!.keyframes.filter((k) => k.score > 0);
    expect(detected.length).toBeGreaterThanOrEqual(15); // 20 analysed frames
    for (const k of detected) {
      const faceCx = X0 + SPEED * k.t + FACE_SIDE / 2;
      // the box contains the portrait's centre: it moved with it
      expect(k.x).toBeLessThan(faceCx);
      expect(k.x + k.w).toBeGreaterThan(faceCx);
      expect(k.y).toBeLessThan(160);
      expect(k.y + k.h).toBeGreaterThan(160);
      expect(k.w).toBeGreaterThan(40);
    }
    // held a little past the first and last detection, within the recording
    expect(t!.keyframes[0]!.t).toBeGreaterThanOrEqual(0);
    expect(t!.keyframes[t!.keyframes.length - 1]!.t).toBeLessThanOrEqual(4.01);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('runs end to end on a clip without faces: no tracks, progress reaches 1', async () => {
    const progress: number[] = [];
    expect(await detectTracks(vault, plainId, { everyNth: 5, onProgress: (f) => progress.push(f) })).toEqual([]);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const run = detectTracks(vault, faceId, { everyNth: 1, signal: ac.signal, onProgress: () => ac.abort() });
    await expect(run).rejects.toThrow(/cancel/i);
  });

  it('detections become undecided tracks in a new plan version; drawn and decided tracks stay (H4)', async () => {
    savePlan(vault, faceId, { format: 'kluis-redaction-plan', version: 1, tracks: [{ id: 'drawn', decision: 'redact', keyframes: [{ t: 0, x: 10, y: 10, w: 40, h: 40 }] }] });
    const first = await proposeDetectedTracks(vault, faceId, { everyNth: 5 });
    expect(first.found).toBe(1);
    expect(first.plan.plan.tracks.map((t) => [t.id, t.origin, t.decision])).toEqual([['drawn', 'manual', 'redact'], ['face-1', 'detected', 'undecided']]);
    expect(undecidedTracks(vault, faceId).map((t) => t.id)).toEqual(['face-1']);
    // a second run replaces its own undecided proposals instead of piling them up
    const again = await proposeDetectedTracks(vault, faceId, { everyNth: 5 });
    expect(again.plan.version).toBe(first.plan.version + 1);
    expect(getPlan(vault, faceId).plan.tracks.map((t) => t.id)).toEqual(['drawn', 'face-1']);
  }, 120_000);
});
