import { getPerson } from '../consent';
import type { Vault } from '../vault';
import type { ManifestEdit } from './manifest';

/** The parts of redaction's edit manifest that the share manifest discloses (B1). */
export interface RedactionEdits {
  cuts: { start: number; end: number }[];
  redacted: { personId: string | null; style: string; from: number; to: number }[];
  frames: { start: number; end: number; effect: string }[];
  audio: { start: number; end: number; effect: string }[];
}

const VISUAL = new Set(['blur', 'pixelate', 'solid']);
const SOUND = new Set(['mute', 'bleep']);

/**
 * Every cut, blur and mute of a derivative, in seconds of the original. A redacted person is
 * named by pseudonym only (R10); a track that is nobody in particular says so.
 */
export function editsFrom(vault: Vault, m: RedactionEdits): ManifestEdit[] {
  const who = (personId: string | null): string => {
    if (!personId) return 'unidentified person';
    try {
      return getPerson(vault, personId).pseudonym;
    } catch {
      return 'a person no longer in this vault';
    }
  };
  return [
    ...m.cuts.map((c): ManifestEdit => ({ op: 'cut', fromSec: c.start, toSec: c.end, note: 'removed' })),
    ...m.redacted.map((r): ManifestEdit => ({ op: VISUAL.has(r.style) ? (r.style as 'blur' | 'pixelate' | 'solid') : 'other', fromSec: r.from, toSec: r.to, note: who(r.personId).slice(0, 200) })),
    ...m.frames.map((f): ManifestEdit => ({ op: f.effect === 'black' ? 'solid' : VISUAL.has(f.effect) ? (f.effect as 'blur' | 'pixelate' | 'solid') : 'other', fromSec: f.start, toSec: f.end, note: 'whole frame' })),
    ...m.audio.map((a): ManifestEdit => ({ op: SOUND.has(a.effect) ? (a.effect as 'mute' | 'bleep') : 'other', fromSec: a.start, toSec: a.end, note: 'sound' })),
  ];
}
