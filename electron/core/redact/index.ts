/** Redaction: the plan, its compiler, the render into a derived recording and its checks (docs/redaction-plan.md). */
export { REDACT_MIGRATIONS } from './schema';
export { parsePlan, emptyPlan, PlanError, PLAN_FORMAT, PLAN_VERSION, mergeRanges, activeRanges, toOutputTime, type Plan, type Track, type Keyframe, type TimeRange } from './plan';
export { compilePlan, keptRanges, blockSize, ENCODE_ARGS, OUTPUT_ARGS, type CompiledPlan, type SourceShape } from './compile';
export { ready, savePlan, getPlan, undecidedTracks, redactedPersons, derivativeInfo, derivativesFrom, sweepUnfinished, type StoredPlan, type DerivativeInfo } from './store';
export { renderPlan, ffmpegVersion, KLUIS_VERSION, type RenderOptions, type RenderProgress, type RenderResult } from './render';
export type { EditManifest, Verification, KeyframeCheck, AudioCheck } from './manifest';
export { renderPreview, previewBlob, sweepPreviews, shiftPlan, MAX_PREVIEW_SEC, type PreviewResult } from './preview';
export { proposeDetectedTracks } from './propose';
export { detectTracks, DEFAULT_EVERY_NTH, type ProposedTrack } from './detect';
