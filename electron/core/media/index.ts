export { createMediaHandler, type MediaEntry, type MediaHandler, type MediaSource } from './handler';
export { parseRange, type RangeResult } from './range';
export { MediaTokens } from './tokens';
export { mimeFor } from './mime';
export { vaultSource, VaultMediaSource } from './vault-source';
export { startRangeServer, type RangeServer } from './range-server';
// ffmpeg/ffprobe location, the typed runner and probe: one public entry for the media capability.
export * from './ffmpeg';
// The library catalog, processing and its background queue (docs/media.md).
export { MEDIA_MIGRATIONS } from './schema';
export {
  ensureMediaTables,
  queryLibrary,
  recordingDetail,
  renameRecording,
  mainFileOf,
  markPending,
  type LibraryRow,
  type LibraryQuery,
  type LibrarySort,
  type RecordingDetail,
  type SpriteGrid,
  type Playability,
  type ProxyStatus,
} from './catalog';
export { playabilityOf, type PlayabilityVerdict } from './playability';
export { processRecording, makeThumbnails, type ProcessOptions, type ProcessOutcome } from './process';
export { MediaQueue, type MediaQueueOptions } from './queue';
export { makeProxy, PROXY_ENCODE, type ProxyOptions } from './proxy';
export { withRangeInput } from './range-input';
export { partsInput } from './parts-input';
export { forgetMedia, forgetMediaRows } from './forget';
// Anything that leaves the vault goes through this (issue 7's share export).
export { exportStripped, type ExportOptions, type StrippedExport } from './export';
