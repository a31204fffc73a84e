/** A box in source pixels: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One face found in one analysed frame, in source pixels; score 0..1. */
export interface Detection extends Box {
  score: number;
}

export interface ProposedKeyframe extends Box {
  /** seconds from the start of the recording */
  t: number;
  /** detector confidence; 0 for keyframes the tracker filled in or extended */
  score: number;
}

/**
 * What detection proposes: the redaction plan (electron/core/redact) stores these as tracks with
 * `origin: 'detected'`, and the share gate refuses while any is still undecided.
 */
export interface ProposedTrack {
  id: string;
  /** 'face': BlazeFace's box, padded; 'person': a box over the head of someone CenterNet found without a face (seen from behind, turned away) */
  kind: 'face' | 'person';
  keyframes: ProposedKeyframe[];
  origin: 'detected';
  decision: 'undecided';
}

/** A square part of the analysed frame that the detector sees at its input size. */
export interface Region {
  x: number;
  y: number;
  /** side of the square; may reach past the frame, which is then padded with black */
  size: number;
}

export interface DetectOptions {
  signal?: AbortSignal;
  /** 0..1 */
  onProgress?: (fraction: number) => void;
  /** analyse every Nth frame; the tracker fills the frames between */
  everyNth?: number;
  /** also look for people whose face is not seen (CenterNet, every personIntervalSec); default true */
  persons?: boolean;
}
