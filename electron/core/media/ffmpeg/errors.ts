import { CodedError } from '../../errors';
/**
 * Every media failure carries a code (for programs) and one sentence (for people), like VaultError.
 * NOT_PLAYABLE: a recording Kluis has examined and cannot play or export (yet); the message says why.
 */
export type MediaErrorCode = 'FFMPEG_MISSING' | 'FFPROBE_MISSING' | 'FFMPEG_FAILED' | 'UNREADABLE' | 'CANCELLED' | 'TIMEOUT' | 'NOT_PLAYABLE';

export class MediaError extends CodedError<MediaErrorCode> {
  override readonly name = 'MediaError';
}

export function isMediaError(e: unknown, code?: MediaErrorCode): e is MediaError {
  return e instanceof MediaError && (code === undefined || e.code === code);
}
