import { basename } from 'node:path';
import { VaultError, type Vault } from '../vault';
import { Journal } from './journal';
import { unitBytes } from './layouts';
import type { ImportReport } from './report-types';
import { scanCard } from './scan';
import { INGEST_MIGRATIONS } from './schema';
import type { Layout } from './types';

export interface UnitPreview {
  key: string;
  label: string;
  layout: Layout;
  files: number;
  bytes: number;
  /** every file has a verified copy of the same name and size: the import will confirm by hash */
  probablyImported: boolean;
}

export interface CardPreview {
  root: string;
  units: UnitPreview[];
  ignored: string[];
  problems: string[];
}

export interface RecordingSummary {
  id: string;
  label: string;
  layout: Layout;
  sourceLabel: string;
  capturedAt: string | null;
  importedAt: string;
  files: number;
  bytes: number;
}

function ready(vault: Vault): Journal {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  return new Journal(vault.catalog);
}

/** What an import of this folder would take, without reading any file's content. */
export async function previewCard(vault: Vault, root: string): Promise<CardPreview> {
  const journal = ready(vault);
  const scan = await scanCard(root);
  if (scan.units.length === 0 && scan.problems.length > 0) {
    throw new VaultError('NOT_FOUND', `Kluis cannot read ${root} (${scan.problems[0]}). Check that the card is inserted and the path is right.`);
  }
  return {
    root,
    units: scan.units.map((u) => ({
      key: u.key,
      label: u.label,
      layout: u.layout,
      files: u.files.length,
      bytes: unitBytes(u),
      probablyImported: u.files.every((f) => journal.verifiedCopies(f.size, basename(f.relPath)).length > 0),
    })),
    ignored: scan.ignored.map((f) => f.relPath),
    problems: scan.problems,
  };
}

/** Only verified recordings: a clip still being imported or verified is never listed. */
export function listRecordings(vault: Vault): RecordingSummary[] {
  ready(vault);
  const rows = vault.catalog
    .prepare(
      `SELECT r.id, r.label, r.layout, r.source_label, r.captured_at, r.imported_at, count(f.rel_path) AS files, coalesce(sum(f.size), 0) AS bytes
       FROM recordings r JOIN recording_files f ON f.recording_id = r.id
       WHERE r.state = 'verified' GROUP BY r.id ORDER BY r.captured_at, r.id`,
    )
    .all() as { id: string; label: string; layout: Layout; source_label: string; captured_at: string | null; imported_at: string; files: number; bytes: number }[];
  return rows.map((r) => ({ id: r.id, label: r.label, layout: r.layout, sourceLabel: r.source_label, capturedAt: r.captured_at, importedAt: r.imported_at, files: r.files, bytes: r.bytes }));
}

/** A file of a recording that plays: its main file and its chapters (GoPro/DJI chapters, AVCHD spans). */
export interface MediaPart {
  relPath: string;
  blobId: string;
  size: number;
  sha256: string | null;
}

/** The main file and its chapters in playing order; sidecars (XML, thumbnails, LRV) are not parts. */
export function mediaParts(vault: Vault, recordingId: string): MediaPart[] {
  ready(vault);
  return vault.catalog
    .prepare(
      `SELECT rel_path AS relPath, blob_id AS blobId, size, sha256 FROM recording_files
       WHERE recording_id = ? AND role IN ('main', 'chapter') AND blob_id IS NOT NULL ORDER BY role = 'chapter', position, rel_path`,
    )
    .all(recordingId) as MediaPart[];
}

export async function readImportReport(vault: Vault, importId: string): Promise<ImportReport> {
  ready(vault);
  const row = vault.catalog.prepare('SELECT report_blob_id FROM imports WHERE id = ?').get(importId) as { report_blob_id: string | null } | undefined;
  if (!row?.report_blob_id) throw new VaultError('NOT_FOUND', `There is no report for import ${importId}.`);
  const parts: Buffer[] = [];
  for await (const p of vault.readBlob(row.report_blob_id)) parts.push(p);
  return JSON.parse(Buffer.concat(parts).toString('utf8')) as ImportReport;
}
