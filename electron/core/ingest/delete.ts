import { appendAudit } from '../audit';
import { forgetRecordingConsentRows } from '../consent';
import { forgetMediaRows } from '../media';
import { VaultError, type Vault } from '../vault';
import { derivativesOf } from './derived';
import { INGEST_MIGRATIONS } from './schema';

/** Why a recording is deleted: the reason in words and the rule that demands or allows it. */
export interface DeletionReason {
  /**
   * 'retention', 'withdrawal', 'objection' (the person objects to the recording's purpose, A2),
   * 'user', or 'handover': ownership moved to a colleague's vault (U5)
   */
  why: 'retention' | 'withdrawal' | 'objection' | 'user' | 'handover';
  /** the rule code or preset the deletion carries out, e.g. 'R7', 'H7', 'preset:reflection' */
  rule: string;
  /** the person whose withdrawal or objection led to it, when there is one */
  personId?: string;
}

export interface DeletedRecording {
  recordingId: string;
  deletedAt: string;
  /** blobs whose keys were destroyed: the recording's files, poster, sprite, proxy */
  blobs: number;
  /** who appeared in it (person ids), as the consent rows said before they were removed */
  persons: string[];
  retentionDeadline: string | null;
  auditSeq: number;
}

/**
 * Deletes a recording for good (crypto-shredding). One catalog transaction is the commit point:
 * the recording's files and their blob keys, its media_info row and poster/sprite/proxy keys,
 * the consent rows that refer to it, the recording row, and the 'recording.deleted' audit entry
 * (reason and rule, no content). Without the keys the ciphertext is unreadable; the files are
 * removed after the commit, and a crash in between, or a file that cannot be removed yet, leaves
 * orphans the vault sweeps at unlock. An error thrown here means the recording is still there
 * (redacted versions, deleted first, may be gone).
 */
export async function deleteRecording(vault: Vault, recordingId: string, reason: DeletionReason, now: Date = new Date()): Promise<DeletedRecording> {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  const db = vault.catalog;
  const rec = db.prepare('SELECT id FROM recordings WHERE id = ?').get(recordingId);
  if (!rec) throw new VaultError('NOT_FOUND', `There is no recording ${recordingId} in this vault; list them with "kluis recordings".`);
  // A redacted derivative shows the same scene: it goes with its source (docs/redaction-plan.md section 3).
  for (const d of derivativesOf(vault, recordingId)) await deleteRecording(vault, d, reason, now);
  const { out, gone } = db.transaction((): { out: DeletedRecording; gone: string[] } => {
    const fileBlobs = (db.prepare('SELECT blob_id FROM recording_files WHERE recording_id = ? AND blob_id IS NOT NULL').all(recordingId) as { blob_id: string }[]).map((r) => r.blob_id);
    const mediaBlobs = forgetMediaRows(vault, recordingId);
    const consent = forgetRecordingConsentRows(vault, recordingId);
    db.prepare('DELETE FROM recording_files WHERE recording_id = ?').run(recordingId);
    db.prepare('DELETE FROM recordings WHERE id = ?').run(recordingId);
    const blobs = [...new Set([...fileBlobs, ...mediaBlobs])];
    // A blob another row still names (never the case today) keeps its key.
    const shared = db.prepare('SELECT 1 FROM recording_files WHERE blob_id = ?');
    const gone = blobs.filter((b) => !shared.get(b));
    for (const b of gone) db.prepare('DELETE FROM blobs WHERE id = ?').run(b);
    const entry = appendAudit(
      vault,
      {
        action: 'recording.deleted',
        subject: recordingId,
        detail: {
          why: reason.why,
          rule: reason.rule,
          person: reason.personId ?? null,
          persons: consent.persons.join(','),
          blobs: gone.length,
          retentionPreset: consent.info?.retentionPreset ?? null,
          retentionDeadline: consent.info?.retentionDeadline ?? null,
        },
      },
      now,
    );
    return { out: { recordingId, deletedAt: now.toISOString(), blobs: gone.length, persons: consent.persons, retentionDeadline: consent.info?.retentionDeadline ?? null, auditSeq: entry.seq }, gone };
  })();
  // After the commit the recording is deleted: the keys are gone, so these files are ciphertext
  // nobody can open. Remove them now; one the system will not let go of is an orphan like a crash
  // leaves, which unlock sweeps. Throwing here would tell the caller the recording is still
  // there, and "delete it by hand" would then find nothing to delete.
  for (const b of gone) {
    await vault.removeBlob(b).catch((e: unknown) =>
      console.error(`kluis: ${recordingId} is deleted, but its encrypted file ${b} could not be removed yet (${(e as NodeJS.ErrnoException).code ?? String(e)}); no key opens it, and the next unlock removes it.`),
    );
  }
  return out;
}
