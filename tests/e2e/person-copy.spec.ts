import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sevenZip } from '../helpers/seven-zip';
import { expect, screenshot, test } from './fixtures';
import { addPerson, section } from './journey-steps';
import { importColourCard, makeColourCard } from './media-fixtures';

test('B1: a recorded person gets a copy on request, a zip 7-Zip opens with the password shown once', async ({ app: page }) => {
  const work = await mkdtemp(join(tmpdir(), 'kluis-e2e-copy-'));
  try {
    await importColourCard(page, makeColourCard(join(work, 'CARD')));
    await section(page, 'People');
    await addPerson(page, { pseudonym: 'C.L.', role: 'client' });

    await section(page, 'Library');
    const list = page.getByRole('list', { name: 'Recordings' });
    await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
    const detail = page.getByRole('region', { name: 'Details of MVI_0001.MP4' });
    const appear = detail.getByRole('group', { name: 'Who appears' });
    await appear.getByLabel('Person').selectOption({ label: 'C.L.' });
    await appear.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(appear.getByRole('listitem')).toHaveText('C.L. · seen and heard');
    await detail.getByRole('button', { name: 'Close' }).first().click();

    await section(page, 'People');
    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /C\.L\./ }).click();
    await page.getByRole('button', { name: 'Give C.L. a copy…' }).click();
    const form = page.getByRole('form', { name: 'A copy for C.L.' });
    await expect(form.getByRole('heading', { name: 'A copy for C.L.' })).toBeFocused();
    const recordings = form.getByRole('group', { name: 'Recordings in the copy' });
    await expect(recordings.getByRole('checkbox')).toHaveCount(1);
    await expect(recordings.getByLabel('MVI_0001.MP4')).toBeChecked();
    const submit = form.getByRole('button', { name: 'Write the copy' });
    await expect(submit).toBeDisabled();
    const out = join(work, 'stick', 'kopie.zip');
    await form.getByLabel('Save the copy as (full path of the .zip file)').fill(out);
    // the folder does not exist: the error says so and nothing is written
    await submit.click();
    await expect(form.getByRole('alert')).toContainText('No copy was written.');
    await expect(form.getByRole('alert')).toContainText('does not exist');
    await expect(stat(out)).rejects.toThrow();

    const out2 = join(work, 'kopie.zip');
    await form.getByLabel('Save the copy as (full path of the .zip file)').fill(out2);
    await submit.click();
    const done = page.getByTestId('person-copy-done');
    await expect(done.getByRole('status')).toContainText('read back and checked');
    await expect(done.getByRole('heading', { name: 'The copy for C.L. is ready' })).toBeFocused();
    const password = (await done.getByLabel('Password of the copy').textContent())!.trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    const names = sevenZip.list(out2, password);
    expect(names).toContain('LEESMIJ - README.txt');
    expect(names.some((n) => /^01 .*\/MVI_0001\.MP4$/.test(n))).toBe(true);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await screenshot(page, 'person-copy-done');

    await done.getByRole('button', { name: /I have written it down/ }).click();
    await expect(page.getByText(password)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Give C.L. a copy…' })).toBeVisible();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
