import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, listAppearances, addAppearance } from '../../electron/core/consent';
import { deleteRecording, importCard, listRecordings } from '../../electron/core/ingest';
import { queryLibrary, withRangeInput } from '../../electron/core/media';
import { getPlan, redactedPersons, renderPlan, savePlan, undecidedTracks, derivativeInfo, type RenderProgress } from '../../electron/core/redact';
import { greyFrames } from '../../electron/core/redact/verify';
import { Vault, VaultError } from '../../electron/core/vault';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';
import { FACE, faceTrack, faceX, makeFaceClip } from '../unit/redact/fixture';

const work = mkdtempSync(join(tmpdir(), 'kluis-redact-'));
const started = Date.now() - 2000;
const marker = `kluis-redact-marker-${randomBytes(12).toString('hex')}`;
const SECONDS = 4;
const FPS = 30;

async function blobSha(vault: Vault, blobId: string): Promise<string> {
  const h = createHash('sha256');
  for await (const p of vault.readBlob(blobId)) h.update(p);
  return h.digest('hex');
}

function fileOf(vault: Vault, recordingId: string): { blob_id: string; sha256: string; size: number } {
  return vault.catalog.prepare("SELECT blob_id, sha256, size FROM recording_files WHERE recording_id = ? AND role = 'main'").get(recordingId) as { blob_id: string; sha256: string; size: number };
}

function probeDuration(vault: Vault, recordingId: string): Promise<number> {
  const f = fileOf(vault, recordingId);
  return withRangeInput(vault, { id: f.blob_id, size: f.size, name: 'x.mp4' }, async (url) => {
    // async: the range server answers from this same event loop, so a sync spawn would wait on itself
    const { stdout: out } = await promisify(execFile)(process.env['FFPROBE_BIN'] ?? 'ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,duration', '-of', 'json', url]);
    const s = (JSON.parse(out) as { streams: { codec_type: string; duration: string }[] }).streams.find((x) => x.codec_type === 'video')!;
    return Number(s.duration);
  });
}

/** Mean absolute grey difference inside the rectangle and outside the (grown) rectangle. */
function diffIn(a: Buffer, b: Buffer, x: number, y: number, w: number, h: number, grow = 10): { inside: number; outside: number } {
  let si = 0, ni = 0, so = 0, no = 0;
  for (let py = 0; py < 240; py++)
    for (let px = 0; px < 320; px++) {
      const d = Math.abs(a[py * 320 + px]! - b[py * 320 + px]!);
      if (px >= x && px < x + w && py >= y && py < y + h) {
        si += d;
        ni++;
      } else if (!(px >= x - grow && px < x + w + grow && py >= y - grow && py < y + h + grow)) {
        so += d;
        no++;
      }
    }
  return { inside: si / ni, outside: so / no };
}

function filesSince(dir: string, since: number): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    try {
      if (e.isDirectory()) out.push(...filesSince(p, since));
      else if (e.isFile() && statSync(p).mtimeMs >= since && statSync(p).size < 256 * 1024 * 1024) out.push(p);
    } catch {
      /* another test's file vanished meanwhile */
    }
  }
  return out;
}

describe('redact: render a plan into a derived recording (issue 6; H4, U1, U3, B1)', () => {
  let vault: Vault;
  let sourceId: string;
  let personId: string;
  let originalSha: string;

  beforeAll(async () => {
    makeFaceClip(join(work, 'card', 'lesson.mp4'), { seconds: SECONDS, fps: FPS, marker });
    vault = (await Vault.create(join(work, 'vault'), PASSWORD, { kdf: FAST_KDF })).vault;
    await importCard(vault, join(work, 'card'), { wipe: false, sourceLabel: 'SD' });
    sourceId = listRecordings(vault)[0]!.id;
    originalSha = fileOf(vault, sourceId).sha256;
    personId = addPerson(vault, { pseudonym: 'P1', role: 'pupil', consentHolder: 'school-protocol', birthYear: 2013 }).id;
    addAppearance(vault, { recordingId: sourceId, personId, presence: 'both', ranges: [{ startSec: 0, endSec: 4 }] });
  }, 120_000);
  afterAll(async () => {
    if (vault?.isOpen) await vault.lock();
    rmSync(work, { recursive: true, force: true });
  });

  it('plans are versioned: every save is a new version, old ones stay', () => {
    expect(getPlan(vault, sourceId).version).toBe(0);
    const v1 = savePlan(vault, sourceId, { format: 'kluis-redaction-plan', version: 1, tracks: [{ ...faceTrack('d1', SECONDS, 1), origin: 'detected', decision: 'undecided' }] });
    expect(v1.version).toBe(1);
    expect(undecidedTracks(vault, sourceId).map((t) => t.id)).toEqual(['d1']);
    expect(() => savePlan(vault, sourceId, { format: 'kluis-redaction-plan', version: 1, tracks: [{ id: 'x', decision: 'redact', keyframes: [{ t: 1, x: 0, y: 0, w: 2, h: 20 }] }] })).toThrow(/keyframes\.0\.w/);
    expect(getPlan(vault, sourceId).version).toBe(1);
  });

  it('renders a moving box, a mute and a cut: box changed, outside unchanged, silence, right duration, original unchanged', async () => {
    const plan = savePlan(vault, sourceId, {
      format: 'kluis-redaction-plan',
      version: 1,
      tracks: [{ ...faceTrack('face', SECONDS, 1), personId, origin: 'detected' }],
      audio: [{ start: 1, end: 2, effect: 'mute' }],
      cuts: [{ start: 2.5, end: 3 }],
    });
    expect(plan.version).toBe(2);
    expect(undecidedTracks(vault, sourceId)).toEqual([]);
    const progress: RenderProgress[] = [];
    const r = await renderPlan(vault, sourceId, { onProgress: (p) => progress.push(p) });
    expect(r.planVersion).toBe(2);
    expect(progress.at(-1)).toEqual({ phase: 'done', fraction: 1 });
    expect(progress.some((p) => p.phase === 'verify')).toBe(true);

    // The verification the render did itself, as the manifest records it.
    const m = r.manifest;
    expect(m.verification.ok).toBe(true);
    expect(m.verification.frames).toEqual({ source: SECONDS * FPS, expected: SECONDS * FPS - 15, output: SECONDS * FPS - 15, ok: true });
    expect(m.verification.keyframes.length).toBeGreaterThanOrEqual(3);
    expect(m.verification.audio).toHaveLength(1);
    expect(m.verification.audio[0]!.maxVolumeDb).toBeLessThan(-60);
    expect(m.source).toMatchObject({ recordingId: sourceId, sha256: originalSha });
    expect(m.cuts).toEqual([{ start: 2.5, end: 3, outputAt: 2.5 }]);
    expect(m.redacted).toEqual([{ trackId: 'face', label: '', personId, style: 'pixelate', shape: 'box', from: 0, to: 4 }]);
    expect(m.tools.ffmpeg).toMatch(/^ffmpeg version /);
    expect(m.planVersion).toBe(2);

    // Independent checks of the result.
    expect(Math.abs((await probeDuration(vault, r.recordingId)) - (SECONDS - 0.5))).toBeLessThanOrEqual(1 / FPS + 1e-6);
    const srcFile = fileOf(vault, sourceId);
    const outFile = fileOf(vault, r.recordingId);
    const times = [0.5, 1.5, 2.2];
    const g = { width: 320, height: 240, fps: FPS };
    const src = await withRangeInput(vault, { id: srcFile.blob_id, size: srcFile.size, name: 'a.mp4' }, (u) => greyFrames(u, times.map((t) => Math.round(t * FPS)), g));
    const out = await withRangeInput(vault, { id: outFile.blob_id, size: outFile.size, name: 'b.mp4' }, (u) => greyFrames(u, times.map((t) => Math.round(t * FPS)), g));
    for (const t of times) {
      const n = Math.round(t * FPS);
      const d = diffIn(src.frames.get(n)!, out.frames.get(n)!, faceX(t), FACE.y, FACE.size, FACE.size);
      expect(d.inside, `inside the box at ${t} s`).toBeGreaterThan(20);
      expect(d.outside, `outside the box at ${t} s`).toBeLessThan(3);
    }
    // After the cut the output is half a second behind the source.
    const late = await withRangeInput(vault, { id: outFile.blob_id, size: outFile.size, name: 'b.mp4' }, (u) => greyFrames(u, [Math.round(3.2 * FPS) - 15], g));
    const srcLate = await withRangeInput(vault, { id: srcFile.blob_id, size: srcFile.size, name: 'a.mp4' }, (u) => greyFrames(u, [Math.round(3.2 * FPS)], g));
    expect(diffIn(srcLate.frames.values().next().value!, late.frames.values().next().value!, faceX(3.2), FACE.y, FACE.size, FACE.size).outside).toBeLessThan(3);

    // Listed, linked, the people carried over; the original untouched.
    const rows = queryLibrary(vault, { limit: 50 }).rows;
    expect(rows.map((x) => x.id).sort()).toEqual([sourceId, r.recordingId].sort());
    expect(rows.find((x) => x.id === r.recordingId)!.title).toMatch(/redacted v2/);
    expect(derivativeInfo(vault, r.recordingId)).toMatchObject({ sourceId, planVersion: 2, state: 'verified' });
    expect(redactedPersons(vault, r.recordingId)).toEqual([personId]);
    expect(redactedPersons(vault, sourceId)).toEqual([]);
    expect(listAppearances(vault, r.recordingId)).toEqual([{ recordingId: r.recordingId, personId, presence: 'both', ranges: [{ startSec: 0, endSec: 2.5 }, { startSec: 2.5, endSec: 3.5 }] }]);
    expect(fileOf(vault, sourceId).sha256).toBe(originalSha);
    expect(await blobSha(vault, srcFile.blob_id)).toBe(originalSha);
    expect(await blobSha(vault, outFile.blob_id)).toBe(m.output.sha256);
  }, 120_000);

  it('cancel leaves nothing: no recording, no blob, no staged file', async () => {
    savePlan(vault, sourceId, { format: 'kluis-redaction-plan', version: 1, tracks: [faceTrack('face', SECONDS, 0.5)] });
    const blobs = (vault.catalog.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n;
    const recs = (vault.catalog.prepare('SELECT count(*) AS n FROM recordings').get() as { n: number }).n;
    const ac = new AbortController();
    const job = renderPlan(vault, sourceId, { signal: ac.signal, onProgress: (p) => p.phase === 'render' && ac.abort() });
    await expect(job).rejects.toSatisfy((e) => e instanceof VaultError && e.code === 'CANCELLED');
    expect((vault.catalog.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(blobs);
    expect((vault.catalog.prepare('SELECT count(*) AS n FROM recordings').get() as { n: number }).n).toBe(recs);
    expect(readdirSync(join(work, 'vault', 'staging'))).toEqual([]);
  }, 60_000);

  it('no plaintext of the recording lands on disk, the vault and temp folders included', () => {
    const needle = Buffer.from(marker);
    const source = join(work, 'card', 'lesson.mp4');
    expect(readFileSync(source).includes(needle)).toBe(true); // the scanner can see what it looks for
    const files = [...filesSince(join(work, 'vault'), 0), ...filesSince(tmpdir(), started)].filter((f) => f !== source);
    expect(files.length).toBeGreaterThan(3);
    const hits = files.filter((f) => {
      try {
        return readFileSync(f).includes(needle);
      } catch {
        return false;
      }
    });
    expect(hits).toEqual([]);
  });

  it('deleting the source deletes its derivatives with it', async () => {
    const derived = listRecordings(vault).filter((r) => (r.layout as string) === 'derived').map((r) => r.id);
    expect(derived.length).toBe(1);
    await deleteRecording(vault, sourceId, { why: 'user', rule: 'user' });
    expect(listRecordings(vault)).toEqual([]);
    expect(vault.catalog.prepare('SELECT count(*) AS n FROM redact_derivatives').get()).toEqual({ n: 0 });
    expect(vault.catalog.prepare('SELECT count(*) AS n FROM redact_plans').get()).toEqual({ n: 0 });
  });
});
