import { describe, expect, it } from 'vitest';
import type { ProbeResult } from './ffmpeg';
import { playabilityOf } from './playability';

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';
function probe(container: string, video: string | null, audio: string | null): ProbeResult {
  return {
    container,
    duration: 10,
    video: video ? { codec: video, width: 1920, height: 1080, rotation: 0 } : undefined,
    audio: audio ? { codec: audio } : undefined,
    identifying: [],
  };
}

describe('playabilityOf: what Chromium plays as it is', () => {
  it.each([
    [MP4, 'h264', 'aac'],
    [MP4, 'h264', null],
    [MP4, 'av1', 'opus'],
    ['matroska,webm', 'vp9', 'opus'],
    ['matroska,webm', 'vp8', 'vorbis'],
    ['wav', null, 'pcm_s16le'],
    ['mp3', null, 'mp3'],
    [MP4, null, 'aac'],
  ])('%s %s/%s plays as the original', (container, video, audio) => {
    expect(playabilityOf(probe(container, video, audio), 1)).toEqual({ playability: 'original', reason: null });
  });

  it.each([
    [MP4, 'hevc', 'aac', /hevc video/],
    ['mpegts', 'h264', 'ac3', /mpegts container/],
    ['dv', 'dvvideo', 'pcm_s16le', /dv container/],
    [MP4, 'h264', 'pcm_s16le', /pcm_s16le audio/],
    [MP4, 'mpeg2video', 'mp2', /mpeg2video video/],
    ['avi', 'mjpeg', 'pcm_u8', /avi container/],
    ['wav', null, 'adpcm_ima_wav', /adpcm_ima_wav audio in wav/],
  ])('%s %s/%s needs a proxy', (container, video, audio, why) => {
    const v = playabilityOf(probe(container, video, audio), 1);
    expect(v.playability).toBe('needs-proxy');
    expect(v.reason).toMatch(why);
  });

  it('a recording in several files (chapters, AVCHD spans) needs a proxy even when each part would play', () => {
    expect(playabilityOf(probe(MP4, 'h264', 'aac'), 3)).toEqual({ playability: 'needs-proxy', reason: 'the recording is split into 3 files that must be joined' });
  });
});
