import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** From home: open the import screen and ask for a preview of a folder by its path (the test host has no picker). */
export async function previewFolder(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Import recordings' }).click();
  await expect(page.getByRole('heading', { name: 'Import recordings', level: 1 })).toBeFocused();
  await page.getByLabel('Folder of the card (full path)').fill(path);
  await page.getByRole('button', { name: 'Show what is on it' }).click();
}

export function unitsFound(page: Page) {
  return page.getByRole('list', { name: 'Recordings found' }).getByRole('listitem');
}
