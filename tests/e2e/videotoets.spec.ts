import AxeBuilder from '@axe-core/playwright';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { importColourCard, makeColourCard } from './media-fixtures';
import { createVault, lock, STRONG, unlock } from './vault-flow';

/** The fields of an HTMLVideoElement read here (tests/ compiles without the DOM library). */
interface VideoEl {
  readyState: number;
  duration: number;
}

async function axe(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad, `axe on the ${screen} screen`).toEqual([]);
}

async function openShare(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('heading', { name: 'Share', level: 1 })).toBeFocused();
}

/** A real drop event carrying what a file manager offers for a file: its file:// URI. */
async function dropOn(target: Locator, page: Page, uriList: string): Promise<void> {
  const data = await page.evaluateHandle(`(() => { const d = new DataTransfer(); d.setData('text/uri-list', ${JSON.stringify(uriList)}); return d; })()`);
  await target.dispatchEvent('drop', { dataTransfer: data });
}

async function declareAway(host: { url: string; token: string }, seconds: number): Promise<void> {
  const res = await fetch(`${host.url}test/idle?seconds=${seconds}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` } });
  expect(res.status).toBe(200);
}

const itemNames = (page: Page) => page.getByTestId('playlist-item').locator('.item-name').allTextContents();

test('videotoets: A orders two clips with in/out points and exports them; B opens the package by dropping it, presents it full screen by keyboard, and leaving locks B', async ({ app: pageA, host: hostA, other }) => {
  test.setTimeout(120_000);
  const tmp = await mkdtemp(join(tmpdir(), 'kluis-videotoets-e2e-'));
  const { host: hostB, page: pageB } = other;
  try {
    await createVault(pageB);
    await openShare(pageB);
    const key = (await pageB.getByTestId('share-key').textContent())!.trim();

    // A: two recordings, one person who consented to a videotoets for an assessor.
    await importColourCard(pageA, makeColourCard(join(tmp, 'card')));
    const h = hostA.service.handlers;
    const { recordings } = await h['recordings.list']({});
    const [red, green] = [recordings.find((r) => r.label.includes('MVI_0001'))!, recordings.find((r) => r.label.includes('MVI_0002'))!];
    const person = await h['persons.add']({ pseudonym: 'K.L.', role: 'client', consentHolder: 'self' });
    await h['consents.add']({ personId: person.id, purposes: ['videotoets'], audiences: ['assessor'], signedBy: 'person', signedAt: '2026-03-01' });
    for (const r of [red, green]) {
      await h['appearances.add']({ recordingId: r.id, personId: person.id, presence: 'both' });
      await h['recordings.setPurpose']({ recordingId: r.id, purpose: 'videotoets', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'trainee', retentionPreset: 'psychology-teaching' });
    }

    await openShare(pageA);
    await pageA.getByRole('button', { name: 'Make a videotoets' }).click();
    await expect(pageA.getByRole('heading', { name: 'Videotoets: clips in order' })).toBeFocused();
    await pageA.getByLabel('Recording', { exact: true }).selectOption({ label: red.label });
    await pageA.getByRole('button', { name: 'Add to the videotoets' }).click();
    await pageA.getByLabel('Recording', { exact: true }).selectOption({ label: green.label });
    await pageA.getByRole('button', { name: 'Add to the videotoets' }).click();
    expect(await itemNames(pageA)).toEqual([`1. ${red.label}`, `2. ${green.label}`]);

    // In/out points of the red clip: an end before the start is refused before any export.
    await pageA.getByLabel(`Start of clip 1, ${red.label} (seconds)`).fill('1');
    await pageA.getByLabel(`End of clip 1, ${red.label} (seconds)`).fill('0.5');
    await expect(pageA.getByRole('alert')).toHaveText('Clip 1: the end must come after the start.');
    await expect(pageA.getByRole('button', { name: 'Continue to export' })).toBeDisabled();
    await pageA.getByLabel(`End of clip 1, ${red.label} (seconds)`).fill('3');
    await expect(pageA.getByRole('alert')).toHaveCount(0);

    // Reorder by keyboard (Alt+Down on the item, the focus moves with it) and by button.
    await pageA.getByLabel(`End of clip 1, ${red.label} (seconds)`).press('Alt+ArrowDown');
    expect(await itemNames(pageA)).toEqual([`1. ${green.label}`, `2. ${red.label}`]);
    await expect(pageA.getByLabel(`End of clip 2, ${red.label} (seconds)`)).toBeFocused();
    await expect(pageA.getByLabel(`End of clip 2, ${red.label} (seconds)`)).toHaveValue('3');
    await pageA.getByRole('button', { name: `Move clip 2, ${red.label}, up` }).click();
    expect(await itemNames(pageA)).toEqual([`1. ${red.label}`, `2. ${green.label}`]);
    await expect(pageA.getByRole('button', { name: `Move clip 1, ${red.label}, down` })).toBeFocused();
    await pageA.keyboard.press('Enter');
    expect(await itemNames(pageA)).toEqual([`1. ${green.label}`, `2. ${red.label}`]);
    await axe(pageA, 'videotoets playlist');

    await pageA.getByRole('button', { name: 'Continue to export' }).click();
    const form = pageA.getByRole('form', { name: 'Export the videotoets' });
    await expect(form.getByRole('heading', { name: 'Export the videotoets' })).toBeFocused();
    await expect(form.getByLabel('Purpose')).toHaveValue('videotoets');
    await expect(form.getByLabel('Who may watch')).toHaveValue('assessor');
    await form.getByLabel('Share key (age1…)').fill(key);
    await form.getByLabel('Your name, as the recipient sees it').fill('Student Kim');
    await mkdir(join(tmp, 'usb-stick'));
    const stick = join(tmp, 'usb-stick', 'videotoets.age');
    await form.getByLabel('Save the package as (full path of the .age file)').fill(stick);
    await form.getByRole('button', { name: 'Check and export' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Package saved' })).toContainText(stick, { timeout: 60_000 });
    const [sent] = await h['share.exports']({});
    expect(sent).toMatchObject({ kind: 'videotoets', purpose: 'videotoets', audience: 'assessor', recordingIds: [green.id, red.id] });
    await screenshot(pageA, 'videotoets-exported');

    // B: a drop of something that is not one file says so; the package dropped opens.
    const zone = pageB.getByTestId('share-drop');
    await dropOn(zone, pageB, 'https://example.org/x.age');
    await expect(pageB.getByRole('alert')).toHaveText('That was not a file. Drop the .age package file itself.');
    // a File alone: the browser keeps its path from the page (only Electron's preload can give it)
    const fileOnly = await pageB.evaluateHandle(`(() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'videotoets.age')); return d; })()`);
    await zone.dispatchEvent('drop', { dataTransfer: fileOnly });
    await expect(pageB.getByRole('alert')).toHaveText('Kluis cannot see where the dropped file is. Type its full path below instead.');
    await dropOn(zone, pageB, `${pathToFileURL(stick).href}\r\n`);
    await expect(pageB.getByRole('heading', { name: 'Package from Student Kim' })).toBeFocused({ timeout: 30_000 });
    const received = pageB.getByTestId('share-received');
    await expect(received).toHaveCount(1);
    expect(pageB.url()).toContain(hostB.url);

    // Presentation: full screen, pseudonyms only, keys step through the clips in the sender's order.
    await received.getByRole('button', { name: 'Present the videotoets from Student Kim full screen' }).click();
    const show = pageB.getByRole('dialog', { name: 'Videotoets presentation' });
    await expect(show).toBeFocused();
    await expect(show).toContainText('Clip 1 of 2');
    await expect(show).toContainText('In it: K.L.');
    await expect(show).not.toContainText('MVI_');
    await expect.poll(() => pageB.evaluate('document.fullscreenElement?.dataset.testid ?? null')).toBe('presentation');
    // nothing of the library shows or takes input: the app behind is inert, the presentation covers every point
    await expect(pageB.locator('#root')).toHaveAttribute('inert', '');
    expect(await pageB.evaluate('[[5, 5], [innerWidth - 5, 5], [innerWidth / 2, innerHeight / 2], [5, innerHeight - 5]].every(([x, y]) => document.elementFromPoint(x, y)?.closest("[data-testid=presentation]"))')).toBe(true);
    const video = show.locator('video');
    // the green recording whole (4 s), then the red one cut to 1–3 s
    await expect.poll(() => video.evaluate((el: VideoEl) => el.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((el: VideoEl) => el.duration)).toBeCloseTo(4, 0);
    await pageB.keyboard.press('Space');
    await expect(show).toContainText('Clip 2 of 2');
    await expect.poll(() => video.evaluate((el: VideoEl) => el.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((el: VideoEl) => el.duration)).toBeCloseTo(2, 0);
    await pageB.keyboard.press('ArrowRight');
    await expect(show).toContainText('Clip 2 of 2');
    await pageB.keyboard.press('ArrowLeft');
    await expect(show).toContainText('Clip 1 of 2');
    await axe(pageB, 'videotoets presentation');
    await screenshot(pageB, 'videotoets-presentation');

    // Leaving (Esc) locks the vault: the unlock screen, nothing of the package.
    await pageB.keyboard.press('Escape');
    await expect(pageB.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible({ timeout: 10_000 });
    await expect(show).toHaveCount(0);
    expect(await hostB.service.handlers['app.status']({})).toMatchObject({ vault: 'locked' });

    // While a clip plays it counts as activity (a videotoets in class has no input for minutes);
    // paused and left alone, the idle lock ends the presentation the same way.
    await unlock(pageB, STRONG);
    await openShare(pageB);
    const playing = (on: boolean) => pageB.waitForRequest((r) => r.url().endsWith('/api/media.playing') && r.postDataJSON()?.playing === on);
    const [started, stopped] = [playing(true), playing(false)];
    await received.getByRole('button', { name: 'Present the videotoets from Student Kim full screen' }).click();
    await expect(show).toBeFocused();
    await started;
    // paused by the viewer, or ended on its own: either way the player says it stopped
    await show.locator('video').evaluate('v => v.pause()');
    await stopped;
    await declareAway(hostB, 24 * 3600);
    await expect(pageB.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible({ timeout: 10_000 });
    await expect(show).toHaveCount(0);

    // A: the red recording passes its retention deadline and goes at the next unlock; the notice
    // names the package that left with it (R7), as a withdrawal does.
    await h['recordings.setPurpose']({ recordingId: red.id, purpose: 'videotoets', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'trainee', retentionPreset: 'custom', deadline: '2020-01-31' });
    await lock(pageA);
    await unlock(pageA, STRONG);
    const notice = pageA.getByRole('status').filter({ hasText: 'whose retention period had ended' });
    await expect(notice).toContainText(red.label);
    const copies = notice.getByTestId('shared-copies');
    await expect(copies).toContainText(`${stick} to ${key.slice(0, 12)}…, sent `);
    await expect(copies).toContainText(/, expires \w.+: ask them to delete it now\.$/);

    // A deletes the green recording by hand: the confirmation lists the package before and after.
    await pageA.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: `Open ${green.label}` }).click();
    const detail = pageA.getByRole('region', { name: `Details of ${green.label}` });
    await detail.getByRole('button', { name: 'Delete recording' }).click();
    const ask = detail.getByRole('group', { name: new RegExp(`^Delete ${green.label} for good\\?`) });
    await expect(ask).toContainText('1 share package with this recording left the vault');
    await expect(ask.getByTestId('shared-copies')).toContainText(`${stick} to ${key.slice(0, 12)}…`);
    await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await axe(pageA, 'delete recording');
    await ask.getByRole('button', { name: 'Delete for good' }).click();
    const done = pageA.getByTestId('deletion-confirmation');
    await expect(done.getByRole('heading', { name: `${green.label} is deleted` })).toBeFocused();
    await expect(done.getByTestId('shared-copies')).toContainText(`${stick} to ${key.slice(0, 12)}…`);
    await expect(pageA.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: `Open ${green.label}` })).toHaveCount(0);
    expect((await h['recordings.list']({})).recordings).toEqual([]);
    await done.getByRole('button', { name: 'Close' }).click();
    await expect(done).toHaveCount(0);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
