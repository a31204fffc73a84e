import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { FFMPEG } from '../fixtures/cards';
import { expect } from './fixtures';
import { previewFolder } from './import-flow';
import { createVault } from './vault-flow';

/**
 * An H.264 MP4 whose colour says the time: `first` for the first half, `second` for the rest, so
 * a test can tell from one pixel whether a seek landed where it should. 10 fps, no audio, and a
 * keyframe every 5 frames so seeks land exactly. faststart puts the index first, as cameras do.
 */
export function makeColourClip(path: string, first: string, second: string, seconds = 4): void {
  mkdirSync(dirname(path), { recursive: true });
  const half = seconds / 2;
  const src = (c: string) => `color=c=${c}:size=160x120:rate=10:duration=${half}`;
  execFileSync(FFMPEG, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', src(first),
    '-f', 'lavfi', '-i', src(second),
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]',
    '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '5',
    '-movflags', '+faststart', path,
  ]);
}

/** A DCF card with two colour clips: MVI_0001 red then blue, MVI_0002 green then yellow. */
export function makeColourCard(root: string): string {
  makeColourClip(join(root, 'DCIM/100CANON/MVI_0001.MP4'), 'red', 'blue');
  makeColourClip(join(root, 'DCIM/100CANON/MVI_0002.MP4'), 'green', 'yellow');
  return root;
}

/** Creates the vault, imports the colour card and returns to the library. */
export async function importColourCard(page: Page, card: string): Promise<void> {
  await createVault(page);
  await previewFolder(page, card);
  await page.getByRole('button', { name: 'Import 2 recordings' }).click();
  const report = page.getByRole('region', { name: 'Import finished' });
  await expect(report.getByText('2 of 2 recordings imported and verified.')).toBeVisible({ timeout: 60_000 });
  await report.getByRole('button', { name: 'Back to your vault' }).click();
  await expect(page.getByRole('heading', { name: 'Your vault' })).toBeFocused();
}
