import type { Vault } from '../vault';

/**
 * Removes the consent rows that refer to a recording (its appearances and its purpose/basis/
 * retention row) and returns who appeared in it. Synchronous: it runs inside the deletion's
 * catalog transaction. Persons and their consents stay: they are about the person, not the recording.
 */
export function forgetRecordingConsentRows(vault: Vault, recordingId: string): { persons: string[]; info: { retentionPreset: string; retentionDeadline: string; purpose: string } | null } {
  const db = vault.catalog;
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'appearances'").get()) return { persons: [], info: null };
  const persons = (db.prepare('SELECT person_id FROM appearances WHERE recording_id = ? ORDER BY person_id').all(recordingId) as { person_id: string }[]).map((r) => r.person_id);
  const info = db.prepare('SELECT retention_preset, retention_deadline, purpose FROM recording_consent_info WHERE recording_id = ?').get(recordingId) as
    | { retention_preset: string; retention_deadline: string; purpose: string }
    | undefined;
  db.prepare('DELETE FROM appearances WHERE recording_id = ?').run(recordingId);
  db.prepare('DELETE FROM recording_consent_info WHERE recording_id = ?').run(recordingId);
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'session_plan_recordings'").get()) {
    db.prepare('DELETE FROM session_plan_recordings WHERE recording_id = ?').run(recordingId);
  }
  return { persons, info: info ? { retentionPreset: info.retention_preset, retentionDeadline: info.retention_deadline, purpose: info.purpose } : null };
}
