/**
 * Two real encrypted vaults for the share tests: a sender with real ffmpeg-made recordings
 * (imported through ingest, with consent recorded), and a receiver with a share key.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addAppearance, addConsent, addPerson, setRecordingPurpose } from '../../electron/core/consent';
import { importCard, listRecordings } from '../../electron/core/ingest';
import { shareTables } from '../../electron/core/share';
import type { Vault } from '../../electron/core/vault';
import { FFMPEG } from '../fixtures/cards';
import { makeMedia } from '../fixtures/media';
import { createVault, tempDir } from '../helpers/vault-fixtures';

export const NOW = new Date(Date.UTC(2026, 3, 1, 12));
export const IN_A_WEEK = new Date(NOW.getTime() + 7 * 86_400_000);

export interface Sender {
  vault: Vault;
  /** MVI_0001: H.264 MP4; MVI_0002: a MOV with GPS, make and model */
  plain: string;
  gps: string;
  person: string;
  marker: string;
}

export async function makeSender(dir: string): Promise<Sender> {
  const { vault } = await createVault(join(dir, 'sender'));
  const card = join(dir, 'card');
  const marker = `kluis-marker-${randomBytes(8).toString('hex')}`;
  // a picture and tone of its own: stripped of their tags, two clips of the same test pattern
  // would be the same bytes, and feedback finds recordings by their clip's checksum
  mkdirSync(join(card, 'DCIM/100CANON'), { recursive: true });
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=660:duration=2', '-shortest', '-metadata', `comment=${marker}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'mp4', join(card, 'DCIM/100CANON/MVI_0001.MP4')]);
  makeMedia(join(card, 'DCIM/100CANON/MVI_0002.MOV'), 'mov-gps', marker);
  await importCard(vault, card, { wipe: true, sourceLabel: 'CARD' });
  const recs = listRecordings(vault);
  const id = (label: string) => recs.find((r) => r.label.includes(label))!.id;
  const person = addPerson(vault, { pseudonym: 'J.K.', role: 'pupil', birthYear: 2000, consentHolder: 'self' }, NOW).id;
  await addConsent(vault, { personId: person, purposes: ['reflection', 'videotoets'], audiences: ['supervisor', 'class'], signedBy: 'person', signedAt: '2026-03-01' }, NOW);
  for (const r of recs) {
    setRecordingPurpose(vault, { recordingId: r.id, purpose: 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'student A', retentionPreset: 'assessment-evidence', consentArchive: 'own archive' }, NOW);
    addAppearance(vault, { recordingId: r.id, personId: person, presence: 'both' }, NOW);
  }
  return { vault, plain: id('MVI_0001'), gps: id('MVI_0002'), person, marker };
}

export async function makeReceiver(dir: string, name = 'receiver'): Promise<Vault> {
  return (await createVault(join(dir, name))).vault;
}

export async function newDir(): Promise<string> {
  return tempDir('kluis-share-');
}

/** All blob rows and received rows: "nothing imported" means these do not change. */
export function receivedState(v: Vault): { blobs: number; packages: number; clips: number } {
  shareTables(v);
  const n = (sql: string) => (v.catalog.prepare(sql).get() as { n: number }).n;
  return { blobs: n('SELECT count(*) AS n FROM blobs'), packages: n('SELECT count(*) AS n FROM received_packages'), clips: n('SELECT count(*) AS n FROM received_clips') };
}

/** Every file under dir whose bytes contain the marker (plaintext that reached the disk). */
export async function filesContaining(dir: string, marker: string): Promise<string[]> {
  const hits: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    if ((await readFile(p)).includes(marker)) hits.push(p);
  }
  return hits;
}

/** Blob plaintext in memory (never on disk), for ffprobe/exiftool through stdin. */
export async function blobBytes(v: Vault, blobId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of v.readBlob(blobId)) parts.push(c);
  return Buffer.concat(parts);
}

export function exiftool(bytes: Buffer): Record<string, unknown> {
  return (JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', '-'], { input: bytes }).toString('utf8')) as Record<string, unknown>[])[0]!;
}
