import { execFile } from 'node:child_process';
import { ffprobePath } from './binaries';
import { MediaError } from './errors';
import { findIdentifying, type IdentifyingTag } from './identifying';

export interface VideoInfo {
  codec: string;
  width: number;
  height: number;
  fps?: number;
  /** Degrees clockwise the picture must be turned for display: 0, 90, 180 or 270. */
  rotation: number;
}

export interface AudioInfo {
  codec: string;
  sampleRate?: number;
  channels?: number;
}

export interface ProbeResult {
  /** Seconds; undefined when the container does not say (e.g. a live stream). */
  duration?: number;
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "mpegts". */
  container: string;
  size?: number;
  bitRate?: number;
  video?: VideoInfo;
  audio?: AudioInfo;
  /** ISO 8601 as the file states it; cameras often write local time marked as UTC. */
  creationTime?: string;
  identifying: IdentifyingTag[];
}

interface RawStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
  disposition?: { attached_pic?: number };
}

interface RawProbe {
  streams?: RawStream[];
  format?: { format_name?: string; duration?: string; size?: string; bit_rate?: string; tags?: Record<string, string> };
}

const PROBE_TIMEOUT_MS = 60_000;

function num(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number.parseFloat(v);
  return Number.isFinite(n) ? n : undefined;
}

/** "30000/1001" → 29.97; ffprobe writes "0/0" when it does not know. */
export function parseRate(rate: string | undefined): number | undefined {
  if (!rate) return undefined;
  const [n, d] = rate.split('/').map(Number);
  if (!n || !d || !Number.isFinite(n / d)) return undefined;
  return Math.round((n / d) * 1000) / 1000;
}

function rotationOf(s: RawStream): number {
  const matrix = s.side_data_list?.find((d) => typeof d.rotation === 'number');
  // The display matrix angle is counter-clockwise; the legacy rotate tag is clockwise.
  const clockwise = matrix ? -matrix.rotation! : (num(s.tags?.rotate) ?? 0);
  return (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
}

/** ffprobe prefixes lines with "[demuxer @ 0x…]" and the input name; neither helps a person, and a URL may carry a token. */
export function reasonFrom(stderr: string, input: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '').split(input).join('the file').replace(/^the file:\s*/, '').trim())
    .filter(Boolean);
  return [...new Set(lines)].slice(-3).join('; ') || 'ffprobe gave no reason';
}

export function parseProbe(raw: RawProbe): Omit<ProbeResult, 'container'> & { container?: string } {
  const streams = raw.streams ?? [];
  // Cover art in an MP4/M4A is a "video" stream too; it is not the picture.
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === 'audio');
  const f = raw.format ?? {};
  const identifying = [...findIdentifying(f.tags, 'format'), ...streams.flatMap((s) => findIdentifying(s.tags, s.index))];
  const creationTime = f.tags?.creation_time ?? streams.map((s) => s.tags?.creation_time).find(Boolean);
  return {
    duration: num(f.duration),
    container: f.format_name,
    size: num(f.size),
    bitRate: num(f.bit_rate),
    video: v && {
      codec: v.codec_name ?? 'unknown',
      width: v.width ?? 0,
      height: v.height ?? 0,
      fps: parseRate(v.avg_frame_rate) ?? parseRate(v.r_frame_rate),
      rotation: rotationOf(v),
    },
    audio: a && { codec: a.codec_name ?? 'unknown', sampleRate: num(a.sample_rate), channels: a.channels },
    creationTime,
    identifying,
  };
}

function runProbe(bin: string, input: string, signal?: AbortSignal): Promise<string> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input];
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: 32 * 1024 * 1024, timeout: PROBE_TIMEOUT_MS, signal, windowsHide: true }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') return reject(new MediaError('FFPROBE_MISSING', `ffprobe could not be started: "${bin}" does not exist. Set FFPROBE_BIN or install ffmpeg.`, { cause: err }));
      if (e.name === 'AbortError') return reject(new MediaError('CANCELLED', 'Probing was cancelled.', { cause: err }));
      if (e.killed) return reject(new MediaError('TIMEOUT', `ffprobe took longer than ${PROBE_TIMEOUT_MS / 1000} s and was stopped.`, { cause: err }));
      reject(new MediaError('UNREADABLE', `Kluis cannot read this recording: ${reasonFrom(stderr, input)}.`, { cause: err }));
    });
  });
}

/** `input` is a path or a URL (the vault's range server); a URL's token never appears in errors. */
export async function probeMedia(input: string, opts: { bin?: string; signal?: AbortSignal } = {}): Promise<ProbeResult> {
  const stdout = await runProbe(opts.bin ?? ffprobePath(), input, opts.signal);
  let raw: RawProbe;
  try {
    raw = JSON.parse(stdout) as RawProbe;
  } catch (e) {
    throw new MediaError('UNREADABLE', 'Kluis cannot read this recording: ffprobe gave an answer that is not JSON.', { cause: e });
  }
  const parsed = parseProbe(raw);
  if (!parsed.container || (!parsed.video && !parsed.audio)) {
    throw new MediaError('UNREADABLE', 'Kluis cannot read this recording: it contains no audio or video that ffprobe recognises.');
  }
  return { ...parsed, container: parsed.container };
}
