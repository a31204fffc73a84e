import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../electron/core/media';
import { FFMPEG } from '../fixtures/cards';

const work = mkdtempSync(join(tmpdir(), 'kluis-media-rot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * ffmpeg 5.1 (Debian's) has no -display_rotation; a stream-copy with the legacy `rotate` tag makes
 * the mp4 muxer write a display matrix. exiftool, which reads the matrix itself, is the referee
 * for the sign: its Rotation is clockwise degrees to turn the picture, as is probe's.
 */
describe('probe reads a display matrix with the right sign (issue 4)', () => {
  const plain = join(work, 'plain.mp4');
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10:duration=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', plain]);
  for (const tag of [90, 180, 270]) {
    it(`rotate=${tag}: probe's rotation equals exiftool's`, async () => {
      const path = join(work, `rot${tag}.mp4`);
      execFileSync(FFMPEG, ['-v', 'error', '-y', '-i', plain, '-c', 'copy', '-metadata:s:v:0', `rotate=${tag}`, path]);
      const exif = (JSON.parse(execFileSync('exiftool', ['-j', '-n', '-Rotation', '-MatrixStructure', path]).toString()) as { Rotation: number; MatrixStructure: string }[])[0]!;
      expect(exif.MatrixStructure).not.toBe('1 0 0 0 1 0 0 0 1');
      const probe = await probeMedia(path);
      expect(probe.video!.rotation).toBe(exif.Rotation);
      expect([probe.video!.width, probe.video!.height]).toEqual([320, 240]); // as coded
    });
  }
  it('no matrix: 0', async () => {
    expect((await probeMedia(plain)).video!.rotation).toBe(0);
  });
});
