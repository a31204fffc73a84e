import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { importColourCard, makeColourCard } from './media-fixtures';
import { createVault } from './vault-flow';

/** The fields of an HTMLVideoElement read here (tests/ compiles without the DOM library). */
interface VideoEl {
  readyState: number;
  currentTime: number;
}

async function axe(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad, `axe on the ${screen} screen`).toEqual([]);
}

async function openShare(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('heading', { name: 'Share', level: 1 })).toBeFocused();
}

test('share: B shows its share key; A is refused by the gate, then exports for that key; B opens the package, sees the manifest, plays the clip and comments', async ({ app: pageA, host: hostA, other }) => {
  test.setTimeout(90_000);
  const tmp = await mkdtemp(join(tmpdir(), 'kluis-share-e2e-'));
  const { page: pageB } = other;
  try {

    // B (the supervisor): the share key as text, copied with one button, and as a QR code.
    await createVault(pageB);
    await openShare(pageB);
    const keyText = pageB.getByTestId('share-key');
    await expect(keyText).toHaveText(/^age1[02-9ac-hj-np-z]{58}$/);
    const key = (await keyText.textContent())!.trim();
    await pageB.getByRole('button', { name: 'Copy share key' }).click();
    await expect(pageB.getByText('Copied.')).toBeVisible();
    expect(await pageB.evaluate('navigator.clipboard.readText()')).toBe(key);
    await expect(pageB.getByRole('img', { name: 'QR code of your share key' })).toBeVisible();
    await axe(pageB, 'share (empty)');

    // A (the student): the colour card, a person with consent for teaching/class, who appears in the first recording.
    await importColourCard(pageA, makeColourCard(join(tmp, 'card')));
    const h = hostA.service.handlers;
    const { recordings } = await h['recordings.list']({});
    const rec = recordings[0]!;
    const person = await h['persons.add']({ pseudonym: 'K.L.', role: 'client', consentHolder: 'self' });
    await h['consents.add']({ personId: person.id, purposes: ['teaching'], audiences: ['class'], signedBy: 'person', signedAt: '2026-03-01' });
    await h['appearances.add']({ recordingId: rec.id, personId: person.id, presence: 'both' });

    // The export dialog opens from the library's detail panel with the open recording picked.
    await pageA.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: `Open ${rec.label}` }).click();
    const detail = pageA.getByRole('region', { name: `Details of ${rec.label}` });
    await detail.getByRole('button', { name: 'Export a package' }).click();
    const form = detail.getByRole('form', { name: 'Export a share package' });
    await expect(form.getByRole('heading', { name: 'Export a share package' })).toBeFocused();
    await expect(form.getByRole('group', { name: 'Recordings' }).getByLabel(rec.label)).toBeChecked();
    await form.getByLabel('Purpose').selectOption('teaching');
    await form.getByLabel('Who may watch').selectOption('class');
    await form.getByLabel('Share key (age1…)').fill(key);
    await form.getByLabel('Recipient\'s name (optional)').fill('Supervisor Jansen');
    await form.getByLabel('Your name, as the recipient sees it').fill('Student Kim');
    const out = join(tmp, 'for-jansen.age');
    await form.getByLabel('Save the package as (full path of the .age file)').fill(out);

    // No purpose set on the recording yet: the gate refuses, and says so per recording.
    await form.getByRole('button', { name: 'Check and export' }).click();
    const gate = form.getByTestId('share-gate');
    await expect(gate).toContainText('No purpose set yet');
    await expect(gate).toContainText(rec.label);

    await h['recordings.setPurpose']({ recordingId: rec.id, purpose: 'teaching', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'trainee', retentionPreset: 'psychology-teaching' });
    // A person refused for this audience is named with the reason.
    await form.getByLabel('Who may watch').selectOption('public');
    await form.getByRole('button', { name: 'Check and export' }).click();
    await expect(gate).toContainText('K.L.: audience not covered');
    await expect(gate).not.toContainText('No purpose set yet');
    await form.getByLabel('Who may watch').selectOption('class');
    await form.getByRole('button', { name: 'Check and export' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Package saved' })).toContainText(out, { timeout: 30_000 });
    await expect(gate).toHaveCount(0);
    // The register of what left (R7) in the Share section.
    await openShare(pageA);
    await expect(pageA.getByTestId('share-export')).toHaveCount(1);
    await expect(pageA.getByTestId('share-export')).toContainText('Supervisor Jansen');
    await screenshot(pageA, 'share-exported');

    // Something that is not a package: a plain, translated error, nothing listed.
    const notPackage = join(tmp, 'notes.age');
    await writeFile(notPackage, 'just some notes, not an age file\n');
    await pageB.getByLabel('Package file (full path)').fill(notPackage);
    await pageB.getByRole('button', { name: 'Open package' }).click();
    await expect(pageB.getByRole('alert')).toContainText('This file is not a share package.');
    await expect(pageB.getByTestId('share-received')).toHaveCount(0);

    // B opens it: the manifest is shown plainly, then the package is listed as received.
    await pageB.getByLabel('Package file (full path)').fill(out);
    await pageB.getByRole('button', { name: 'Open package' }).click();
    const manifest = pageB.getByTestId('share-manifest').first();
    await expect(pageB.getByRole('heading', { name: 'Package from Student Kim' }).first()).toBeFocused({ timeout: 30_000 });
    await expect(manifest).toContainText('Teaching material');
    await expect(manifest).toContainText('The class');
    await expect(manifest).toContainText('K.L. (consent)');
    await expect(manifest).toContainText('Not cut or edited.');
    await expect(manifest).toContainText('not forward it');
    const received = pageB.getByTestId('share-received');
    await expect(received).toHaveCount(1);
    await expect(received).toContainText('Student Kim');
    await axe(pageB, 'share (opened package)');

    // The library lists the received clip apart from B's own recordings: badged, view-only, with its expiry.
    await pageB.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Library' }).click();
    const inLibrary = pageB.getByRole('region', { name: 'Received clips' });
    await expect(inLibrary.getByTestId('library-received')).toHaveCount(1, { timeout: 15_000 });
    await expect(inLibrary).toContainText(/Received from Student Kim, view only, expires \w/);
    await inLibrary.getByRole('button', { name: /^Watch .* \(received\)$/ }).click();
    await expect.poll(() => inLibrary.locator('video').evaluate((el: VideoEl) => el.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await expect(inLibrary.getByRole('button', { name: /export|redact|rename/i })).toHaveCount(0);
    await axe(pageB, 'library with a received clip');
    await openShare(pageB);

    // Play the received clip in the player, comment at the current time, click the comment to seek.
    await received.getByRole('button', { name: /^Watch and comment on/ }).click();
    await expect(pageB.getByRole('heading', { name: /^Review: / })).toBeFocused();
    const video = pageB.locator('video');
    await expect.poll(() => video.evaluate((el: VideoEl) => el.readyState), { timeout: 20_000 }).toBe(4);
    await video.evaluate((el: VideoEl) => (el.currentTime = 2));
    await expect.poll(() => video.evaluate((el: VideoEl) => el.currentTime)).toBeGreaterThan(1.9);
    await pageB.getByLabel('Comment at the current time').fill('Goede opening, let op je tempo.');
    await pageB.getByRole('button', { name: 'Add comment' }).click();
    const comment = pageB.getByTestId('share-comment');
    await expect(comment).toHaveCount(1);
    await expect(comment).toContainText('0:02 Goede opening, let op je tempo.');
    await video.evaluate((el: VideoEl) => (el.currentTime = 0));
    await comment.getByRole('button', { name: 'Go to 0:02' }).click();
    await expect.poll(() => video.evaluate((el: VideoEl) => el.currentTime)).toBeGreaterThan(1.9);
    await axe(pageB, 'share (review)');
    await screenshot(pageB, 'share-review');
    await pageB.getByRole('button', { name: 'Back to Share' }).click();
    await expect(pageB.getByRole('heading', { name: 'Share', level: 1 })).toBeFocused();

    // The comments go back to A as a small package; A opening it attaches them to the recording.
    const first = received.first();
    await first.getByText('Send your comments back to Student Kim').click();
    await first.getByLabel('Your name, as the sender sees it').fill('Supervisor Jansen');
    const back = join(tmp, 'feedback.age');
    await first.getByLabel('Save the comments package as (full path)').fill(back);
    await first.getByRole('button', { name: 'Make comments package' }).click();
    await expect(first.getByRole('status')).toContainText('1 comment saved in');
    await pageA.getByLabel('Package file (full path)').fill(back);
    await pageA.getByRole('button', { name: 'Open package' }).click();
    await expect(pageA.getByRole('status').filter({ hasText: 'from Supervisor Jansen added' })).toContainText('1 comment');
    expect(await h['share.feedback']({ recordingId: rec.id })).toMatchObject([{ text: 'Goede opening, let op je tempo.', author: 'Supervisor Jansen' }]);

    // A passphrase package, exported from the Share section: B is asked for the passphrase.
    await pageA.getByRole('button', { name: 'Export a package' }).click();
    const form2 = pageA.getByRole('form', { name: 'Export a share package' });
    await form2.getByRole('group', { name: 'Recordings' }).getByLabel(rec.label).check();
    await form2.getByLabel('Purpose').selectOption('teaching');
    await form2.getByLabel('Who may watch').selectOption('class');
    await form2.getByLabel('A passphrase (tell it by phone, never by e-mail)').check();
    await form2.getByLabel('Passphrase', { exact: true }).fill('lange-wachtzin-voor-jansen');
    await form2.getByLabel('Your name, as the recipient sees it').fill('Student Kim');
    const out2 = join(tmp, 'with-passphrase.age');
    await form2.getByLabel('Save the package as (full path of the .age file)').fill(out2);
    await form2.getByRole('button', { name: 'Check and export' }).click();
    await expect(form2.getByRole('status').filter({ hasText: 'Package saved' })).toContainText(out2, { timeout: 30_000 });
    await expect(pageA.getByTestId('share-export')).toHaveCount(2);

    await pageB.getByLabel('Package file (full path)').fill(out2);
    await pageB.getByRole('button', { name: 'Open package' }).click();
    await expect(pageB.getByRole('alert')).toBeVisible();
    await pageB.getByLabel('Passphrase', { exact: true }).fill('lange-wachtzin-voor-jansen');
    await pageB.getByRole('button', { name: 'Open package' }).click();
    await expect(pageB.getByRole('heading', { name: 'Package from Student Kim' })).toBeFocused({ timeout: 30_000 });
    await expect(received).toHaveCount(2);

    // Deleting a received package takes one confirmed action.
    await received.first().getByRole('button', { name: 'Delete the package from Student Kim' }).click();
    await pageB.getByRole('group', { name: /^Delete the package from Student Kim/ }).getByRole('button', { name: 'Delete package' }).click();
    await expect(received).toHaveCount(1);
    // In Dutch: the section, its headings and the received package's line are translated.
    await pageB.getByLabel('Language').selectOption('nl');
    await expect(pageB.getByRole('heading', { name: 'Delen', level: 1 })).toBeVisible();
    await expect(pageB.getByRole('heading', { name: 'Jouw deelsleutel' })).toBeVisible();
    await expect(pageB.getByRole('heading', { name: 'Ontvangen pakketten' })).toBeVisible();
    await expect(received).toContainText('Alleen bekijken');
    await axe(pageB, 'share (Dutch)');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
