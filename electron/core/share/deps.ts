import { exportStripped } from '../media';
import { derivativeInfo, getPlan, redactedPersons, undecidedTracks } from '../redact';
import type { Vault } from '../vault';
import { editsFrom } from './edits';
import type { ExportDeps } from './export';

/**
 * A derivative is only as decided as the plan it was rendered from: tracks still undecided in
 * that version count against it, as do those of its own (newest) plan.
 */
function undecided(vault: Vault, recordingId: string): unknown[] {
  const own = undecidedTracks(vault, recordingId);
  const d = derivativeInfo(vault, recordingId);
  if (!d) return own;
  return [...own, ...getPlan(vault, d.sourceId, d.planVersion).plan.tracks.filter((t) => t.decision === 'undecided')];
}

/**
 * What the share flows take from redaction (redacted persons, undecided tracks, edit manifests)
 * and media (the metadata-stripping remux). One place, so the service, the CLI and core callers
 * export through the same gate and the same stripping.
 */
export function shareDeps(): ExportDeps {
  return {
    exportStripped: (vault, recordingId, opts) => exportStripped(vault, recordingId, opts),
    redaction: { redactedPersons, undecidedTracks: undecided },
    editsOf: (vault, recordingId) => {
      const m = derivativeInfo(vault, recordingId)?.manifest;
      return m ? editsFrom(vault, { cuts: m.cuts, redacted: m.redacted, frames: m.frames, audio: m.audio }) : [];
    },
  };
}
