import { INGEST_MIGRATIONS, removeUnlistedDerived } from '../ingest';
import { VaultError, type Vault } from '../vault';
import { parsePlan, emptyPlan, type Plan, type Track } from './plan';
import { REDACT_MIGRATIONS } from './schema';
import type { EditManifest } from './manifest';

/** Renders running in this process: their 'verifying' rows are not leftovers of a crash. */
const running = new Set<string>();
export const renderRunning = {
  add: (id: string) => void running.add(id),
  delete: (id: string) => void running.delete(id),
};

/** The redact tables refer to ingest's recordings, so ingest's schema comes first. */
export function ready(vault: Vault): Vault {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  vault.migrate('redact', REDACT_MIGRATIONS);
  return vault;
}

/**
 * Deletes derivatives a crash left half-made ('verifying', their recording never listed), with
 * their blobs. Called before each render, not on every read, so a running render is never raced.
 */
export async function sweepUnfinished(vault: Vault): Promise<number> {
  const db = ready(vault).catalog;
  const stale = (db.prepare("SELECT recording_id FROM redact_derivatives WHERE state = 'verifying'").all() as { recording_id: string }[]).map((r) => r.recording_id).filter((id) => !running.has(id));
  for (const id of stale) await discardDerivative(vault, id);
  return stale.length;
}

/** Removes a derivative that failed its checks or was left by a crash: rows, key, then file. */
export async function discardDerivative(vault: Vault, id: string): Promise<void> {
  const db = ready(vault).catalog;
  const blobs = db.transaction(() => {
    db.prepare('DELETE FROM redact_derivatives WHERE recording_id = ?').run(id);
    return removeUnlistedDerived(vault, id);
  })();
  for (const b of blobs) await vault.removeBlob(b);
}

function assertRecording(vault: Vault, id: string): void {
  if (!vault.catalog.prepare('SELECT 1 FROM recordings WHERE id = ?').get(id)) throw new VaultError('NOT_FOUND', `There is no recording ${id} in this vault; list them with "kluis recordings".`);
}

export interface StoredPlan {
  recordingId: string;
  /** 0 when nothing was saved yet (the plan is then empty) */
  version: number;
  savedAt: string | null;
  plan: Plan;
  versions: number[];
}

/** Saves a new version of a recording's plan; earlier versions stay as they were. */
export function savePlan(vault: Vault, recordingId: string, input: unknown, now: Date = new Date()): StoredPlan {
  const db = ready(vault).catalog;
  assertRecording(vault, recordingId);
  const plan = parsePlan(input);
  const version = db.transaction(() => {
    const last = (db.prepare('SELECT max(version) AS v FROM redact_plans WHERE recording_id = ?').get(recordingId) as { v: number | null }).v ?? 0;
    db.prepare('INSERT INTO redact_plans (recording_id, version, plan, saved_at) VALUES (?, ?, ?, ?)').run(recordingId, last + 1, JSON.stringify(plan), now.toISOString());
    return last + 1;
  })();
  return getPlan(vault, recordingId, version);
}

/** The newest plan (or the named version); an empty plan, version 0, when none was saved. */
export function getPlan(vault: Vault, recordingId: string, version?: number): StoredPlan {
  const db = ready(vault).catalog;
  assertRecording(vault, recordingId);
  const versions = (db.prepare('SELECT version FROM redact_plans WHERE recording_id = ? ORDER BY version').all(recordingId) as { version: number }[]).map((r) => r.version);
  const want = version ?? versions[versions.length - 1];
  if (want === undefined) return { recordingId, version: 0, savedAt: null, plan: emptyPlan(), versions };
  const row = db.prepare('SELECT plan, saved_at FROM redact_plans WHERE recording_id = ? AND version = ?').get(recordingId, want) as { plan: string; saved_at: string } | undefined;
  if (!row) throw new VaultError('NOT_FOUND', `Recording ${recordingId} has no redaction plan version ${want}; it has ${versions.length ? versions.join(', ') : 'none'}.`);
  return { recordingId, version: want, savedAt: row.saved_at, plan: parsePlan(JSON.parse(row.plan)), versions };
}

/** Tracks of the newest plan still waiting for a decision; issue 7's share gate refuses while any is. */
export function undecidedTracks(vault: Vault, recordingId: string): Track[] {
  return getPlan(vault, recordingId).plan.tracks.filter((t) => t.decision === 'undecided');
}

export interface DerivativeInfo {
  recordingId: string;
  sourceId: string;
  planVersion: number;
  state: 'verifying' | 'verified';
  createdAt: string;
  manifest: EditManifest | null;
}

interface DerivativeRow {
  recording_id: string;
  source_id: string;
  plan_version: number;
  state: 'verifying' | 'verified';
  manifest: string | null;
  created_at: string;
}

const toInfo = (r: DerivativeRow): DerivativeInfo => ({
  recordingId: r.recording_id,
  sourceId: r.source_id,
  planVersion: r.plan_version,
  state: r.state,
  createdAt: r.created_at,
  manifest: r.manifest ? (JSON.parse(r.manifest) as EditManifest) : null,
});

export function insertDerivative(vault: Vault, d: { recordingId: string; sourceId: string; planVersion: number }, now: Date = new Date()): void {
  ready(vault).catalog.prepare("INSERT INTO redact_derivatives (recording_id, source_id, plan_version, state, created_at) VALUES (?, ?, ?, 'verifying', ?)").run(d.recordingId, d.sourceId, d.planVersion, now.toISOString());
}

export function setDerivativeVerified(vault: Vault, id: string, manifest: EditManifest): void {
  const n = vault.catalog.prepare("UPDATE redact_derivatives SET state = 'verified', manifest = ? WHERE recording_id = ?").run(JSON.stringify(manifest), id).changes;
  if (n === 0) throw new VaultError('NOT_FOUND', `The rendered recording ${id} was deleted while Kluis checked it; nothing was kept.`);
}

/** The derivative row of a recording, or null when the recording is not a redacted render. */
export function derivativeInfo(vault: Vault, recordingId: string): DerivativeInfo | null {
  const r = ready(vault).catalog.prepare('SELECT * FROM redact_derivatives WHERE recording_id = ?').get(recordingId) as DerivativeRow | undefined;
  return r ? toInfo(r) : null;
}

/** Verified derivatives rendered from a source, newest first. */
export function derivativesFrom(vault: Vault, sourceId: string): DerivativeInfo[] {
  const rows = ready(vault).catalog.prepare("SELECT * FROM redact_derivatives WHERE source_id = ? AND state = 'verified' ORDER BY created_at DESC, recording_id").all(sourceId) as DerivativeRow[];
  return rows.map(toInfo);
}

/**
 * Person ids redacted in a derived recording, as its edit manifest records them (issue 7's share
 * gate counts them as not recognisable). Empty for a recording that is not a verified derivative.
 */
export function redactedPersons(vault: Vault, derivedRecordingId: string): string[] {
  const d = derivativeInfo(vault, derivedRecordingId);
  if (!d || d.state !== 'verified' || !d.manifest) return [];
  return [...new Set(d.manifest.redacted.map((r) => r.personId).filter((p): p is string => p !== null))].sort();
}
