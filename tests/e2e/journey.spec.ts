import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { previewFolder } from './import-flow';
import { addPerson, advanceClock, deleteAfterWithdrawal, describeRecording, fillExport, openShare, recordConsent, savedPdfText, section, stepShots } from './journey-steps';
import { makeColourCard } from './media-fixtures';
import { dominant, drag, overlayPoint, pixel, seekTo, waitPlayable, type VideoEl } from './video-helpers';
import { createVault } from './vault-flow';

/**
 * Issue 8: a student's day, start to end, through the real renderer, core, ffmpeg and Chromium.
 * Each step leaves a numbered screenshot in test-results/ (the card's clips are generated colour
 * fields, so nothing personal lands there). Every user action goes through the UI; the host is
 * called only to move the supervisor's clock and to read its audit log.
 */
test('a student\'s day: vault, card with wipe, library, playback, people, refused export, redaction, package for a supervisor, review, expiry, withdrawal and deletion confirmation', async ({ app: page, other }, testInfo) => {
  test.setTimeout(600_000);
  const shot = stepShots(testInfo);
  const tmp = await mkdtemp(join(tmpdir(), 'kluis-journey-'));
  const card = makeColourCard(join(tmp, 'CARD'));
  const { host: hostB, page: pageB } = other;
  const childYear = new Date().getFullYear() - 12;
  try {
    // 1. A new vault, the recovery key confirmed.
    await createVault(page);
    await shot(page, 'vault-created');

    // 2. The card, imported with wipe: verified first, then the clips leave the card.
    await previewFolder(page, card);
    await expect(page.getByRole('checkbox', { name: 'Wipe the recordings from the card once they are verified' })).toBeChecked();
    await shot(page, 'card-preview');
    await page.getByRole('button', { name: 'Import 2 recordings' }).click();
    const report = page.getByRole('region', { name: 'Import finished' });
    await expect(report.getByText('2 of 2 recordings imported and verified.')).toBeVisible({ timeout: 120_000 });
    await expect(report.getByText('2 files were wiped from the card.')).toBeVisible();
    await shot(page, 'import-finished');
    const onCard = await readdir(card, { recursive: true });
    expect(onCard.filter((f) => /\.mp4$/i.test(f)), 'clips left on the card after the wipe').toEqual([]);
    await report.getByRole('button', { name: 'Back to your vault' }).click();

    // 3. The library lists both clips.
    const list = page.getByRole('list', { name: 'Recordings' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await shot(page, 'library');

    // 4. Play the first clip and seek: red for two seconds, then blue.
    await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
    const detail = page.getByRole('region', { name: 'Details of MVI_0001.MP4' });
    const player = detail.getByRole('group', { name: 'Player: MVI_0001.MP4' });
    await waitPlayable(player);
    await player.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => player.locator('video').evaluate((el: VideoEl) => el.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.3);
    await player.getByRole('button', { name: 'Pause' }).click();
    await seekTo(player, 3);
    await expect.poll(async () => dominant(await pixel(player.locator('video')))).toBe('blue');
    await seekTo(player, 1);
    await expect.poll(async () => dominant(await pixel(player.locator('video')))).toBe('red');
    await shot(page, 'playback-seek');

    // 5. Two people: a pupil of twelve whose guardian consents, and a student who does not consent.
    await section(page, 'People');
    await addPerson(page, { pseudonym: 'J.D.', role: 'pupil', birthYear: childYear });
    await recordConsent(page, { purpose: 'Reflection', audience: 'Supervisor', signer: 'Parent or guardian' });
    await expect(page.getByTestId('consent-row')).toContainText('Parent or guardian');
    await addPerson(page, { pseudonym: 'M.V.', role: 'student' });
    await expect(page.getByTestId('consent-row')).toHaveCount(0);

    // 6. The clip gets its purpose and both people in it.
    await describeRecording(page, 'MVI_0001.MP4', { purpose: 'reflection', owner: 'Student Kim', retention: 'reflection' }, ['J.D.', 'M.V.']);
    await shot(page, 'people-and-purpose');

    // 7. The supervisor's vault, in a second host and browser context: its share key.
    await createVault(pageB);
    await openShare(pageB);
    const shareKey = (await pageB.getByTestId('share-key').textContent())!.trim();
    expect(shareKey).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    await shot(pageB, 'supervisor-share-key');

    // 8. Export refused: M.V. has no consent, and the gate says so by name.
    const choice = { purpose: 'reflection', audience: 'supervisor', shareKey, recipientName: 'Supervisor Jansen', senderName: 'Student Kim' };
    await section(page, 'Library');
    await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
    const refusedForm = await fillExport(detail, 'MVI_0001.MP4', { ...choice, outPath: join(tmp, 'refused.age') });
    await refusedForm.getByRole('button', { name: 'Check and export' }).click();
    const gate = refusedForm.getByTestId('share-gate');
    await expect(gate).toContainText('M.V.: no consent');
    await expect(gate).not.toContainText('J.D.');
    await shot(page, 'export-refused');
    expect(await readdir(tmp)).not.toContain('refused.age');

    // 9. M.V. made unrecognisable: a box drawn over them, linked to them, rendered into a new recording.
    await detail.getByRole('button', { name: 'Redact', exact: true }).click();
    const editor = page.getByRole('region', { name: 'Redact: MVI_0001.MP4' });
    await waitPlayable(editor);
    const overlay = editor.getByTestId('redact-overlay');
    await drag(page, await overlayPoint(overlay, 20, 30), await overlayPoint(overlay, 60, 70));
    const track = editor.getByRole('listitem', { name: 'Track t1' });
    await expect(track).toBeVisible();
    // A second keyframe at 3 s, so the box covers the clip from start to end.
    await seekTo(editor, 3);
    await drag(page, await overlayPoint(overlay, 40, 50), await overlayPoint(overlay, 50, 50));
    await expect(track.getByRole('group', { name: 'Keyframes of t1' }).getByRole('button')).toHaveCount(2);
    await track.getByRole('combobox', { name: 'Person' }).selectOption({ label: 'M.V.' });
    // solid, not blur: the clip is one flat colour, where only a covered box shows in a pixel
    await track.getByRole('combobox', { name: 'Style' }).selectOption('solid');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(editor.getByText('Saved as version 1')).toBeVisible();
    await editor.getByRole('button', { name: 'Render', exact: true }).click();
    await expect(editor.getByRole('button', { name: 'Play the result' })).toBeVisible({ timeout: 180_000 });
    await editor.getByRole('button', { name: 'Play the result' }).click();
    const result = editor.getByRole('group', { name: 'Player: MVI_0001.MP4 (redacted)' });
    await waitPlayable(result);
    await seekTo(result, 1);
    await expect.poll(async () => dominant(await pixel(result.locator('video'), [140, 100]))).toBe('red');
    expect(dominant(await pixel(result.locator('video'), [40, 50])), 'inside the box').not.toBe('red');
    await shot(page, 'redacted');
    await editor.getByRole('button', { name: 'Close the editor' }).click();

    // 10. The redacted copy passes the gate and leaves as a package for the supervisor's key.
    const redacted = 'MVI_0001.MP4 (redacted v1)';
    // The library lists the new render by itself: the render's 'done' event refreshes its rows.
    await expect(list.getByRole('listitem')).toHaveCount(3, { timeout: 20_000 });
    await list.getByRole('button', { name: `Open ${redacted}` }).click();
    const redactedDetail = page.getByRole('region', { name: `Details of ${redacted}` });
    const out = join(tmp, 'for-jansen.age');
    const form = await fillExport(redactedDetail, redacted, { ...choice, outPath: out });
    await form.getByRole('button', { name: 'Check and export' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Package saved' })).toContainText(out, { timeout: 120_000 });
    await shot(page, 'exported');

    // 11. The supervisor opens it: who is in it and on what basis, then watches and comments.
    await pageB.getByLabel('Package file (full path)').fill(out);
    await pageB.getByRole('button', { name: 'Open package' }).click();
    await expect(pageB.getByRole('heading', { name: 'Package from Student Kim' }).first()).toBeFocused({ timeout: 120_000 });
    const manifest = pageB.getByTestId('share-manifest').first();
    await expect(manifest).toContainText('J.D. (consent)');
    await expect(manifest).toContainText('M.V. (made unrecognisable)');
    const received = pageB.getByTestId('share-received');
    await expect(received).toHaveCount(1);
    await shot(pageB, 'supervisor-opened');
    await received.getByRole('button', { name: /^Watch and comment on/ }).click();
    await expect(pageB.getByRole('heading', { name: /^Review: / })).toBeFocused();
    await waitPlayable(pageB.locator('main'));
    await pageB.locator('video').evaluate((el: VideoEl) => (el.currentTime = 2));
    await expect.poll(() => pageB.locator('video').evaluate((el: VideoEl) => el.currentTime)).toBeGreaterThan(1.9);
    await pageB.getByLabel('Comment at the current time').fill('Mooi moment, let op de camerahoek.');
    await pageB.getByRole('button', { name: 'Add comment' }).click();
    await expect(pageB.getByTestId('share-comment')).toContainText('0:02 Mooi moment, let op de camerahoek.');
    await shot(pageB, 'supervisor-comment');
    await pageB.getByRole('button', { name: 'Back to Share' }).click();

    // 12. Fifteen days on (the package was made for fourteen), the received package is gone.
    await advanceClock(hostB, 15);
    await section(pageB, 'Library');
    await openShare(pageB);
    await expect(received).toHaveCount(0);
    await expect(pageB.getByText('Nothing received yet.')).toBeVisible();
    const gone = (await hostB.service.handlers['audit.list']({})).filter((e) => e.action === 'share.receivedDeleted');
    expect(gone.map((e) => e.detail.why)).toEqual(['expired']);
    await shot(pageB, 'supervisor-expired');

    // 13. J.D.'s guardian withdraws: the confirmation names both recordings J.D. is in.
    await section(page, 'People');
    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /J\.D\./ }).click();
    await page.getByTestId('consent-row').getByRole('button', { name: 'Withdraw' }).click();
    const confirm = page.getByRole('group', { name: 'Withdraw this consent of J.D.?' });
    const affected = confirm.getByRole('list', { name: 'Affected recordings' }).getByRole('listitem');
    await expect(affected).toHaveCount(2);
    expect((await affected.allTextContents()).sort()).toEqual(['MVI_0001.MP4', redacted]);
    await shot(page, 'withdraw-confirm');
    await confirm.getByRole('button', { name: 'Withdraw consent' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'It affects 2 recordings.' })).toBeVisible();

    // 14. Both recordings deleted from the follow-up, after its confirm step (R7, U4); the
    // deletion confirmation says what went, when and under which rule, names the package that
    // left for the supervisor, and saves the deletion report as a PDF.
    const done = await deleteAfterWithdrawal(page, 'J.D.', 2);
    const deleted = await done.getByRole('list', { name: 'Deleted recordings' }).getByRole('listitem').allTextContents();
    expect(deleted.map((g) => g.replace(/: deleted .+ under rule R7$/, '')).sort()).toEqual(['MVI_0001.MP4', redacted]);
    await expect(done).toContainText('encryption keys');
    await expect(done.getByTestId('shared-copies')).toContainText('for-jansen.age to Supervisor Jansen');
    await expect(done.getByRole('list', { name: 'Recordings that remain' })).toHaveCount(0);
    await shot(page, 'deletion-confirmation');
    const pdf = await savedPdfText(page, done, join(tmp, 'deletion.pdf'));
    expect(pdf).toContain('J.D.');
    expect(pdf).toContain('R7');
    await section(page, 'Library');
    await expect(list.getByRole('listitem')).toHaveCount(1, { timeout: 20_000 });
    await expect(list.getByRole('button', { name: 'Open MVI_0002.MP4' })).toBeVisible();
    await shot(page, 'after-deletion');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
