import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard, KluisService, listRecordings, playbackMediaHandler } from '../../electron/core/api';
import { withRangeInput } from '../../electron/core/media';
import { previewBlob } from '../../electron/core/redact';
import { greyFrames } from '../../electron/core/redact/verify';
import { FACE, faceTrack, faceX, makeFaceClip } from '../unit/redact/fixture';

const KDF = { memoryKiB: 64 * 1024, iterations: 3 };
const PASSWORD = 'a long enough passphrase for the preview test 7';
const work = mkdtempSync(join(tmpdir(), 'kluis-redact-preview-'));
const started = Date.now() - 2000;
const marker = `kluis-preview-marker-${randomBytes(12).toString('hex')}`;
const FPS = 30;
const G = { width: 320, height: 240, fps: FPS };

/** Mean absolute grey difference inside the face's box at time t and outside it (grown by 10 px). */
function diffAt(a: Buffer, b: Buffer, t: number): { inside: number; outside: number } {
  const x0 = faceX(t);
  let si = 0, ni = 0, so = 0, no = 0;
  for (let y = 0; y < G.height; y++)
    for (let x = 0; x < G.width; x++) {
      const d = Math.abs(a[y * G.width + x]! - b[y * G.width + x]!);
      if (x >= x0 && x < x0 + FACE.size && y >= FACE.y && y < FACE.y + FACE.size) {
        si += d;
        ni++;
      } else if (x < x0 - 10 || x >= x0 + FACE.size + 10 || y < FACE.y - 10 || y >= FACE.y + FACE.size + 10) {
        so += d;
        no++;
      }
    }
  return { inside: si / ni, outside: so / no };
}

function filesUnder(dir: string, since: number): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e.name);
    try {
      if (e.isDirectory()) return filesUnder(p, since);
      return e.isFile() && statSync(p).mtimeMs >= since && statSync(p).size < 256 * 1024 * 1024 ? [p] : [];
    } catch {
      return []; // another test's file vanished meanwhile
    }
  });
}

const count = (s: KluisService, table: string): number => (s.openVault.catalog.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('redact.preview: a real render of a short range, encrypted and short-lived (issue 6)', () => {
  let s: KluisService;
  let id: string;
  let srcBlob: { id: string; size: number; name: string };
  const plan = { format: 'kluis-redaction-plan' as const, version: 1, tracks: [{ ...faceTrack('f', 4, 1), style: 'solid' }] as never[], frames: [], audio: [], cuts: [] };

  beforeAll(async () => {
    makeFaceClip(join(work, 'CARD', 'lesson.mp4'), { seconds: 4, fps: FPS, marker });
    s = new KluisService({ vaultDir: join(work, 'vault'), kdf: KDF });
    await s.handlers['vault.create']({ password: PASSWORD });
    await importCard(s.openVault, join(work, 'CARD'), { wipe: false });
    id = listRecordings(s.openVault)[0]!.id;
    const f = s.openVault.catalog.prepare("SELECT blob_id, size FROM recording_files WHERE recording_id = ? AND role = 'main'").get(id) as { blob_id: string; size: number };
    srcBlob = { id: f.blob_id, size: f.size, name: 'src.mp4' };
  }, 120_000);
  afterAll(async () => {
    await s?.handlers['vault.lock']({}).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('renders only the range, with the unsaved plan applied, and media.open plays it', async () => {
    const blobs = count(s, 'blobs');
    const r = await s.handlers['redact.preview']({ id, plan, start: 1, end: 2.5 });
    expect(r).toMatchObject({ recordingId: id, start: 1, end: 2.5 });
    expect(r.previewId).toMatch(/^rpv_[0-9a-f]{16}$/);
    expect((await s.handlers['redact.planGet']({ id })).version).toBe(0); // nothing was saved
    expect(count(s, 'blobs')).toBe(blobs + 1);

    // Played through the same media handler and tickets as a recording.
    const ticket = await s.handlers['media.open']({ id: r.previewId, kind: 'play' });
    expect(ticket.mime).toBe('video/mp4');
    const res = await playbackMediaHandler(s)(new Request(`http://127.0.0.1/media/${ticket.token}`, { headers: { range: 'bytes=4-11' } }));
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toMatch(/^ftyp/);

    // Frame k of the preview is frame 30 + k of the source: the box covers the face there, nothing else changed.
    const want = [0, 15, 40];
    const out = await withRangeInput(s.openVault, { id: previewBlob(s.openVault, r.previewId).blobId, size: ticket.size, name: 'p.mp4' }, (u) => greyFrames(u, want, G));
    const src = await withRangeInput(s.openVault, srcBlob, (u) => greyFrames(u, want.map((k) => k + FPS), G));
    expect(Math.abs(out.total - 45)).toBeLessThanOrEqual(1);
    for (const k of want) {
      const d = diffAt(src.frames.get(k + FPS)!, out.frames.get(k)!, 1 + k / FPS);
      expect(d.inside, `inside the box at preview frame ${k}`).toBeGreaterThan(40);
      expect(d.outside, `outside the box at preview frame ${k}`).toBeLessThan(3);
    }
  }, 120_000);

  it('a new preview replaces the old one (its blob goes); a range over 10 s or past the end is refused, saying what to do', async () => {
    const first = await s.handlers['redact.preview']({ id, plan, start: 0, end: 1 });
    const blobs = count(s, 'blobs');
    const second = await s.handlers['redact.preview']({ id, plan, start: 2, end: 3 });
    expect(count(s, 'blobs')).toBe(blobs);
    await expect(s.handlers['media.open']({ id: first.previewId, kind: 'play' })).rejects.toThrow(/render the preview again/);
    expect((await s.handlers['media.open']({ id: second.previewId, kind: 'play' })).size).toBeGreaterThan(1000);
    await expect(s.handlers['redact.preview']({ id, plan, start: 0, end: 10.5 })).rejects.toThrow(/at most 10 seconds.*render the whole plan/);
    await expect(s.handlers['redact.preview']({ id, plan, start: 9, end: 12 })).rejects.toThrow(/past the end of the recording/);
    await expect(s.handlers['redact.preview']({ id, plan: { ...plan, cuts: [{ start: 0, end: 4 }] }, start: 1, end: 2 })).rejects.toThrow(/cuts all of this range away/);
  }, 120_000);

  it('lock removes every preview, and none is playable after unlocking', async () => {
    const r = await s.handlers['redact.preview']({ id, plan, start: 0, end: 0.5 });
    const blob = previewBlob(s.openVault, r.previewId).blobId;
    await s.handlers['vault.lock']({});
    await s.handlers['vault.unlock']({ password: PASSWORD });
    // Swept at lock already (the unlock's sweep is for a session that ended without one).
    expect(count(s, 'redact_previews')).toBe(0);
    expect(s.openVault.catalog.prepare('SELECT 1 FROM blobs WHERE id = ?').get(blob)).toBeUndefined();
    await expect(s.handlers['media.open']({ id: r.previewId, kind: 'play' })).rejects.toThrow(/preview is gone/);
  }, 120_000);

  it('no plaintext of the recording lands on disk, the vault and temp folders included', () => {
    const needle = Buffer.from(marker);
    const source = join(work, 'CARD', 'lesson.mp4');
    expect(readFileSync(source).includes(needle)).toBe(true); // the scanner can see what it looks for
    const files = [...filesUnder(join(work, 'vault'), 0), ...filesUnder(tmpdir(), started)].filter((f) => f !== source);
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((f) => {
      try {
        return readFileSync(f).includes(needle);
      } catch {
        return false;
      }
    })).toEqual([]);
  });
});
