import { deleteRecording, type DeletedRecording } from '../ingest';
import type { Vault } from '../vault';
import { retentionPresets } from './presets';
import { retentionDue, type DueRecording } from './recordings';

export interface RetentionRun {
  at: string;
  /** false: nothing was deleted, `due` is what a confirmed run would delete */
  confirmed: boolean;
  /** label: the recording's title as the library shows it, so a notice can say what went */
  due: (DueRecording & { rule: string; label: string })[];
  deleted: DeletedRecording[];
}

/** The rule a preset's deadline comes from (H7, A1, R7, ...); a preset no longer listed still names itself. */
export function presetRule(presetId: string): string {
  return retentionPresets().find((p) => p.id === presetId)?.rule ?? `preset:${presetId}`;
}

/** The title the user knows the recording by: the library's rename (media) if any, else the import's label. */
function titleOf(vault: Vault, recordingId: string): string {
  const db = vault.catalog;
  const renamed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media_info'").get()
    ? (db.prepare('SELECT title FROM media_info WHERE recording_id = ?').get(recordingId) as { title: string | null } | undefined)?.title
    : null;
  return renamed ?? (db.prepare('SELECT label FROM recordings WHERE id = ?').get(recordingId) as { label: string } | undefined)?.label ?? recordingId;
}

/**
 * Retention enforcement (R7, H7): recordings past their deadline at `now`. Without `confirm`
 * this only lists them; with it, each is crypto-shredded through ingest's deleteRecording, one
 * transaction and one 'recording.deleted' audit entry per recording (why 'retention', the
 * preset's rule). The clock is a parameter so tests use a fixed one.
 */
export async function runRetention(vault: Vault, opts: { now?: Date; confirm: boolean }): Promise<RetentionRun> {
  const now = opts.now ?? new Date();
  const due = retentionDue(vault, now).map((d) => ({ ...d, rule: presetRule(d.retentionPreset), label: titleOf(vault, d.recordingId) }));
  const deleted: DeletedRecording[] = [];
  if (opts.confirm) {
    for (const d of due) deleted.push(await deleteRecording(vault, d.recordingId, { why: 'retention', rule: d.rule }, now));
  }
  return { at: now.toISOString(), confirmed: opts.confirm, due, deleted };
}
