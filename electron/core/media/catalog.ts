import { INGEST_MIGRATIONS } from '../ingest';
import { VaultError, type Vault } from '../vault';
import type { IdentifyingTag, ProbeResult } from './ffmpeg';
import { MEDIA_MIGRATIONS } from './schema';

export type Playability = 'pending' | 'original' | 'needs-proxy' | 'proxy' | 'unplayable';
export type ProxyStatus = 'not-needed' | 'none' | 'queued' | 'running' | 'ready' | 'failed';
export type MediaStatus = 'pending' | 'ready' | 'failed';
export type LibrarySort = 'capturedAt' | 'importedAt' | 'title' | 'duration' | 'size';

/** Mirrors the contract's LibraryRow (electron/core/api/contracts/media.ts); core does not import the api. */
export interface LibraryRow {
  id: string;
  title: string;
  layout: string;
  sourceLabel: string;
  capturedAt: string | null;
  importedAt: string;
  files: number;
  bytes: number;
  verified: boolean;
  durationSec: number | null;
  container: string | null;
  videoCodec: string | null;
  audioCodec: string | null;
  width: number | null;
  height: number | null;
  playability: Playability;
  proxy: { status: ProxyStatus; progress: number | null };
  problem: string | null;
  flagged: number;
  hasPoster: boolean;
}

export interface LibraryQuery {
  search?: string;
  sort?: LibrarySort;
  dir?: 'asc' | 'desc';
  playability?: Playability[];
  flaggedOnly?: boolean;
  offset?: number;
  limit?: number;
}

export interface SpriteGrid {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  intervalSec: number;
  count: number;
}

export interface RecordingDetail {
  row: LibraryRow;
  probe: {
    durationSec: number | null;
    container: string;
    bitRate: number | null;
    video: { codec: string; width: number; height: number; fps: number | null; rotation: number } | null;
    audio: { codec: string; sampleRate: number | null; channels: number | null } | null;
    creationTime: string | null;
  } | null;
  identifying: IdentifyingTag[];
  files: { relPath: string; role: string; size: number }[];
  sprite: SpriteGrid | null;
}

/** The file a probe, a thumbnail or a proxy reads first, plus whether more parts follow it. */
export interface MainFile {
  recordingId: string;
  layout: string;
  relPath: string;
  blobId: string;
  size: number;
  /** files with role main or chapter: more than one means parts to join (chapters, AVCHD spans) */
  parts: number;
}

/** Brings ingest's tables (which media_info refers to) and media's own up to date. */
export function ensureMediaTables(vault: Vault): void {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  vault.migrate('media', MEDIA_MIGRATIONS);
}

// "proxy" is not stored: it is what a needs-proxy recording becomes once its proxy is ready.
const PLAYABILITY_SQL = `CASE WHEN m.recording_id IS NULL THEN 'pending'
  WHEN m.playability = 'needs-proxy' AND m.proxy_status = 'ready' THEN 'proxy'
  ELSE m.playability END`;

const ROW_SELECT = `
  SELECT r.id, coalesce(m.title, r.label) AS title, r.layout, r.source_label, r.captured_at, r.imported_at, r.state,
    (SELECT count(*) FROM recording_files f WHERE f.recording_id = r.id) AS files,
    (SELECT coalesce(sum(f.size), 0) FROM recording_files f WHERE f.recording_id = r.id) AS bytes,
    m.duration_sec, m.container, m.video_codec, m.audio_codec, m.width, m.height, m.problem,
    coalesce(m.flagged, 0) AS flagged, m.poster_blob_id, m.proxy_status, m.proxy_progress,
    ${PLAYABILITY_SQL} AS playability
  FROM recordings r LEFT JOIN media_info m ON m.recording_id = r.id`;

interface RawRow {
  id: string;
  title: string;
  layout: string;
  source_label: string;
  captured_at: string | null;
  imported_at: string;
  state: string;
  files: number;
  bytes: number;
  duration_sec: number | null;
  container: string | null;
  video_codec: string | null;
  audio_codec: string | null;
  width: number | null;
  height: number | null;
  problem: string | null;
  flagged: number;
  poster_blob_id: string | null;
  proxy_status: ProxyStatus | null;
  proxy_progress: number | null;
  playability: Playability;
}

function toRow(r: RawRow): LibraryRow {
  const proxyStatus: ProxyStatus = r.playability === 'original' ? 'not-needed' : (r.proxy_status ?? 'none');
  return {
    id: r.id,
    title: r.title,
    layout: r.layout,
    sourceLabel: r.source_label,
    capturedAt: r.captured_at,
    importedAt: r.imported_at,
    files: r.files,
    bytes: r.bytes,
    verified: r.state === 'verified',
    durationSec: r.duration_sec,
    container: r.container,
    videoCodec: r.video_codec,
    audioCodec: r.audio_codec,
    width: r.width,
    height: r.height,
    playability: r.playability,
    proxy: { status: proxyStatus, progress: proxyStatus === 'running' ? r.proxy_progress : null },
    problem: r.problem,
    flagged: r.flagged,
    hasPoster: r.poster_blob_id !== null,
  };
}

const ORDER: Record<LibrarySort, string> = {
  capturedAt: 'r.captured_at',
  importedAt: 'r.imported_at',
  title: 'title COLLATE NOCASE',
  duration: 'm.duration_sec',
  size: 'bytes',
};

/** LIKE treats % and _ as wildcards; a search for "50%" means the characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the library. Only verified recordings are listed: the import journal promises that
 * no half-imported item is ever shown (issue 3), and a cancelled import leaves 'importing' rows
 * that the next import resumes.
 */
export function queryLibrary(vault: Vault, q: LibraryQuery = {}): { total: number; rows: LibraryRow[] } {
  ensureMediaTables(vault);
  const where: string[] = ["r.state = 'verified'"];
  const params: (string | number)[] = [];
  const search = q.search?.trim();
  if (search) {
    where.push(`(coalesce(m.title, r.label) LIKE ? ESCAPE '\\' OR r.label LIKE ? ESCAPE '\\' OR r.source_label LIKE ? ESCAPE '\\')`);
    const p = likePattern(search);
    params.push(p, p, p);
  }
  if (q.playability?.length) {
    where.push(`(${PLAYABILITY_SQL}) IN (${q.playability.map(() => '?').join(', ')})`);
    params.push(...q.playability);
  }
  if (q.flaggedOnly) where.push('m.flagged > 0');
  const filter = `WHERE ${where.join(' AND ')}`;
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  // NULLs (no capture time, not probed yet) go last whichever way the list runs.
  const key = ORDER[q.sort ?? 'capturedAt'];
  const order = `ORDER BY (${key.replace(' COLLATE NOCASE', '')}) IS NULL, ${key} ${dir}, r.id ${dir}`;
  const db = vault.catalog;
  const total = (db.prepare(`SELECT count(*) AS n FROM recordings r LEFT JOIN media_info m ON m.recording_id = r.id ${filter}`).get(...params) as { n: number }).n;
  const raw = db.prepare(`${ROW_SELECT} ${filter} ${order} LIMIT ? OFFSET ?`).all(...params, q.limit ?? 100, q.offset ?? 0) as RawRow[];
  return { total, rows: raw.map(toRow) };
}

function rowOf(vault: Vault, id: string): LibraryRow {
  const raw = vault.catalog.prepare(`${ROW_SELECT} WHERE r.id = ?`).get(id) as RawRow | undefined;
  if (!raw) throw new VaultError('NOT_FOUND', `There is no recording ${id}; it may have been deleted. Refresh the library.`);
  return toRow(raw);
}

interface InfoRow {
  status: MediaStatus;
  duration_sec: number | null;
  container: string | null;
  bit_rate: number | null;
  video_codec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  rotation: number | null;
  audio_codec: string | null;
  sample_rate: number | null;
  channels: number | null;
  creation_time: string | null;
  identifying: string;
  sprite_blob_id: string | null;
  sprite_grid: string | null;
}

export function recordingDetail(vault: Vault, id: string): RecordingDetail {
  ensureMediaTables(vault);
  const row = rowOf(vault, id);
  const m = vault.catalog.prepare('SELECT * FROM media_info WHERE recording_id = ?').get(id) as InfoRow | undefined;
  const files = vault.catalog.prepare('SELECT rel_path AS relPath, role, size FROM recording_files WHERE recording_id = ? ORDER BY position, rel_path').all(id) as RecordingDetail['files'];
  const probed = m?.status === 'ready' && m.container !== null;
  return {
    row,
    probe: probed
      ? {
          durationSec: m.duration_sec,
          container: m.container!,
          bitRate: m.bit_rate,
          video: m.video_codec ? { codec: m.video_codec, width: m.width ?? 0, height: m.height ?? 0, fps: m.fps, rotation: m.rotation ?? 0 } : null,
          audio: m.audio_codec ? { codec: m.audio_codec, sampleRate: m.sample_rate, channels: m.channels } : null,
          creationTime: m.creation_time,
        }
      : null,
    identifying: m ? (JSON.parse(m.identifying) as IdentifyingTag[]) : [],
    files,
    sprite: m?.sprite_blob_id && m.sprite_grid ? (JSON.parse(m.sprite_grid) as SpriteGrid) : null,
  };
}

/** A title of the user's own; the camera's file name stays in recordings.label. */
export function renameRecording(vault: Vault, id: string, title: string): void {
  ensureMediaTables(vault);
  rowOf(vault, id);
  vault.catalog
    .prepare('INSERT INTO media_info (recording_id, title) VALUES (?, ?) ON CONFLICT (recording_id) DO UPDATE SET title = excluded.title')
    .run(id, title.trim());
}

/** The first main (or chapter) file with a stored blob; null when the recording has none. */
export function mainFileOf(vault: Vault, id: string): MainFile | null {
  ensureMediaTables(vault);
  const r = vault.catalog
    .prepare(
      `SELECT r.id AS recordingId, r.layout, f.rel_path AS relPath, f.blob_id AS blobId, f.size,
         (SELECT count(*) FROM recording_files c WHERE c.recording_id = r.id AND c.role IN ('main', 'chapter')) AS parts
       FROM recordings r JOIN recording_files f ON f.recording_id = r.id
       WHERE r.id = ? AND f.role IN ('main', 'chapter') AND f.blob_id IS NOT NULL
       ORDER BY f.role = 'chapter', f.position, f.rel_path LIMIT 1`,
    )
    .get(id) as MainFile | undefined;
  return r ?? null;
}

/** Verified recordings that have no media row yet, whose row was (re)queued, or that still lack their proxy; oldest import first. */
export function unprocessed(vault: Vault, limit = 1): string[] {
  ensureMediaTables(vault);
  const rows = vault.catalog
    .prepare(
      `SELECT r.id FROM recordings r LEFT JOIN media_info m ON m.recording_id = r.id
       WHERE r.state = 'verified' AND (m.recording_id IS NULL OR m.status = 'pending'
         OR (m.status = 'ready' AND m.playability = 'needs-proxy' AND m.proxy_status IN ('none', 'queued')))
       ORDER BY r.imported_at, r.id LIMIT ?`,
    )
    .all(limit) as { id: string }[];
  return rows.map((r) => r.id);
}

export function markPending(vault: Vault, id: string): void {
  ensureMediaTables(vault);
  rowOf(vault, id);
  vault.catalog
    .prepare(
      `INSERT INTO media_info (recording_id) VALUES (?) ON CONFLICT (recording_id) DO UPDATE SET status = 'pending', problem = NULL, playability = 'pending',
         proxy_status = CASE WHEN proxy_status = 'ready' THEN 'ready' ELSE 'none' END, proxy_progress = NULL`,
    )
    .run(id);
}

/** Back to the queue, keeping what the probe found (the library still shows it meanwhile). */
export function requeue(vault: Vault, id: string): void {
  vault.catalog.prepare("UPDATE media_info SET status = 'pending' WHERE recording_id = ?").run(id);
}

export function saveProbe(vault: Vault, id: string, p: ProbeResult, playability: 'original' | 'needs-proxy'): void {
  const values = {
    id,
    playability,
    duration: p.duration ?? null,
    container: p.container,
    vcodec: p.video?.codec ?? null,
    acodec: p.audio?.codec ?? null,
    width: p.video?.width ?? null,
    height: p.video?.height ?? null,
    fps: p.video?.fps ?? null,
    rotation: p.video?.rotation ?? null,
    rate: p.audio?.sampleRate ?? null,
    channels: p.audio?.channels ?? null,
    created: p.creationTime ?? null,
    bitRate: p.bitRate ?? null,
    identifying: JSON.stringify(p.identifying),
    flagged: p.identifying.length,
    now: new Date().toISOString(),
    proxy: playability === 'original' ? 'not-needed' : 'none',
  };
  vault.catalog
    .prepare(
      `INSERT INTO media_info (recording_id, status, problem, playability, duration_sec, container, video_codec, audio_codec, width, height, fps, rotation,
         sample_rate, channels, creation_time, bit_rate, identifying, flagged, proxy_status, probed_at)
       VALUES (@id, 'ready', NULL, @playability, @duration, @container, @vcodec, @acodec, @width, @height, @fps, @rotation,
         @rate, @channels, @created, @bitRate, @identifying, @flagged, @proxy, @now)
       ON CONFLICT (recording_id) DO UPDATE SET status = 'ready', problem = NULL, playability = excluded.playability,
         duration_sec = excluded.duration_sec, container = excluded.container, video_codec = excluded.video_codec, audio_codec = excluded.audio_codec,
         width = excluded.width, height = excluded.height, fps = excluded.fps, rotation = excluded.rotation, sample_rate = excluded.sample_rate,
         channels = excluded.channels, creation_time = excluded.creation_time, bit_rate = excluded.bit_rate, identifying = excluded.identifying,
         flagged = excluded.flagged, probed_at = excluded.probed_at,
         proxy_status = CASE WHEN media_info.proxy_status = 'ready' THEN 'ready' ELSE excluded.proxy_status END`,
    )
    .run(values);
}

/** The recording stays listed; `problem` is what the library shows ("cannot be played: <reason>"). */
export function saveFailure(vault: Vault, id: string, problem: string): void {
  vault.catalog
    .prepare(
      `INSERT INTO media_info (recording_id, status, problem, playability, probed_at) VALUES (?, 'failed', ?, 'unplayable', ?)
       ON CONFLICT (recording_id) DO UPDATE SET status = 'failed', problem = excluded.problem, playability = 'unplayable', probed_at = excluded.probed_at`,
    )
    .run(id, problem, new Date().toISOString());
}

export interface ThumbBlobs {
  posterBlobId: string | null;
  spriteBlobId: string | null;
}

export function thumbBlobsOf(vault: Vault, id: string): ThumbBlobs {
  const r = vault.catalog.prepare('SELECT poster_blob_id, sprite_blob_id FROM media_info WHERE recording_id = ?').get(id) as { poster_blob_id: string | null; sprite_blob_id: string | null } | undefined;
  return { posterBlobId: r?.poster_blob_id ?? null, spriteBlobId: r?.sprite_blob_id ?? null };
}

/** Runs inside the transaction that commits the blob (Vault.storeBytes's link). */
export function linkPoster(vault: Vault, id: string, blobId: string): void {
  linked(vault.catalog.prepare('UPDATE media_info SET poster_blob_id = ? WHERE recording_id = ?').run(blobId, id).changes, id);
}

export function linkSprite(vault: Vault, id: string, blobId: string, grid: SpriteGrid): void {
  linked(vault.catalog.prepare('UPDATE media_info SET sprite_blob_id = ?, sprite_grid = ? WHERE recording_id = ?').run(blobId, JSON.stringify(grid), id).changes, id);
}

/**
 * A recording deleted while its job ran has no row to link to. Throwing rolls back the blob's
 * key with it (Vault.storeBytes commits both in one transaction), so no image or proxy of a
 * deleted recording survives under a key nobody refers to.
 */
function linked(changes: number, id: string): void {
  if (changes === 0) throw new VaultError('NOT_FOUND', `Recording ${id} was deleted while Kluis was working on it; nothing was kept.`);
}

/** Whether the recording still exists (a deletion may land while its job runs). */
export function recordingExists(vault: Vault, id: string): boolean {
  return vault.catalog.prepare('SELECT 1 FROM recordings WHERE id = ?').get(id) !== undefined;
}

/** The parts that play as one recording, in playing order: the main file first, then its chapters (or AVCHD's other streams). */
export function partsOf(vault: Vault, id: string): { relPath: string; blobId: string; size: number }[] {
  return vault.catalog
    .prepare(
      `SELECT rel_path AS relPath, blob_id AS blobId, size FROM recording_files
       WHERE recording_id = ? AND role IN ('main', 'chapter') AND blob_id IS NOT NULL
       ORDER BY role = 'chapter', position, rel_path`,
    )
    .all(id) as { relPath: string; blobId: string; size: number }[];
}

export function proxyState(vault: Vault, id: string): { playability: string; status: ProxyStatus; blobId: string | null; durationSec: number | null } | null {
  const r = vault.catalog.prepare('SELECT playability, proxy_status, proxy_blob_id, duration_sec FROM media_info WHERE recording_id = ?').get(id) as
    | { playability: string; proxy_status: ProxyStatus; proxy_blob_id: string | null; duration_sec: number | null }
    | undefined;
  return r ? { playability: r.playability, status: r.proxy_status, blobId: r.proxy_blob_id, durationSec: r.duration_sec } : null;
}

export function setProxyRunning(vault: Vault, id: string, progress: number): void {
  vault.catalog.prepare("UPDATE media_info SET proxy_status = 'running', proxy_progress = ? WHERE recording_id = ?").run(progress, id);
}

/** Runs inside the transaction that commits the proxy blob. */
export function linkProxy(vault: Vault, id: string, blobId: string): void {
  linked(vault.catalog.prepare("UPDATE media_info SET proxy_status = 'ready', proxy_progress = NULL, proxy_blob_id = ? WHERE recording_id = ?").run(blobId, id).changes, id);
}

/** Without a proxy a needs-proxy recording cannot be played at all, so the library says so. */
export function setProxyFailed(vault: Vault, id: string, problem: string): void {
  vault.catalog.prepare("UPDATE media_info SET proxy_status = 'failed', proxy_progress = NULL, playability = 'unplayable', problem = ? WHERE recording_id = ?").run(problem, id);
}

/** A cancelled proxy is simply not there yet: the next run starts it again. */
export function setProxyNone(vault: Vault, id: string): void {
  vault.catalog.prepare("UPDATE media_info SET proxy_status = 'none', proxy_progress = NULL WHERE recording_id = ? AND proxy_status != 'ready'").run(id);
}

/** Whether the probe is done (a proxy may still be due). */
export function isProbed(vault: Vault, id: string): boolean {
  const r = vault.catalog.prepare('SELECT status FROM media_info WHERE recording_id = ?').get(id) as { status: MediaStatus } | undefined;
  return r !== undefined && r.status !== 'pending';
}
