/** The edit manifest every derivative carries (docs/redaction-plan.md section 6; B1: every cut disclosed). */
export interface KeyframeCheck {
  trackId: string;
  t: number;
  /** mean absolute grey-level difference between source and output */
  inside: number;
  outside: number;
  /** the source box had no detail to hide (a blank wall): nothing to compare */
  flat: boolean;
  ok: boolean;
}

export interface AudioCheck {
  start: number;
  end: number;
  /** in the output's time line */
  outputStart: number;
  outputEnd: number;
  maxVolumeDb: number;
  ok: boolean;
}

export interface Verification {
  ok: boolean;
  frames: { source: number; expected: number; output: number; ok: boolean };
  keyframes: KeyframeCheck[];
  audio: AudioCheck[];
  /** the first failed check in words, when one failed */
  problem: string | null;
}

export interface EditManifest {
  format: 'kluis-edit-manifest';
  version: 1;
  /** sha256 of the first part; `parts` lists every part's hash when camera chapters were joined */
  source: { recordingId: string; sha256: string; durationSec: number; frames: number; parts?: string[] };
  planVersion: number;
  output: { recordingId: string; sha256: string; durationSec: number; frames: number };
  cuts: { start: number; end: number; outputAt: number }[];
  redacted: { trackId: string; label: string; personId: string | null; style: string; shape: string; from: number; to: number }[];
  kept: { trackId: string; label: string; personId: string | null; decision: string }[];
  frames: { start: number; end: number; effect: string }[];
  audio: { start: number; end: number; effect: string }[];
  tools: { ffmpeg: string; kluis: string; encoder: string };
  verification: Verification;
  renderedAt: string;
}
