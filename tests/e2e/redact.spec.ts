import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FFMPEG } from '../fixtures/cards';
import { expect, screenshot, test } from './fixtures';
import { importColourCard, makeColourClip } from './media-fixtures';
import { dominant, drag, overlayPoint, pixel as pixelAt, seekTo, type Rgb, type VideoEl } from './video-helpers';

const pixel = (v: Locator, x: number, y: number) => pixelAt(v, [x, y]);

let work: string;
let card: string;

test.beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kluis-e2e-redact-'));
  card = join(work, 'CARD_R');
  makeColourClipWithSound(join(card, 'DCIM/100CANON/MVI_0001.MP4'));
  makeColourClip(join(card, 'DCIM/100CANON/MVI_0002.MP4'), 'green', 'yellow');
});

/**
 * media-fixtures' colour clip (160×120, 10 fps, red for 2 s then blue) with a quiet tone as sound:
 * the render maps the source's audio stream and refuses a clip without one (reported to core).
 */
function makeColourClipWithSound(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const src = (c: string) => `color=c=${c}:size=160x120:rate=10:duration=2`;
  execFileSync(FFMPEG, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', src('red'),
    '-f', 'lavfi', '-i', src('blue'),
    '-f', 'lavfi', '-i', 'sine=f=440:sample_rate=48000:duration=4',
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]',
    '-map', '[v]', '-map', '2:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '5',
    '-c:a', 'aac', '-shortest', '-movflags', '+faststart', path,
  ]);
}

test.afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const isRed = (rgb: Rgb) => dominant(rgb) === 'red';
/** Page coordinates of a point given in the 160×120 source pixels of the colour clip. */
const at = (overlay: Locator, x: number, y: number) => overlayPoint(overlay, x, y);

/** A segment bar spans from..to (fractions of the clip) of its lane's width. */
async function expectBar(lane: Locator, bar: Locator, from: number, to: number): Promise<void> {
  await expect(bar).toBeVisible();
  const l = (await lane.boundingBox())!;
  const b = (await bar.boundingBox())!;
  expect((b.x - l.x) / l.width).toBeCloseTo(from, 2);
  expect((b.x + b.width - l.x) / l.width).toBeCloseTo(to, 2);
}

test('draw a box, move it to a second keyframe, save, render and play the redacted result', async ({ app: page }) => {
  test.setTimeout(90_000);
  await importColourCard(page, card);
  await page.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
  await page.getByRole('region', { name: 'Details of MVI_0001.MP4' }).getByRole('button', { name: 'Redact', exact: true }).click();

  const editor = page.getByRole('region', { name: 'Redact: MVI_0001.MP4' });
  await expect(editor.getByRole('heading', { name: 'Redact: MVI_0001.MP4' })).toBeFocused();
  await expect.poll(() => editor.locator('video').evaluate((el: VideoEl) => el.readyState), { timeout: 20_000 }).toBe(4);
  const overlay = editor.getByTestId('redact-overlay');
  await expect(overlay).toBeVisible();

  // t = 0: draw a 40×40 box at (20, 30) in source pixels.
  await drag(page, await at(overlay, 20, 30), await at(overlay, 60, 70));
  const track = editor.getByRole('listitem', { name: 'Track t1' });
  await expect(track).toBeVisible();
  const keys = track.getByRole('group', { name: 'Keyframes of t1' }).getByRole('button');
  await expect(keys).toHaveCount(1);
  await expect(editor.getByText('Box: x 20, y 30, 40×40 pixels')).toBeVisible();

  // t = 2: move it 20 source pixels to the right, which sets a second keyframe.
  await seekTo(editor, 2);
  await drag(page, await at(overlay, 40, 50), await at(overlay, 60, 50));
  await expect(keys).toHaveCount(2);
  await expect(keys.nth(1)).toHaveAccessibleName('Keyframe at 0:02.0');
  await expect(editor.getByText('Box: x 40, y 30, 40×40 pixels')).toBeVisible();

  // Undo takes the keyframe away, redo puts it back.
  await page.keyboard.press('Control+z');
  await expect(keys).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(keys).toHaveCount(2);

  // Halfway the box is interpolated: its left edge at 30. A keyframe diamond seeks.
  await seekTo(editor, 1);
  await expect(editor.getByText('Box: x 30, y 30, 40×40 pixels')).toBeVisible();
  await keys.nth(0).click();
  const at0 = () => editor.locator('video').first().evaluate((el: VideoEl) => el.currentTime);
  await expect.poll(at0).toBe(0);

  // Keys as in LosslessCut: an arrow steps one frame (10 fps), Shift or Ctrl with it one second.
  const heading = editor.getByRole('heading', { name: 'Redact: MVI_0001.MP4' });
  /** I at `from` and O at `to`, the keys pressed with the focus off the player, as a user does. */
  const markInOut = async (from: number, to: number) => {
    await seekTo(editor, from);
    await heading.focus();
    await page.keyboard.press('i');
    await seekTo(editor, to);
    await heading.focus();
    await page.keyboard.press('o');
  };
  await heading.focus();
  await page.keyboard.press('ArrowRight');
  // One frame: 1/10 s, or 1/25 s while the probe has not told the editor the frame rate yet.
  await expect.poll(at0).toBeGreaterThan(0.03);
  const oneFrame = await at0();
  expect(oneFrame).toBeLessThanOrEqual(0.1);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(at0).toBeCloseTo(oneFrame + 1, 2);
  await page.keyboard.press('Control+ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(at0).toBeCloseTo(0, 2);
  // The list of keys is on the page, opened by "?" or by Tab and Enter on its summary.
  await expect(editor.getByRole('table')).toBeHidden();
  await page.keyboard.press('?');
  await expect(editor.getByRole('table', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(editor.getByRole('row', { name: /One frame back or forward/ })).toContainText('→');
  await editor.locator('summary', { hasText: 'Keyboard shortcuts' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('table')).toBeHidden();

  // Delete removes the selected keyframe; undo brings it back.
  await keys.nth(1).click();
  await page.keyboard.press('Delete');
  await expect(keys).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(keys).toHaveCount(2);

  // I and O mark a segment at the current time; it is listed and can be removed.
  await editor.getByRole('combobox', { name: 'Segment' }).selectOption('mute');
  await markInOut(0.5, 1.5);
  const segments = editor.getByRole('list', { name: 'Segments' });
  await expect(segments.getByRole('listitem')).toHaveText([/Mute\s+0:00\.5 – 0:01\.5/]);

  // The lanes under the player show each segment as a bar on the clip's time scale; a bar seeks to its start.
  const lanes = editor.getByRole('group', { name: 'Segment lanes' });
  const sound = lanes.getByRole('group', { name: 'Sound' });
  const cutLane = lanes.getByRole('group', { name: 'Cuts' });
  await expect(lanes.getByRole('group', { name: 'Whole frame' }).getByRole('button')).toHaveCount(0);
  await expect(cutLane.getByRole('button')).toHaveCount(0);
  const muteBar = sound.getByRole('button', { name: 'Mute: 0:00.5 – 0:01.5' });
  const clipLength = await editor.locator('video').first().evaluate((el: VideoEl) => el.duration);
  expect(clipLength).toBeCloseTo(4, 1);
  await expectBar(sound, muteBar, 0.5 / clipLength, 1.5 / clipLength);
  await seekTo(editor, 3);
  await muteBar.focus();
  await page.keyboard.press('Enter');
  await expect.poll(at0).toBeCloseTo(0.5, 2);

  // A cut from 1 to 2 s of the 4 s clip: its bar starts at a quarter of its lane and ends halfway.
  await editor.getByRole('combobox', { name: 'Segment' }).selectOption('cut');
  await markInOut(1, 2);
  const cutBar = cutLane.getByRole('button', { name: 'Cut: 0:01.0 – 0:02.0' });
  await expectBar(cutLane, cutBar, 1 / clipLength, 2 / clipLength);
  await expect(sound.getByRole('button')).toHaveCount(1);
  const laneAxe = await new AxeBuilder({ page }).include('.redact-lanes').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(laneAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await seekTo(editor, 3);
  await cutBar.click();
  await expect.poll(at0).toBeCloseTo(1, 2);
  await segments.getByRole('button', { name: 'Remove Cut at 0:01.0' }).click();
  await expect(cutLane.getByRole('button')).toHaveCount(0);

  await segments.getByRole('button', { name: 'Remove Mute at 0:00.5' }).click();
  await expect(sound.getByRole('button')).toHaveCount(0);
  await expect(editor.getByText('No cuts, muted sound or covered frames.')).toBeVisible();

  // Hold and hide belong to the selected track: hide it from 0.5 to 0.8 s, see it listed and gone there, remove the range.
  await editor.getByRole('combobox', { name: 'Segment' }).selectOption('hide');
  await expect(editor.getByText('Hold keeps the box still, hide leaves it out; for track t1.')).toBeVisible();
  await markInOut(0.5, 0.8);
  const ranges = track.getByRole('list', { name: 'Hold and hide ranges of t1' });
  await expect(ranges.getByRole('listitem')).toHaveText([/Hide\s+0:00\.5 – 0:00\.8/]);
  await seekTo(editor, 0.6);
  await expect(overlay.locator('[data-track="t1"].outside')).toBeVisible();
  await ranges.getByRole('button', { name: 'Remove Hide at 0:00.5' }).click();
  await expect(overlay.locator('[data-track="t1"]:not(.outside)')).toBeVisible();
  await expect(ranges).toHaveCount(0);
  // An ellipse: the box is drawn round, and the render covers the ellipse inside it.
  await track.getByRole('combobox', { name: 'Shape' }).selectOption('ellipse');
  await expect(overlay.locator('[data-track="t1"]')).toHaveClass(/redact-shape-ellipse/);

  // A solid box: the colour clip is flat, so pixelating it would change nothing a pixel can show.
  await track.getByRole('combobox', { name: 'Style' }).selectOption('solid');
  await track.getByRole('combobox', { name: 'Style' }).selectOption('blur');
  await expect(track.getByText('A light blur can be reversible.', { exact: false })).toBeVisible();
  await track.getByRole('combobox', { name: 'Style' }).selectOption('solid');

  // Accessibility of the editor itself.
  const axe = await new AxeBuilder({ page }).include('section.redact-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.passes.length).toBeGreaterThan(5);
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await screenshot(page, 'redact-1-editor');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
  const bewerker = page.getByRole('region', { name: 'Onherkenbaar maken: MVI_0001.MP4' });
  await expect(bewerker.getByRole('button', { name: 'Ongedaan maken' })).toBeVisible();
  await expect(bewerker.getByRole('listitem', { name: 'Spoor t1' }).getByRole('combobox', { name: 'Stijl' })).toHaveValue('solid');
  await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');

  // A real rendered preview of two seconds from 0, with the plan not saved yet.
  await seekTo(editor, 0);
  await editor.getByRole('spinbutton', { name: 'Seconds' }).fill('2');
  await editor.getByRole('button', { name: 'Render a preview' }).click();
  const preview = editor.getByRole('group', { name: 'Player: Preview of MVI_0001.MP4 (0:00.0 – 0:02.0)' });
  const pv = preview.locator('video');
  await expect.poll(() => pv.evaluate((el: VideoEl) => el.readyState), { timeout: 30_000 }).toBe(4);
  await expect(editor.getByText('Not saved yet')).toBeVisible();
  await seekTo(preview, 1);
  await expect.poll(async () => isRed(await pixel(pv, 140, 100))).toBe(true);
  expect(isRed(await pixel(pv, 50, 50))).toBe(false);
  await preview.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => pv.evaluate((el: VideoEl) => el.currentTime), { timeout: 10_000 }).toBeGreaterThan(1.3);

  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByText('Saved as version 1')).toBeVisible();
  await editor.getByRole('button', { name: 'Render', exact: true }).click();
  await expect(editor.getByRole('button', { name: 'Play the result' })).toBeVisible({ timeout: 60_000 });
  await editor.getByRole('button', { name: 'Play the result' }).click();

  const result = editor.getByRole('group', { name: 'Player: MVI_0001.MP4 (redacted)' });
  const video = result.locator('video');
  await expect.poll(() => video.evaluate((el: VideoEl) => el.readyState), { timeout: 20_000 }).toBe(4);
  await seekTo(result, 1);
  // (50, 50) lies inside the box all the way from 0 to 2 s; (140, 100) never does.
  await expect.poll(async () => isRed(await pixel(video, 140, 100))).toBe(true);
  const inside = await pixel(video, 50, 50);
  expect(isRed(inside), `inside the box: rgb(${inside.join(',')})`).toBe(false);
  expect(inside[0]).toBeLessThan(60);
  await screenshot(page, 'redact-2-result');
});

test('a render can be cancelled: nothing is kept', async ({ app: page }) => {
  test.setTimeout(90_000);
  // A longer 720p clip, so the render is still running when Cancel is pressed.
  const big = join(work, 'CARD_BIG');
  mkdirSync(join(big, 'DCIM/100CANON'), { recursive: true });
  execFileSync(FFMPEG, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=30',
    '-f', 'lavfi', '-i', 'sine=f=440:sample_rate=48000:duration=30',
    '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest',
    '-movflags', '+faststart', join(big, 'DCIM/100CANON/MVI_0001.MP4'),
  ]);
  makeColourClip(join(big, 'DCIM/100CANON/MVI_0002.MP4'), 'green', 'yellow');
  await importColourCard(page, big);
  await page.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
  await page.getByRole('region', { name: 'Details of MVI_0001.MP4' }).getByRole('button', { name: 'Redact', exact: true }).click();
  const editor = page.getByRole('region', { name: 'Redact: MVI_0001.MP4' });
  await expect.poll(() => editor.locator('video').evaluate((el: VideoEl) => el.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  // The keyboard way to a box: "Add a box" puts one in the middle at the current time.
  await editor.getByRole('button', { name: 'Add a box' }).click();
  await expect(editor.getByRole('listitem', { name: 'Track t1' })).toBeVisible();
  await editor.getByRole('button', { name: 'Render', exact: true }).click();
  await expect(editor.getByText('Saved as version 1')).toBeVisible();
  await expect(editor.getByRole('progressbar')).toBeVisible();
  await editor.getByRole('button', { name: 'Cancel the render' }).click();
  await expect(editor.getByText('The render was cancelled; nothing was kept.')).toBeVisible({ timeout: 30_000 });
  await expect(editor.getByRole('button', { name: 'Play the result' })).toHaveCount(0);
  await expect(editor.getByRole('alert')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Close the editor' }).click();
  await expect(page.getByRole('list', { name: 'Recordings' }).getByRole('listitem')).toHaveCount(2);
});

// A real photo of faces that ships in @vladmandic/human (MIT), read from node_modules (as detect-faces.test.ts does).
const FACES_ROW = join(process.cwd(), 'node_modules/@vladmandic/human/assets/screenshot-facedetect.jpg');

/** A portrait moving right across a test pattern, 4 s at 15 fps, with sound (the render maps it). */
function makeFaceClip(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  execFileSync(FFMPEG, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=15:duration=4', '-loop', '1', '-i', FACES_ROW,
    '-f', 'lavfi', '-i', 'sine=f=440:sample_rate=48000:duration=4',
    '-filter_complex', `[1:v]crop=140:140:10:346,scale=120:120[f];[0:v][f]overlay=x='40+120*t':y=100:shortest=1[v]`,
    '-map', '[v]', '-map', '2:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '15', '-c:a', 'aac', '-t', '4',
    '-movflags', '+faststart', path,
  ]);
}

test('detect faces, then decide each proposed track: a person with or without consent, or not a person', async ({ app: page, host }) => {
  test.setTimeout(120_000);
  const faces = join(work, 'CARD_F');
  makeFaceClip(join(faces, 'DCIM/100CANON/MVI_0001.MP4'));
  makeColourClip(join(faces, 'DCIM/100CANON/MVI_0002.MP4'), 'green', 'yellow');
  await importColourCard(page, faces);
  const h = host.service.handlers;
  const rec = (await h['recordings.list']({})).recordings.find((r) => r.label === 'MVI_0001.MP4')!;
  const yes = await h['persons.add']({ pseudonym: 'A.B.', role: 'pupil', consentHolder: 'self' });
  const no = await h['persons.add']({ pseudonym: 'C.D.', role: 'pupil', consentHolder: 'self' });
  await h['consents.add']({ personId: yes.id, purposes: ['teaching'], audiences: ['class'], signedBy: 'person', signedAt: '2026-03-01' });
  for (const p of [yes, no]) await h['appearances.add']({ recordingId: rec.id, personId: p.id, presence: 'both' });
  await h['recordings.setPurpose']({ recordingId: rec.id, purpose: 'teaching', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'trainee', retentionPreset: 'psychology-teaching' });

  await page.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
  await page.getByRole('region', { name: 'Details of MVI_0001.MP4' }).getByRole('button', { name: 'Redact', exact: true }).click();
  const editor = page.getByRole('region', { name: 'Redact: MVI_0001.MP4' });
  await expect.poll(() => editor.locator('video').evaluate((el: VideoEl) => el.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

  await editor.getByRole('button', { name: 'Detect faces' }).click();
  // One moving face, one track (tests/integration/detect-tracking.test.ts checks the same clip frame by frame).
  const foundText = editor.getByText(/^Detection found \d+ tracks? \(/);
  await expect(foundText).toBeVisible({ timeout: 60_000 });
  const n = Number(/found (\d+)/.exec((await foundText.textContent())!)![1]);
  expect(n).toBe(1);
  await expect(editor.getByText(`This recording cannot be shared until every proposed track is decided.`, { exact: false })).toContainText(`${n} track`);
  const undecided = (await h['redact.show']({ id: rec.id })).undecided;
  expect(undecided).toHaveLength(n);
  expect(undecided[0]).toBe('face-1');
  // Every other proposal is dismissed first, so face-1 is the one left to decide.
  for (const other of undecided.slice(1)) {
    await editor.getByRole('group', { name: `Decide about ${other}` }).getByRole('button', { name: 'Not a person' }).click();
  }
  await expect(editor.getByText('1 track still needs a decision.', { exact: false })).toBeVisible();

  // The first row stays face-1's; its name becomes the person's pseudonym once linked.
  const track = editor.getByRole('list', { name: 'Tracks' }).getByRole('listitem').first();
  await expect(track).toHaveAccessibleName('Track face-1');
  const decide = track.getByRole('group', { name: 'Decide about face-1' });
  const who = decide.getByRole('combobox', { name: 'Who is this?' });
  // The people linked to this recording come first, each with what their consent means here.
  await expect(who.locator('optgroup[label="In this recording"] option')).toHaveText(['A.B. (consented: stays visible)', 'C.D. (no consent: redacted)']);

  // Not a person: the proposal is dismissed (undo brings the question back).
  await decide.getByRole('button', { name: 'Not a person' }).click();
  await expect(track.getByRole('combobox', { name: 'Decision' })).toHaveValue('not-a-person');
  await expect(editor.getByText('1 track still needs a decision.', { exact: false })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(decide).toBeVisible();

  // A person without consent is redacted; with consent, left visible.
  await who.selectOption({ label: 'C.D. (no consent: redacted)' });
  await decide.getByRole('button', { name: 'This is that person' }).click();
  await expect(track.getByRole('combobox', { name: 'Decision' })).toHaveValue('redact');
  await expect(track.getByRole('combobox', { name: 'Person' })).toHaveValue(no.id);
  await expect(track).toHaveAccessibleName('Track C.D.');
  await page.keyboard.press('Control+z');
  await who.selectOption({ label: 'A.B. (consented: stays visible)' });
  await decide.getByRole('button', { name: 'This is that person' }).click();
  await expect(track.getByRole('combobox', { name: 'Decision' })).toHaveValue('keep');
  await expect(track.getByRole('combobox', { name: 'Person' })).toHaveValue(yes.id);

  const axe = await new AxeBuilder({ page }).include('section.redact-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByText('Saved as version 2')).toBeVisible();
  expect((await h['redact.show']({ id: rec.id })).undecided).toEqual([]);
  const saved = (await h['redact.planGet']({ id: rec.id })).plan.tracks;
  expect(saved.map((x) => x.decision)).toEqual(['keep', ...undecided.slice(1).map(() => 'not-a-person')]);
});
