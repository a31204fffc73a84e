import type { ProbeResult } from './ffmpeg';

/**
 * What Chromium (and so Electron) plays without help. Chromium's proprietary-codec build, which
 * Electron ships, decodes H.264/AAC/MP3 besides the open codecs; it has no HEVC decoder on every
 * platform, no MPEG-TS demuxer, no DV, and no PCM inside MP4/MOV.
 */
const VIDEO_OK = new Set(['h264', 'vp8', 'vp9', 'av1']);
const AUDIO_OK = new Set(['aac', 'mp3', 'opus', 'vorbis', 'flac']);
/** Audio-only files Chromium opens as they are (WAV carries PCM, which is fine there). */
const AUDIO_ONLY_OK: [RegExp, Set<string>][] = [
  [/^wav$/, new Set(['pcm_s16le', 'pcm_s24le', 'pcm_f32le', 'pcm_u8'])],
  [/^mp3$/, new Set(['mp3'])],
  [/^ogg$/, new Set(['opus', 'vorbis', 'flac'])],
  [/^flac$/, new Set(['flac'])],
];

function containerOk(container: string): boolean {
  // ffprobe names the ISO family "mov,mp4,m4a,3gp,3g2,mj2" for MP4 and MOV alike; WebM as "matroska,webm".
  return /(^|,)(mp4|mov)(,|$)/.test(container) || /(^|,)webm(,|$)/.test(container);
}

export interface PlayabilityVerdict {
  playability: 'original' | 'needs-proxy';
  /** why a proxy is needed, for the detail panel and logs */
  reason: string | null;
}

/** `parts` counts the recording's main and chapter files: more than one plays only once joined. */
export function playabilityOf(p: ProbeResult, parts: number): PlayabilityVerdict {
  const proxy = (reason: string): PlayabilityVerdict => ({ playability: 'needs-proxy', reason });
  if (parts > 1) return proxy(`the recording is split into ${parts} files that must be joined`);
  if (!p.video) {
    const audio = p.audio!.codec;
    const known = AUDIO_ONLY_OK.find(([re]) => re.test(p.container));
    if (known?.[1].has(audio)) return { playability: 'original', reason: null };
    if (containerOk(p.container) && AUDIO_OK.has(audio)) return { playability: 'original', reason: null };
    return proxy(`${audio} audio in ${p.container} does not play in the app`);
  }
  if (!containerOk(p.container)) return proxy(`the ${p.container} container does not play in the app`);
  if (!VIDEO_OK.has(p.video.codec)) return proxy(`${p.video.codec} video does not play in the app`);
  if (p.audio && !AUDIO_OK.has(p.audio.codec)) return proxy(`${p.audio.codec} audio does not play in the app`);
  return { playability: 'original', reason: null };
}
