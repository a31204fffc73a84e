import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importColourCard, makeColourCard } from './media-fixtures';
import { lock, STRONG } from './vault-flow';

/**
 * axe-core on every screen, in both languages where the text differs (issue 8): no serious or
 * critical WCAG 2.1 A/AA violation. Each violation is listed with its rule and elements so the
 * failure says what to fix.
 */
async function audit(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.passes.length, 'axe checked something').toBeGreaterThan(10);
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad, `axe on the ${screen} screen`).toEqual([]);
}

test('create, recovery key, unlock and recover screens', async ({ app: page }) => {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('welkom123');
  await audit(page, 'create (weak password shown)');
  await page.getByLabel('Password', { exact: true }).fill(STRONG);
  await page.getByLabel('Repeat the password').fill(STRONG);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible();
  await audit(page, 'recovery key');
  const key = (await page.getByTestId('recovery-key').textContent())!.trim();
  await page.getByLabel('To continue, type the last group of four characters of the key').fill(key.slice(-4));
  await page.getByRole('button', { name: 'I have saved the key, continue' }).click();
  await expect(page.getByRole('heading', { name: 'Your vault' })).toBeVisible();
  await audit(page, 'empty library');
  await lock(page);
  await page.getByLabel('Password', { exact: true }).fill('wrong-password-123');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await audit(page, 'unlock (wrong password shown)');
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await audit(page, 'recover');
  await page.getByLabel('Language').selectOption('nl');
  await audit(page, 'recover (Dutch)');
});

test('library with recordings, player, import, people, audit and settings screens', async ({ app: page }) => {
  const card = mkdtempSync(join(tmpdir(), 'kluis-a11y-card-'));
  try {
    await importColourCard(page, makeColourCard(card));
    await expect(page.getByRole('button', { name: /MVI_0001/ }).first()).toBeVisible({ timeout: 30_000 });
    await audit(page, 'library');
    await page.getByRole('button', { name: /MVI_0001/ }).first().click();
    await expect(page.locator('video')).toBeVisible({ timeout: 30_000 });
    await audit(page, 'recording detail with player');
    await page.getByRole('button', { name: 'Close details' }).click();
    for (const section of ['Import recordings', 'People', 'Audit log', 'Settings']) {
      await page.getByRole('navigation').getByRole('button', { name: section, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await audit(page, section);
    }
    await page.getByLabel('Language').selectOption('nl');
    await page.getByRole('navigation').getByRole('button', { name: 'Bibliotheek', exact: true }).click();
    await audit(page, 'library (Dutch)');
  } finally {
    rmSync(card, { recursive: true, force: true });
  }
});
