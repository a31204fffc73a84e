import type { Layout } from '../ingest';

const BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  lrv: 'video/mp4',
  lrf: 'video/mp4',
  mov: 'video/quicktime',
  mts: 'video/mp2t',
  m2ts: 'video/mp2t',
  ts: 'video/mp2t',
  wav: 'audio/wav',
};

/**
 * The MIME a player needs to pick a demuxer. With nosniff set, a wrong type is fatal rather than
 * guessed around, so anything we do not know is octet-stream (never played, only downloaded).
 */
export function mimeFor(name: string, layout?: Layout): string {
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  const known = BY_EXTENSION[ext];
  if (known) return known;
  // AVCHD stream files are MPEG-TS whatever a camera called them.
  if (layout === 'avchd') return 'video/mp2t';
  return 'application/octet-stream';
}
