import { mainFileOf, withRangeInput } from '../../media';
import type { Vault } from '../../vault';
import { detectInput } from './pipeline';
import type { DetectOptions, ProposedTrack } from './types';

export type { Box, Detection, DetectOptions, ProposedKeyframe, ProposedTrack, Region } from './types';
export { DEFAULT_EVERY_NTH, DEFAULT_TILE_PHASES, DEFAULT_PERSON_INTERVAL_SEC, detectInput, type PipelineOptions } from './pipeline';
export { proposeTracks, type Sample } from './proposals';
export { track, fillGaps, finishTrack, TRACKER_DEFAULTS, type SampledFrame, type RawTrack } from './tracker';
export { iou, nms } from './geometry';
export { phasedRegions, planTiles } from './tiles';

/**
 * Proposes face (and faceless head) tracks for a recording in the vault (docs/detection.md). Each comes back
 * undecided: the user says who it is, or that it is not a person, before anything is shared.
 * Recordings in several parts (chapters) are read from their first part only, for now.
 */
export async function detectTracks(vault: Vault, recordingId: string, opts: DetectOptions = {}): Promise<ProposedTrack[]> {
  const main = mainFileOf(vault, recordingId);
  if (!main) throw new Error(`Recording ${recordingId} has no stored video file to detect faces in.`);
  return withRangeInput(vault, { id: main.blobId, size: main.size, name: main.relPath }, (url) => detectInput(url, opts));
}
