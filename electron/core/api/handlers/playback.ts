import { createMediaHandler, MediaError, mimeFor, vaultSource, type MediaHandler, type VaultMediaSource } from '../../media';
import { previewBlob } from '../../redact';
import { VaultError, type Vault } from '../../vault';
import type { mediaContract } from '../contracts/media';
import type { HandlersOf, ServiceContext } from './context';

type PlaybackMethods = Pick<typeof mediaContract, 'media.open' | 'media.close' | 'media.playing'>;
type OpenHandler = HandlersOf<PlaybackMethods>['media.open'];

/** The tokens of the vault that is open now; replaced when another vault (or the same one again) is unlocked. */
interface PlaybackState {
  vault: Vault | null;
  source: VaultMediaSource | null;
}

/**
 * The service builds its handlers itself, so a shell cannot be handed our token table directly.
 * The 'media.open' function it exposes in service.handlers is ours, though, and so identifies the
 * state: playbackMediaHandler(service) finds it here without a new getter on the service.
 */
const STATES = new WeakMap<OpenHandler, PlaybackState>();

function tableExists(vault: Vault, name: string): boolean {
  return vault.catalog.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * The blob a player gets for a recording: its 'main' file (the first chapter of a chaptered
 * recording), else its first file that is not a sidecar. Proxies (when media_info has one) win.
 */
export function playableBlob(vault: Vault, recordingId: string): { blobId: string; size: number; mime: string } {
  const proxy = mediaInfoBlob(vault, recordingId, 'proxy_blob_id');
  if (proxy) return { ...proxy, mime: 'video/mp4' };
  refuseWhatCannotPlay(vault, recordingId);
  if (!tableExists(vault, 'recording_files')) throw new VaultError('NOT_FOUND', 'There is no such recording.');
  const row = vault.catalog
    .prepare(
      `SELECT f.blob_id, f.size, f.rel_path, r.layout FROM recording_files f JOIN recordings r ON r.id = f.recording_id
       WHERE f.recording_id = ? AND f.blob_id IS NOT NULL AND f.role <> 'sidecar' AND r.state <> 'importing'
       ORDER BY (f.role = 'main') DESC, f.position LIMIT 1`,
    )
    .get(recordingId) as { blob_id: string; size: number; rel_path: string; layout: string } | undefined;
  if (!row) throw new VaultError('NOT_FOUND', 'This recording has no playable file in the vault.');
  const mime = mimeFor(row.rel_path, row.layout as Parameters<typeof mimeFor>[1]);
  // Chromium plays H.264 in a QuickTime file (the same ISO boxes) but not under video/quicktime;
  // one it cannot play was refused above (needs-proxy), so the MP4 label never lies about codecs.
  return { blobId: row.blob_id, size: row.size, mime: mime === 'video/quicktime' ? 'video/mp4' : mime };
}

/**
 * When the media side has examined the recording and says Chromium cannot play the original,
 * a clear refusal beats handing the player bytes it will fail on with a bare MEDIA_ERR.
 * Not examined yet ('pending' or no row): let the player try; most camera files are H.264 MP4.
 */
function refuseWhatCannotPlay(vault: Vault, recordingId: string): void {
  if (!tableExists(vault, 'media_info')) return;
  let row: { playability: string; problem: string | null } | undefined;
  try {
    row = vault.catalog.prepare('SELECT playability, problem FROM media_info WHERE recording_id = ?').get(recordingId) as typeof row;
  } catch {
    return;
  }
  // NOT_PLAYABLE, not NOT_FOUND: the recording is there, and the player says why it cannot show it.
  if (row?.playability === 'unplayable') throw new MediaError('NOT_PLAYABLE', `This recording ${row.problem ?? 'cannot be played: the file could not be read'}.`);
  if (row?.playability === 'needs-proxy') throw new MediaError('NOT_PLAYABLE', 'This recording needs a playable copy first; Kluis makes one in the background.');
}

function isProxy(vault: Vault, recordingId: string, blobId: string): boolean {
  return mediaInfoBlob(vault, recordingId, 'proxy_blob_id')?.blobId === blobId;
}

/**
 * Posters, sprites and proxies live in the media capability's media_info table (built in parallel);
 * until it exists, or when the column is not there, the answer is "not found", never a crash.
 */
function mediaInfoBlob(vault: Vault, recordingId: string, column: 'poster_blob_id' | 'sprite_blob_id' | 'proxy_blob_id'): { blobId: string; size: number } | null {
  if (!tableExists(vault, 'media_info')) return null;
  try {
    const row = vault.catalog.prepare(`SELECT b.id, b.size FROM media_info m JOIN blobs b ON b.id = m.${column} WHERE m.recording_id = ?`).get(recordingId) as { id: string; size: number } | undefined;
    return row ? { blobId: row.id, size: row.size } : null;
  } catch {
    return null;
  }
}

/**
 * A clip received in a share package: share stored it as a vault blob (received_clips.blob_id),
 * playable as it came. Past the package's expiry it is gone for the player, whether or not the
 * expiry sweep has run yet.
 */
function receivedClipBlob(vault: Vault, clipId: string, kind: 'play' | 'poster' | 'sprite'): { blobId: string; size: number; mime: string } {
  if (!tableExists(vault, 'received_clips') || kind === 'sprite') throw new VaultError('NOT_FOUND', 'There is no such received clip.');
  const row = vault.catalog
    .prepare(
      `SELECT c.blob_id, c.poster_blob_id, c.mime, b.size, p.expires_at FROM received_clips c JOIN received_packages p ON p.id = c.package_id
       JOIN blobs b ON b.id = c.blob_id WHERE c.id = ? AND p.state = 'open'`,
    )
    .get(clipId) as { blob_id: string; poster_blob_id: string | null; mime: string; size: number; expires_at: string } | undefined;
  if (!row || Date.parse(row.expires_at) <= Date.now()) throw new VaultError('NOT_FOUND', 'There is no such received clip, or it has expired.');
  if (kind === 'poster') {
    if (!row.poster_blob_id) throw new VaultError('NOT_FOUND', 'This clip has no poster.');
    const p = vault.catalog.prepare('SELECT size FROM blobs WHERE id = ?').get(row.poster_blob_id) as { size: number };
    return { blobId: row.poster_blob_id, size: p.size, mime: 'image/jpeg' };
  }
  return { blobId: row.blob_id, size: row.size, mime: row.mime };
}

/** Playback tickets: opaque per-session tokens the media handler resolves; all revoked at lock. */
export function playbackHandlers(ctx: ServiceContext): HandlersOf<PlaybackMethods> {
  const state: PlaybackState = { vault: null, source: null };
  const sourceFor = (vault: Vault): VaultMediaSource => {
    if (state.vault !== vault || !state.source) {
      state.source?.revokeAll();
      state.vault = vault;
      state.source = vaultSource(vault);
    }
    return state.source;
  };
  ctx.beforeLock(() => {
    // Every player loses its stream at once; the next unlock starts a fresh token table.
    state.source?.revokeAll();
    state.source = null;
    state.vault = null;
  });

  const open: OpenHandler = async ({ id, kind }) => {
    const vault = ctx.open();
    let blob: { blobId: string; size: number; mime: string };
    if (id.startsWith('rcl_')) blob = receivedClipBlob(vault, id, kind);
    else if (id.startsWith('rpv_') && kind === 'play') blob = previewBlob(vault, id);
    else if (kind === 'play') blob = playableBlob(vault, id);
    else {
      const found = mediaInfoBlob(vault, id, kind === 'poster' ? 'poster_blob_id' : 'sprite_blob_id');
      if (!found) throw new VaultError('NOT_FOUND', `This recording has no ${kind} yet.`);
      blob = { ...found, mime: 'image/jpeg' };
    }
    const token = sourceFor(vault).issue({ id: blob.blobId, size: blob.size }, blob.mime);
    // A view is logged once per ticket, not per range request; posters and sprites are not views.
    // A redaction preview was logged when it was rendered (redact.previewed).
    if (kind === 'play' && !id.startsWith('rpv_')) ctx.audit({ action: 'recording.viewed', subject: id, detail: { copy: blob.mime === 'video/mp4' && isProxy(vault, id, blob.blobId) ? 'proxy' : 'original' } });
    return { token, mime: blob.mime, size: blob.size };
  };
  STATES.set(open, state);

  return {
    'media.open': open,
    'media.close': async ({ token }) => {
      state.source?.revoke(token);
      return {};
    },
    'media.playing': async ({ playing }) => {
      ctx.playing(playing);
      return {};
    },
  };
}

/**
 * The one media handler of a service, for Electron's protocol.handle and the test host. Tokens
 * come only from media.open on the same service; anything else (or anything after lock) is 404.
 */
export function playbackMediaHandler(service: { handlers: { 'media.open': unknown } }): MediaHandler {
  const state = STATES.get(service.handlers['media.open'] as OpenHandler);
  if (!state) throw new Error('This service has no playback handlers.');
  return createMediaHandler({ lookup: (token) => state.source?.lookup(token) ?? null });
}
