import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importColourCard, makeColourCard } from './media-fixtures';

/**
 * Dates, times and sizes follow the UI language (issue 8), not the browser's: the same library
 * row and audit entry in English and in Dutch (renderer/src/format.ts; unit-tested there).
 */

const EN_DATE_TIME = /[A-Z][a-z]{2} \d{1,2}, \d{4}(,| at) \d{1,2}:\d{2}\s?[AP]M/u;
const NL_DATE_TIME = /\d{1,2} [a-z]{3}\.? \d{4}(,| om) \d{2}:\d{2}/;

function row(page: Page, title: string): Locator {
  return page.locator('.lib-row', { has: page.getByRole('button', { name: `Open ${title}` }) });
}

/** The size at the end of a row's facts, e.g. "23.4 kB". */
async function sizeIn(facts: Locator): Promise<string> {
  const m = /([\d.,]+ kB)/.exec(await facts.innerText());
  expect(m, 'a size in kB in the row').not.toBeNull();
  return m![1]!;
}

test('library rows and the audit log show dates, times and sizes in the UI language', async ({ app: page }) => {
  const card = mkdtempSync(join(tmpdir(), 'kluis-locale-card-'));
  try {
    await importColourCard(page, makeColourCard(card));
    const facts = row(page, 'MVI_0001.MP4').locator('.rec-main > span.muted');
    await expect(facts).toHaveText(EN_DATE_TIME);
    const enSize = await sizeIn(facts);

    await page.getByLabel('Language').selectOption('nl');
    const nlFacts = page.locator('.lib-row', { has: page.getByRole('button', { name: 'MVI_0001.MP4 openen' }) }).locator('.rec-main > span.muted');
    await expect(nlFacts).toHaveText(NL_DATE_TIME);
    await expect(nlFacts).not.toHaveText(/[AP]M/);
    // Same size, Dutch decimal comma.
    expect(await sizeIn(nlFacts)).toBe(enSize.replace('.', ','));

    await page.getByRole('navigation').getByRole('button', { name: 'Logboek', exact: true }).click();
    await expect(page.locator('time').first()).toHaveText(NL_DATE_TIME);
    await page.getByLabel('Taal').selectOption('en');
    await expect(page.locator('time').first()).toHaveText(EN_DATE_TIME);
  } finally {
    rmSync(card, { recursive: true, force: true });
  }
});
