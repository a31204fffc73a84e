import type { Locator } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { importColourCard, makeColourCard, makeColourClip } from './media-fixtures';

let work: string;
let card: string;

test.beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kluis-e2e-play-'));
  card = makeColourCard(join(work, 'CARD_P'));
});

test.afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const video = (player: Locator) => player.locator('video');

/** The fields of an HTMLVideoElement these tests read (tests/ compiles without the DOM library). */
interface VideoEl {
  readyState: number;
  currentTime: number;
  duration: number;
  seeking: boolean;
  currentSrc: string;
}

// Runs in the page: draws the current frame on a canvas and reads its centre pixel. A string,
// because the canvas API has no types in tests/ (no DOM library there).
const CENTRE_PIXEL = new Function('el', `
  const c = document.createElement('canvas');
  c.width = el.videoWidth;
  c.height = el.videoHeight;
  const g = c.getContext('2d');
  g.drawImage(el, 0, 0);
  const d = g.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
  return [d[0], d[1], d[2]];
`) as (el: unknown) => [number, number, number];

/** The colour in the middle of the frame the <video> shows now. */
function centrePixel(v: Locator): Promise<[number, number, number]> {
  return v.evaluate(CENTRE_PIXEL);
}

async function seekTo(player: Locator, seconds: number): Promise<void> {
  await player.getByRole('slider', { name: 'Position' }).fill(String(seconds));
  await expect.poll(() => video(player).evaluate((el: VideoEl, t) => !el.seeking && el.readyState >= 2 && Math.abs(el.currentTime - t) < 0.15, seconds)).toBe(true);
}

function dominant([r, g, b]: [number, number, number]): string {
  if (r > 150 && g > 150 && b < 100) return 'yellow';
  if (r > 150 && g < 100 && b < 100) return 'red';
  if (b > 150 && r < 100 && g < 100) return 'blue';
  if (g > 90 && r < 100 && b < 100) return 'green';
  return `rgb(${r},${g},${b})`;
}

const readyState = (p: Locator) => video(p).evaluate((el: VideoEl) => el.readyState);
const currentTime = (p: Locator) => video(p).evaluate((el: VideoEl) => el.currentTime);

/** A raw request to the test host, so the Host header can be anything (fetch would not allow that). */
function raw(port: number, path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; length: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let length = 0;
      res.on('data', (c: Buffer) => (length += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, length }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a recording plays from the vault: ready, advancing, seeks to the right frame, keys work', async ({ app: page, host }) => {
  await importColourCard(page, card);
  const list = page.getByRole('list', { name: 'Recordings' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();

  const detail = page.getByRole('region', { name: 'Details of MVI_0001.MP4' });
  const player = detail.getByRole('group', { name: 'Player: MVI_0001.MP4' });
  await expect.poll(() => readyState(player), { timeout: 20_000 }).toBe(4);
  await expect.poll(() => video(player).evaluate((el: VideoEl) => el.duration)).toBeCloseTo(4, 1);
  await expect(player.getByText('0:00.0 / 0:04')).toBeVisible();

  await player.getByRole('button', { name: 'Play' }).click();
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => currentTime(player), { timeout: 10_000 }).toBeGreaterThan(0.5);
  await player.getByRole('button', { name: 'Pause' }).click();

  // First half red, second half blue: one pixel tells where a seek landed.
  await seekTo(player, 1);
  await expect.poll(async () => dominant(await centrePixel(video(player)))).toBe('red');
  await seekTo(player, 3);
  await expect.poll(() => currentTime(player)).toBeCloseTo(3, 1);
  await expect.poll(async () => dominant(await centrePixel(video(player)))).toBe('blue');
  await screenshot(page, 'playback-1-seek');

  // Keys act on the player that has focus.
  await player.getByRole('slider', { name: 'Position' }).focus();
  await page.keyboard.press('Home');
  await expect.poll(() => currentTime(player)).toBe(0);
  await expect.poll(async () => dominant(await centrePixel(video(player)))).toBe('red');
  await page.keyboard.press('.');
  await expect.poll(() => currentTime(player)).toBeGreaterThan(0);
  expect(await currentTime(player)).toBeLessThan(0.2);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => currentTime(player)).toBeGreaterThan(2);
  await expect.poll(async () => dominant(await centrePixel(video(player)))).toBe('blue');
  await page.keyboard.press('End');
  await expect.poll(() => currentTime(player)).toBeCloseTo(4, 0);

  // Every control is labelled in Dutch too.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
  const speler = page.getByRole('group', { name: 'Speler: MVI_0001.MP4' });
  await expect(speler.getByRole('button', { name: 'Afspelen' })).toBeVisible();
  await expect(speler.getByRole('slider', { name: 'Positie' })).toBeVisible();
  await expect(speler.getByRole('button', { name: 'Eén beeld vooruit' })).toBeVisible();
  await expect(speler.getByRole('combobox', { name: 'Afspeelsnelheid' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');

  // The token in the URL is the only authorisation: Range works, a bogus token and a foreign Host do not.
  const path = new URL(await video(player).evaluate((el: VideoEl) => el.currentSrc)).pathname;
  expect(path).toMatch(/^\/media\/[A-Za-z0-9_-]{43}$/);
  const partial = await raw(host.port, path, { range: 'bytes=0-99' });
  expect(partial.status).toBe(206);
  expect(partial.length).toBe(100);
  expect(partial.headers['cache-control']).toBe('no-store');
  expect(partial.headers['content-type']).toBe('video/mp4');
  expect((await raw(host.port, path, { range: 'bytes=99999999-' })).status).toBe(416);
  expect((await raw(host.port, path, {}, 'HEAD')).status).toBe(200);
  expect((await raw(host.port, '/media/not-a-token', {})).status).toBe(404);
  expect((await raw(host.port, path, { host: `evil.example:${host.port}` })).status).toBe(403);
});

test('a QuickTime MOV with H.264 (as Canon and iPhone write) plays, served as video/mp4', async ({ app: page, host }) => {
  const movCard = join(work, 'CARD_MOV');
  makeColourClip(join(movCard, 'DCIM/100CANON/MVI_0001.MP4'), 'red', 'blue');
  makeColourClip(join(movCard, 'DCIM/100CANON/MVI_0003.MOV'), 'green', 'yellow');
  await importColourCard(page, movCard);
  const list = page.getByRole('list', { name: 'Recordings' });
  await list.getByRole('button', { name: 'Open MVI_0003.MOV' }).click();
  const player = page.getByRole('region', { name: 'Details of MVI_0003.MOV' }).getByRole('group', { name: 'Player: MVI_0003.MOV' });
  await expect.poll(() => readyState(player), { timeout: 20_000 }).toBe(4);
  await seekTo(player, 1);
  await expect.poll(async () => dominant(await centrePixel(video(player)))).toBe('green');
  await seekTo(player, 3);
  await expect.poll(async () => dominant(await centrePixel(video(player)))).toBe('yellow');
  const path = new URL(await video(player).evaluate((el: VideoEl) => el.currentSrc)).pathname;
  expect((await raw(host.port, path, { range: 'bytes=0-99' })).headers['content-type']).toBe('video/mp4');
});

test('two players play at once from two tickets; after lock their URLs answer 404', async ({ app: page, host }) => {
  await importColourCard(page, card);
  const list = page.getByRole('list', { name: 'Recordings' });
  await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
  await list.getByRole('listitem').filter({ hasText: 'MVI_0002.MP4' }).getByRole('button', { name: 'Play beside' }).click();

  const one = page.getByRole('group', { name: 'Player: MVI_0001.MP4' });
  const two = page.getByRole('group', { name: 'Player: MVI_0002.MP4' });
  await expect.poll(() => readyState(one), { timeout: 20_000 }).toBe(4);
  await expect.poll(() => readyState(two), { timeout: 20_000 }).toBe(4);
  const urls = await Promise.all([one, two].map((p) => video(p).evaluate((el: VideoEl) => el.currentSrc)));
  expect(urls[0]).not.toBe(urls[1]);

  await one.getByRole('button', { name: 'Play' }).click();
  await two.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => currentTime(one), { timeout: 10_000 }).toBeGreaterThan(0.5);
  await expect.poll(() => currentTime(two), { timeout: 10_000 }).toBeGreaterThan(0.5);
  await one.getByRole('button', { name: 'Pause' }).click();
  await two.getByRole('button', { name: 'Pause' }).click();
  await seekTo(two, 1);
  await expect.poll(async () => dominant(await centrePixel(video(two)))).toBe('green');
  await seekTo(one, 3);
  await expect.poll(async () => dominant(await centrePixel(video(one)))).toBe('blue');
  await screenshot(page, 'playback-2-two-players');

  for (const u of urls) expect((await raw(host.port, new URL(u).pathname, { range: 'bytes=0-9' })).status).toBe(206);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  for (const u of urls) {
    expect((await raw(host.port, new URL(u).pathname, { range: 'bytes=0-9' })).status).toBe(404);
    expect((await page.request.get(u)).status()).toBe(404);
  }
});
