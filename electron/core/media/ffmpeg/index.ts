export { MediaError, isMediaError, type MediaErrorCode } from './errors';
export { ffmpegPath, ffprobePath, locateFfmpeg, locateFfprobe, unpackedFromAsar, forgetBinaries, type LocateOptions } from './binaries';
export { runFfmpeg, displayCommand, type RunOptions, type RunResult } from './runner';
export { ffmpegOutput } from './output';
export type { FfmpegProgress } from './progress';
export { probeMedia, type ProbeResult, type VideoInfo, type AudioInfo } from './probe';
export type { IdentifyingTag } from './identifying';
