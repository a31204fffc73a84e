import type { Input, Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { toKluisError } from '../api/errors';

export type LibraryQuery = Input<'library.query'>;
export type LibraryPage = Output<'library.query'>;
export type LibraryRow = LibraryPage['rows'][number];

/**
 * library.query, or, while the core's media side does not answer it yet (NOT_FOUND from the
 * placeholder handler), the same page built from recordings.list so the library stays usable.
 * The fallback knows no probe data: every row is 'pending'.
 */
export async function queryLibrary(q: LibraryQuery): Promise<LibraryPage> {
  try {
    return await api.call('library.query', q);
  } catch (e) {
    if (toKluisError(e).code !== 'NOT_FOUND') throw e;
  }
  const { recordings } = await api.call('recordings.list', {});
  const search = q.search?.trim().toLowerCase() ?? '';
  let rows: LibraryRow[] = recordings
    .filter((r) => !search || r.label.toLowerCase().includes(search) || r.sourceLabel.toLowerCase().includes(search))
    .map((r) => ({
      id: r.id,
      title: r.label,
      layout: r.layout,
      sourceLabel: r.sourceLabel,
      capturedAt: r.capturedAt,
      importedAt: r.importedAt,
      files: r.files,
      bytes: r.bytes,
      verified: true, // recordings.list lists only recordings whose import was verified
      durationSec: null,
      container: null,
      videoCodec: null,
      audioCodec: null,
      width: null,
      height: null,
      playability: 'pending',
      proxy: { status: 'none', progress: null },
      problem: null,
      flagged: 0,
      hasPoster: false,
    }));
  if (q.playability?.length) rows = rows.filter((r) => q.playability!.includes(r.playability));
  if (q.flaggedOnly) rows = rows.filter((r) => r.flagged > 0);
  const key = (r: LibraryRow): string | number =>
    q.sort === 'title' ? r.title.toLowerCase() : q.sort === 'size' ? r.bytes : q.sort === 'duration' ? (r.durationSec ?? 0) : q.sort === 'importedAt' ? r.importedAt : (r.capturedAt ?? '');
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (q.dir === 'asc' ? 1 : -1));
  const offset = q.offset ?? 0;
  return { total: rows.length, rows: rows.slice(offset, offset + (q.limit ?? 100)) };
}
