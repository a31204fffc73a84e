import type { ExportDeps } from './export';

/**
 * What the share flows take from redaction (redacted persons, undecided tracks, edit manifests)
 * and media (the metadata-stripping remux). One place, so the service and the CLI export through
 * the same gate as the tests that pass them explicitly.
 */
export function shareDeps(): ExportDeps {
  return {};
}
