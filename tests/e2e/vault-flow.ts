import type { Page } from '@playwright/test';
import { expect, screenshot } from './fixtures';

export const STRONG = 'Zwaluw-kachel-dijkregen-48';
export const STRONG_2 = 'Otter-paraplu-vijver-Kompas-71';
export const STRONG_3 = 'Heide-lantaarn-Mosselbank-93';

/** Runs the create screen and the one-time recovery key screen; returns the key as the page showed it. */
export async function createVault(page: Page, password = STRONG): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  const create = page.getByRole('button', { name: 'Create vault' });
  await expect(create).toBeEnabled();
  await create.click();

  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible();
  const key = (await page.getByTestId('recovery-key').textContent())!.trim();
  expect(key).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
  await screenshot(page, '2-recovery-key');
  const cont = page.getByRole('button', { name: 'I have saved the key, continue' });
  const confirm = page.getByLabel('To continue, type the last group of four characters of the key');
  await expect(cont).toBeDisabled();
  await confirm.fill(key.slice(0, 4) === key.slice(-4) ? 'XXXX' : key.slice(0, 4));
  await expect(cont).toBeDisabled();
  await confirm.fill(key.slice(-4).toLowerCase());
  await expect(cont).toBeEnabled();
  await cont.click();
  await expect(page.getByRole('heading', { name: 'Your vault' })).toBeVisible();
  return key;
}

export async function lock(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
}

export async function unlock(page: Page, password: string): Promise<void> {
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}
