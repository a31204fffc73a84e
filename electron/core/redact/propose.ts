import type { Vault } from '../vault';
import { detectTracks, type DetectOptions } from './detect';
import { getPlan, savePlan, type StoredPlan } from './store';

/**
 * Runs face and person detection and stores what it found as undecided tracks in a new plan
 * version (ids face-N, and person-N for a head whose face was not seen), so
 * each needs a person's decision before anything is shared (issue 6, H4). Tracks the user drew or
 * already decided are kept; undecided detections from an earlier run are replaced by this run's.
 */
export async function proposeDetectedTracks(vault: Vault, recordingId: string, opts: DetectOptions = {}): Promise<{ plan: StoredPlan; found: number }> {
  const proposed = await detectTracks(vault, recordingId, opts);
  const current = getPlan(vault, recordingId).plan;
  const kept = current.tracks.filter((t) => !(t.origin === 'detected' && t.decision === 'undecided'));
  const taken = new Set(kept.map((t) => t.id));
  const counters = { face: 0, person: 0 };
  const nextId = (kind: 'face' | 'person'): string => {
    while (taken.has(`${kind}-${++counters[kind]}`));
    return `${kind}-${counters[kind]}`;
  };
  const added = proposed.map((p) => ({
    id: nextId(p.kind),
    label: '',
    origin: 'detected' as const,
    decision: 'undecided' as const,
    keyframes: p.keyframes.map(({ t, x, y, w, h }) => ({ t, x: Math.max(0, Math.round(x)), y: Math.max(0, Math.round(y)), w: Math.max(2, Math.round(w)), h: Math.max(2, Math.round(h)) })),
  }));
  const plan = savePlan(vault, recordingId, { ...current, tracks: [...kept, ...added] });
  return { plan, found: added.length };
}
