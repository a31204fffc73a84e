import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { addPerson, describeRecording, recordConsent, savedPdfText, section } from './journey-steps';
import { importColourCard, makeColourCard } from './media-fixtures';

/** Words the English panel uses and the Dutch one must not (recording titles are MVI_000n.MP4). */
const ENGLISH = /\b(recordings?|delete[ds]?|withdrawn?|consent|remains?|reason|redact|share package)\b/i;

async function axeClean(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe on ${what}`).toEqual([]);
}

test('after a withdrawal the recordings are offered for deletion with a confirm step; the deletion confirmation names what went under R7 and what remains, and saves its PDF (R1, R7, U4)', async ({ app: page }) => {
  const work = await mkdtemp(join(tmpdir(), 'kluis-e2e-withdrawal-'));
  try {
    await importColourCard(page, makeColourCard(join(work, 'CARD')));
    await section(page, 'People');
    await addPerson(page, { pseudonym: 'P.Q.', role: 'student' });
    await recordConsent(page, { purpose: 'Reflection', audience: 'Supervisor', signer: 'The person' });
    for (const clip of ['MVI_0001.MP4', 'MVI_0002.MP4']) await describeRecording(page, clip, { purpose: 'reflection', owner: 'Docent Jansen', retention: 'reflection' }, ['P.Q.']);

    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /P\.Q\./ }).click();
    await page.getByTestId('consent-row').getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('group', { name: 'Withdraw this consent of P.Q.?' }).getByRole('button', { name: 'Withdraw consent' }).click();

    // The follow-up takes focus and offers both recordings, ticked.
    const followUp = page.getByRole('group', { name: 'What happens to the recordings of P.Q.?' });
    await expect(followUp.getByRole('heading', { level: 3 })).toBeFocused();
    const choice = followUp.getByRole('group', { name: 'Recordings to delete' });
    await expect(choice.getByRole('checkbox', { checked: true })).toHaveCount(2);
    await expect(followUp).toContainText('open it in the Library and choose Redact');
    await axeClean(page, 'the withdrawal follow-up');
    // In Dutch every word of the panel is Dutch: no reason or note stays English.
    await page.getByLabel('Language').selectOption('nl');
    const vervolg = page.getByRole('group', { name: 'Wat gebeurt er met de opnames van P.Q.?' });
    await expect(vervolg).toContainText('De toestemming is ingetrokken. 2 opnames tonen deze persoon.');
    await expect(vervolg.getByRole('group', { name: 'Te verwijderen opnames' }).getByRole('checkbox', { checked: true })).toHaveCount(2);
    await expect(vervolg).toContainText('kies Onherkenbaar maken');
    await expect(vervolg.getByRole('button', { name: '2 opnames verwijderen…' })).toBeVisible();
    expect(await vervolg.innerText()).not.toMatch(ENGLISH);
    await page.getByLabel('Taal').selectOption('en');

    // Deciding later keeps the offer on the person while they are still in recordings (R7).
    await followUp.getByRole('button', { name: 'Decide later' }).click();
    await expect(page.getByRole('heading', { name: 'P.Q.', level: 2 })).toBeFocused();
    await expect(followUp).toHaveCount(0);
    await page.getByRole('button', { name: 'Delete recordings after the withdrawal…' }).click();
    await expect(followUp.getByRole('heading', { level: 3 })).toBeFocused();
    await expect(choice.getByRole('checkbox', { checked: true })).toHaveCount(2);

    // One kept (to redact instead), one deleted; cancelling the confirm step deletes nothing.
    await choice.getByLabel('MVI_0002.MP4').uncheck();
    await followUp.getByRole('button', { name: 'Delete 1 recording…' }).click();
    await expect(followUp).toContainText('Delete 1 recording for good?');
    await followUp.getByRole('button', { name: 'Cancel' }).click();
    await expect(followUp.getByRole('button', { name: 'Yes, delete for good' })).toHaveCount(0);
    await expect(page.locator('.person-facts dd').last()).toHaveText('2');
    await followUp.getByRole('button', { name: 'Delete 1 recording…' }).click();
    await followUp.getByRole('button', { name: 'Yes, delete for good' }).click();

    const done = page.getByRole('region', { name: 'Deletion confirmation for P.Q.' });
    await expect(done.getByRole('heading', { level: 3 })).toBeFocused({ timeout: 60_000 });
    await expect(done.getByRole('list', { name: 'Deleted recordings' }).getByRole('listitem')).toHaveText([/^MVI_0001\.MP4: deleted .+ under rule R7$/]);
    await expect(done.getByRole('list', { name: 'Recordings that remain' }).getByRole('listitem')).toHaveText(['MVI_0002.MP4']);
    await expect(done).toContainText('No share package with this recording left the vault.');
    await expect(done).toContainText('its chain is intact');
    await expect(page.locator('.person-facts dd').last()).toHaveText('1');
    // The rest of the People screen forgets the deleted recording too.
    const soon = page.locator('.consent-panel .warning');
    await expect(soon.getByRole('listitem')).toHaveCount(1);
    await expect(soon).toContainText('MVI_0002.MP4');
    await expect(page.getByLabel('Recording', { exact: true }).locator('option')).toHaveText(['Choose a recording…', 'MVI_0002.MP4']);
    await axeClean(page, 'the deletion confirmation');
    await page.getByLabel('Language').selectOption('nl');
    const bevestiging = page.getByRole('region', { name: 'Verwijderbevestiging voor P.Q.' });
    await expect(bevestiging).toContainText('volgens regel R7');
    await expect(bevestiging).toContainText('1 opname toont deze persoon nog');
    await expect(bevestiging.getByRole('list', { name: 'Opnames die blijven' }).getByRole('listitem')).toHaveText(['MVI_0002.MP4']);
    expect(await bevestiging.innerText()).not.toMatch(ENGLISH);
    await axeClean(page, 'the deletion confirmation (Dutch)');
    await page.getByLabel('Taal').selectOption('en');
    await screenshot(page, 'withdrawal-deletion');

    const pdf = await savedPdfText(page, done, join(work, 'deletion.pdf'));
    expect(pdf).toContain('P.Q.');
    expect(pdf).toContain('MVI_0002.MP4');
    expect(pdf).toMatch(/withdrawal,\s+rule\s+R7/);

    await done.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('heading', { name: 'P.Q.', level: 2 })).toBeFocused();
    // P.Q. is still in MVI_0002, kept to be redacted: the offer stays.
    await expect(page.getByRole('button', { name: 'Delete recordings after the withdrawal…' })).toBeVisible();
    await section(page, 'Library');
    const list = page.getByRole('list', { name: 'Recordings' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('button', { name: 'Open MVI_0002.MP4' })).toBeVisible();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
