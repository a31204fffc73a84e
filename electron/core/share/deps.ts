import { exportStripped } from '../media';
import type { ExportDeps } from './export';

/**
 * What the share flows take from redaction (redacted persons, undecided tracks, edit manifests)
 * and media (the metadata-stripping remux). One place, so the service, the CLI and core callers
 * export through the same gate and the same stripping.
 */
export function shareDeps(): ExportDeps {
  return { exportStripped: (vault, recordingId, opts) => exportStripped(vault, recordingId, opts) };
}
