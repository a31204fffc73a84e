import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The fields of an HTMLVideoElement read here (tests/ compiles without the DOM library). */
export interface VideoEl {
  readyState: number;
  currentTime: number;
  duration: number;
  seeking: boolean;
  currentSrc: string;
}

// Runs in the page: draws the current frame on a canvas and reads one pixel (source coordinates).
// A string, because the canvas API has no types in tests/ (no DOM library there).
const PIXEL = new Function('el', 'at', `
  const c = document.createElement('canvas');
  c.width = el.videoWidth;
  c.height = el.videoHeight;
  const g = c.getContext('2d');
  g.drawImage(el, 0, 0);
  const x = at ? at[0] : c.width >> 1;
  const y = at ? at[1] : c.height >> 1;
  const d = g.getImageData(x, y, 1, 1).data;
  return [d[0], d[1], d[2]];
`) as (el: unknown, at: [number, number] | null) => [number, number, number];

export type Rgb = [number, number, number];

/** The colour the <video> shows now at (x, y) in source pixels, or in the middle of the frame. */
export function pixel(video: Locator, at: [number, number] | null = null): Promise<Rgb> {
  return video.evaluate(PIXEL, at);
}

/** A name for the colour clips' four colours, or the raw value when it is none of them. */
export function dominant([r, g, b]: Rgb): string {
  if (r > 150 && g > 150 && b < 100) return 'yellow';
  if (r > 150 && g < 100 && b < 100) return 'red';
  if (b > 150 && r < 100 && g < 100) return 'blue';
  if (g > 90 && r < 100 && b < 100) return 'green';
  return `rgb(${r},${g},${b})`;
}

/** Waits until the player in scope can play through (a loaded 2-core machine needs the margin). */
export async function waitPlayable(scope: Locator): Promise<void> {
  await expect.poll(() => scope.locator('video').first().evaluate((el: VideoEl) => el.readyState), { timeout: 30_000 }).toBe(4);
}

/** Seeks with the player's own Position slider and waits for the frame at that time. */
export async function seekTo(scope: Locator, seconds: number): Promise<void> {
  await scope.getByRole('slider', { name: 'Position' }).fill(String(seconds));
  await expect
    .poll(() => scope.locator('video').first().evaluate((el: VideoEl, t) => !el.seeking && el.readyState >= 2 && Math.abs(el.currentTime - t) < 0.15, seconds), { timeout: 15_000 })
    .toBe(true);
}

/** Page coordinates of a point given in source pixels of a clip of width × height shown in overlay. */
export async function overlayPoint(overlay: Locator, x: number, y: number, width = 160, height = 120): Promise<{ x: number; y: number }> {
  const b = (await overlay.boundingBox())!;
  return { x: b.x + (x / width) * b.width, y: b.y + (y / height) * b.height };
}

/** A mouse drag in small steps, as a hand would draw a box. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}
