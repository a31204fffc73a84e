export { createMediaHandler, type MediaEntry, type MediaHandler, type MediaSource } from './handler';
export { parseRange, type RangeResult } from './range';
export { MediaTokens } from './tokens';
export { mimeFor } from './mime';
export { vaultSource, VaultMediaSource } from './vault-source';
export { startRangeServer, type RangeServer } from './range-server';
// ffmpeg/ffprobe location, the typed runner and probe: one public entry for the media capability.
export * from './ffmpeg';
