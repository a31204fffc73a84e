import { type Vault } from '../vault';
import { getPerson } from './persons';
import { audit, ready } from './ready';
import { recordedAt } from './recordings';
import type { Appearance, Presence, TimeRange } from './types';

/** Adds or updates who appears in a recording; seen/heard matters for redaction (blur vs. mute). */
export function addAppearance(vault: Vault, a: { recordingId: string; personId: string; presence: Presence; ranges?: TimeRange[] }, now: Date = new Date()): Appearance {
  const db = ready(vault).catalog;
  recordedAt(vault, a.recordingId); // names a missing recording clearly, before the foreign key would
  getPerson(vault, a.personId);
  const app: Appearance = { recordingId: a.recordingId, personId: a.personId, presence: a.presence, ranges: a.ranges ?? [] };
  db.transaction(() => {
    writeAppearanceRow(vault, app);
    audit(vault, { action: 'appearance.set', subject: app.recordingId, detail: { person: app.personId, presence: app.presence } }, now);
  })();
  return app;
}

/** Inserts or replaces the row, in the caller's transaction (adding one, a handover's). */
export function writeAppearanceRow(vault: Vault, a: Appearance): void {
  vault.catalog
    .prepare('INSERT INTO appearances (recording_id, person_id, presence, ranges) VALUES (?, ?, ?, ?) ON CONFLICT (recording_id, person_id) DO UPDATE SET presence = excluded.presence, ranges = excluded.ranges')
    .run(a.recordingId, a.personId, a.presence, JSON.stringify(a.ranges));
}

export function listAppearances(vault: Vault, recordingId: string): Appearance[] {
  const rows = ready(vault).catalog.prepare('SELECT * FROM appearances WHERE recording_id = ? ORDER BY person_id').all(recordingId) as { recording_id: string; person_id: string; presence: Presence; ranges: string }[];
  return rows.map((r) => ({ recordingId: r.recording_id, personId: r.person_id, presence: r.presence, ranges: JSON.parse(r.ranges) as TimeRange[] }));
}
