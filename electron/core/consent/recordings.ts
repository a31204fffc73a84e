import { VaultError, type Vault } from '../vault';
import { findPreset, retentionDeadline } from './presets';
import { audit, ready } from './ready';
import type { LawfulBasis, Purpose, RecordingConsentInfo, Situation } from './types';

/** What the user sets; the deadline is derived from the preset (or given, for the custom one). */
export type SetPurpose = Omit<RecordingConsentInfo, 'retentionDeadline' | 'consentArchive'> & {
  /** for presets counted from a date the user knows (graduation, the assessment) */
  anchorDate?: string;
  /** for the custom preset */
  deadline?: string;
  consentArchive?: string | null;
};

interface InfoRow {
  recording_id: string;
  purpose: Purpose;
  lawful_basis: LawfulBasis;
  situation: Situation;
  special_category: number;
  owner: string;
  retention_preset: string;
  retention_deadline: string;
  consent_archive: string | null;
}

const toInfo = (r: InfoRow): RecordingConsentInfo => ({
  recordingId: r.recording_id,
  purpose: r.purpose,
  lawfulBasis: r.lawful_basis,
  situation: r.situation,
  specialCategory: r.special_category === 1,
  owner: r.owner,
  retentionPreset: r.retention_preset,
  retentionDeadline: r.retention_deadline,
  consentArchive: r.consent_archive,
});

/** The recording's own time: capture when the camera knew it, else the import. */
export function recordedAt(vault: Vault, recordingId: string): Date {
  const r = ready(vault).catalog.prepare('SELECT captured_at, imported_at FROM recordings WHERE id = ?').get(recordingId) as { captured_at: string | null; imported_at: string } | undefined;
  if (!r) throw new VaultError('NOT_FOUND', `There is no recording ${recordingId} in this vault; list them with "kluis recordings".`);
  return new Date(r.captured_at ?? r.imported_at);
}

/**
 * Sets purpose, basis and retention. A change of purpose or a later deadline is logged with
 * the old values, and coverage is judged against the new purpose from then on (H8).
 */
export function setRecordingPurpose(vault: Vault, s: SetPurpose, now: Date = new Date()): RecordingConsentInfo {
  const db = ready(vault).catalog;
  const deadline = retentionDeadline(findPreset(s.retentionPreset), recordedAt(vault, s.recordingId), {
    ...(s.anchorDate ? { anchorDate: new Date(s.anchorDate) } : {}),
    ...(s.deadline ? { deadline: new Date(s.deadline) } : {}),
  });
  const before = getRecordingInfo(vault, s.recordingId);
  const info: RecordingConsentInfo = {
    recordingId: s.recordingId,
    purpose: s.purpose,
    lawfulBasis: s.lawfulBasis,
    situation: s.situation,
    specialCategory: s.specialCategory,
    owner: s.owner,
    retentionPreset: s.retentionPreset,
    retentionDeadline: deadline.toISOString(),
    consentArchive: s.consentArchive ?? null,
  };
  db.transaction(() => {
    writeInfoRow(vault, info);
    audit(vault, {
      action: 'recording.purposeSet',
      subject: info.recordingId,
      detail: { purpose: info.purpose, basis: info.lawfulBasis, deadline: info.retentionDeadline, previousPurpose: before?.purpose ?? null, previousDeadline: before?.retentionDeadline ?? null },
    }, now);
  })();
  return info;
}

/** Inserts or replaces the row, in the caller's transaction (set purpose, a handover's recordings). */
export function writeInfoRow(vault: Vault, info: RecordingConsentInfo): void {
  vault.catalog.prepare(
    `INSERT INTO recording_consent_info (recording_id, purpose, lawful_basis, situation, special_category, owner, retention_preset, retention_deadline, consent_archive)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (recording_id) DO UPDATE SET purpose = excluded.purpose, lawful_basis = excluded.lawful_basis, situation = excluded.situation,
       special_category = excluded.special_category, owner = excluded.owner, retention_preset = excluded.retention_preset,
       retention_deadline = excluded.retention_deadline, consent_archive = excluded.consent_archive`,
  ).run(info.recordingId, info.purpose, info.lawfulBasis, info.situation, info.specialCategory ? 1 : 0, info.owner, info.retentionPreset, info.retentionDeadline, info.consentArchive);
}

export function getRecordingInfo(vault: Vault, recordingId: string): RecordingConsentInfo | null {
  const r = ready(vault).catalog.prepare('SELECT * FROM recording_consent_info WHERE recording_id = ?').get(recordingId) as InfoRow | undefined;
  return r ? toInfo(r) : null;
}

export interface DueRecording {
  recordingId: string;
  retentionPreset: string;
  retentionDeadline: string;
  owner: string;
}

/** Recordings whose deadline is at or before `now` (the clock is a parameter so tests can fix it). */
export function retentionDue(vault: Vault, now: Date): DueRecording[] {
  const rows = ready(vault).catalog.prepare('SELECT * FROM recording_consent_info ORDER BY retention_deadline, recording_id').all() as InfoRow[];
  return rows
    .filter((r) => new Date(r.retention_deadline).getTime() <= now.getTime())
    .map((r) => ({ recordingId: r.recording_id, retentionPreset: r.retention_preset, retentionDeadline: r.retention_deadline, owner: r.owner }));
}
