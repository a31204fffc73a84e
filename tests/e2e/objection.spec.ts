import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { addPerson, section } from './journey-steps';
import { importColourCard, makeColourCard } from './media-fixtures';

async function axeClean(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe on ${what}`).toEqual([]);
}

test('an objection under legitimate interest (A2) lists the streamed recording to cut, redact or delete, the library asks for attention with the reason, lifting it covers the person again, and deleting goes the withdrawal\'s way under A2', async ({ app: page }) => {
  const work = await mkdtemp(join(tmpdir(), 'kluis-e2e-objection-'));
  try {
    await importColourCard(page, makeColourCard(join(work, 'CARD')));
    await section(page, 'People');
    await addPerson(page, { pseudonym: 'S.T.', role: 'student' });

    // A streamed lesson rests on legitimate interest: nobody was asked, so S.T. is covered by the basis.
    await section(page, 'Library');
    const list = page.getByRole('list', { name: 'Recordings' });
    const badge = list.getByRole('listitem').filter({ hasText: 'MVI_0001.MP4' }).getByTestId('coverage-badge');
    await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
    const detail = page.getByRole('region', { name: 'Details of MVI_0001.MP4' });
    const purpose = detail.getByRole('form', { name: 'Purpose and retention' });
    await purpose.getByLabel('Purpose').selectOption('streaming');
    await purpose.getByLabel('Lawful basis').selectOption('legitimate-interest');
    await purpose.getByLabel('Owner (responsible for deleting it)').fill('Docent Jansen');
    await purpose.getByLabel('Retention').selectOption('stream-school-year');
    await purpose.getByRole('button', { name: 'Save purpose' }).click();
    await expect(purpose.getByRole('status')).toContainText('Saved. Kept until');
    const appear = detail.getByRole('group', { name: 'Who appears' });
    await appear.getByLabel('Person').selectOption({ label: 'S.T.' });
    await appear.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(appear.getByRole('listitem')).toHaveText('S.T. · seen and heard');
    await detail.getByRole('button', { name: 'Close' }).first().click();
    await expect(badge).toHaveText('Consent: Covered: the one person in it is covered for its purpose');

    // The objection, by keyboard: one form, no reason asked.
    await section(page, 'People');
    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /S\.T\./ }).click();
    const objections = page.getByRole('region', { name: 'Objects to being recorded' });
    await expect(objections).toContainText('No reason is needed.');
    await expect(objections).toContainText('No objections recorded for this person.');
    await objections.getByRole('button', { name: 'Record an objection' }).focus();
    await page.keyboard.press('Enter');
    const form = objections.getByRole('form', { name: 'New objection of S.T.' });
    const purposes = form.getByRole('group', { name: 'Objects to being recorded for' });
    await expect(purposes.getByRole('checkbox')).toHaveCount(7);
    await expect(purposes.getByRole('checkbox', { checked: true })).toHaveCount(0);
    // the legitimate-interest purposes come first
    await expect(purposes.getByRole('checkbox').first()).toHaveAccessibleName('Streaming');
    const submit = form.getByRole('button', { name: 'Record objection' });
    await expect(submit).toBeDisabled();
    await purposes.getByLabel('Streaming').focus();
    await page.keyboard.press('Space');
    await expect(purposes.getByLabel('Streaming')).toBeChecked();
    await form.getByLabel('How they objected (optional)').fill('told the teacher');
    await screenshot(page, 'objection-form');
    await submit.focus();
    await page.keyboard.press('Enter');

    const affected = objections.getByRole('group', { name: 'Recordings to cut or redact' });
    await expect(affected.getByRole('heading', { level: 4 })).toBeFocused();
    // offered for deletion like after a withdrawal: ticked, behind a confirm step
    const choice = affected.getByRole('group', { name: 'Recordings to delete' });
    await expect(choice.getByRole('checkbox')).toHaveCount(1);
    await expect(choice.getByRole('checkbox', { name: 'MVI_0001.MP4', checked: true })).toBeVisible();
    await expect(affected.getByRole('button', { name: 'Delete 1 recording…' })).toBeEnabled();
    await expect(affected).toContainText('Cut or redact S.T. in these recordings, or delete them: they object to being recorded for this purpose. They follow the lesson online instead.');
    await expect(objections.getByRole('status')).toHaveText('Objection recorded.');
    const row = objections.getByTestId('objection-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Streaming');
    await expect(row).toContainText('told the teacher');
    await expect(row).toContainText('Standing');
    await axeClean(page, 'the People screen with an objection');
    await screenshot(page, 'objection-recorded');

    await page.getByLabel('Language').selectOption('nl');
    const bezwaar = page.getByRole('region', { name: 'Bezwaar tegen opnemen' });
    await expect(bezwaar).toContainText('gerechtvaardigd belang');
    await expect(bezwaar.getByTestId('objection-row')).toContainText('Van kracht');
    await expect(bezwaar.getByRole('group', { name: 'Opnames om te knippen of onherkenbaar te maken' })).toContainText('volgt de les in plaats daarvan online');
    await axeClean(page, 'the People screen with an objection (Dutch)');
    await page.getByLabel('Taal').selectOption('en');

    // While it stands, the library asks for attention and coverage names the objection.
    await section(page, 'Library');
    await expect(badge).toHaveText('Consent: Needs attention: not covered: S.T.');
    await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
    const cov = detail.getByRole('group', { name: 'Coverage check' });
    await cov.getByLabel('Purpose').selectOption('streaming');
    await cov.getByLabel('Who may watch').selectOption('class');
    await cov.getByRole('button', { name: 'Check coverage' }).click();
    await expect(cov.getByRole('status')).toContainText('Not everyone is covered');
    const person = cov.getByRole('row', { name: /S\.T\./ });
    await expect(person).toContainText('Not covered');
    await expect(person).toContainText('objected to this purpose (A2): cut or redact them');
    await detail.getByRole('button', { name: 'Close' }).first().click();

    // Lifting, by keyboard: the row stays as history, and the basis covers S.T. again.
    await section(page, 'People');
    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /S\.T\./ }).click();
    await objections.getByRole('button', { name: 'Lift the objection to Streaming' }).focus();
    await page.keyboard.press('Enter');
    await expect(objections.getByRole('status')).toHaveText('Objection lifted.');
    await expect(objections.getByRole('heading', { name: 'Objects to being recorded' })).toBeFocused();
    await expect(row).toContainText('Lifted');
    await expect(row.getByRole('button')).toHaveCount(0);
    await screenshot(page, 'objection-lifted');

    await section(page, 'Library');
    await expect(badge).toHaveText('Consent: Covered: the one person in it is covered for its purpose');

    // Objecting again, and deleting the stream instead of cutting S.T. out: the withdrawal's
    // deletion and confirmation, logged under A2.
    await section(page, 'People');
    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /S\.T\./ }).click();
    await objections.getByRole('button', { name: 'Record an objection' }).click();
    await purposes.getByLabel('Streaming').check();
    await form.getByRole('button', { name: 'Record objection' }).click();
    await expect(affected.getByRole('heading', { level: 4 })).toBeFocused();
    // cancelling the confirm step deletes nothing
    await affected.getByRole('button', { name: 'Delete 1 recording…' }).click();
    await expect(affected).toContainText('Delete 1 recording for good?');
    await affected.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('.person-facts dd').last()).toHaveText('1');
    await affected.getByRole('button', { name: 'Delete 1 recording…' }).click();
    await expect(affected.getByRole('button', { name: 'Yes, delete for good' })).toBeFocused();
    await page.keyboard.press('Enter');

    const done = objections.getByRole('region', { name: 'Deletion confirmation for S.T.' });
    await expect(done.getByRole('heading', { level: 4 })).toBeFocused({ timeout: 60_000 });
    await expect(done.getByRole('list', { name: 'Deleted recordings' }).getByRole('listitem')).toHaveText([/^MVI_0001\.MP4: deleted .+ under rule A2$/]);
    await expect(done.getByRole('list', { name: 'Recordings that remain' })).toHaveCount(0);
    await expect(done).toContainText('No share package with this recording left the vault.');
    await expect(done).toContainText('its chain is intact');
    await expect(page.locator('.person-facts dd').last()).toHaveText('0');
    await axeClean(page, 'the deletion confirmation after an objection');
    await screenshot(page, 'objection-deleted');
    await done.getByRole('button', { name: 'Done' }).click();
    await expect(objections.getByRole('heading', { name: 'Objects to being recorded' })).toBeFocused();
    await expect(done).toHaveCount(0);

    await section(page, 'Library');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('button', { name: 'Open MVI_0001.MP4' })).toHaveCount(0);
    await expect(list.getByRole('button', { name: 'Open MVI_0002.MP4' })).toBeVisible();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
