import { expect, test } from './fixtures';
import { createVault, STRONG, unlock } from './vault-flow';

/**
 * The idle lock is the core's loop (startIdleLock) that the desktop app runs on the OS's idle
 * time; the test host runs it on page activity and lets a test declare time away instead of
 * waiting minutes. What is tested is the real decision and what the page does after it.
 */
async function declareAway(host: { url: string; token: string }, seconds: number): Promise<void> {
  const res = await fetch(`${host.url}test/idle?seconds=${seconds}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` } });
  expect(res.status).toBe(200);
}

test('the chosen auto-lock delay is kept in the vault and locks the page when away that long (R9)', async ({ app: page, host }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const delay = page.getByLabel('Lock Kluis when unattended for');
  await expect(delay).toHaveValue('5');
  await delay.selectOption('2');
  await expect(page.getByRole('status')).toHaveText('Saved.');

  // away for less than the delay: stays open
  await declareAway(host, 90);
  await page.waitForTimeout(1000);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  // away for the delay: the vault locks and the page shows the unlock screen, nothing of the vault
  await declareAway(host, 121);
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible({ timeout: 5000 });
  await expect(page.getByRole('button', { name: 'Settings' })).toHaveCount(0);
  expect(await host.service.handlers['app.status']({})).toMatchObject({ vault: 'locked' });

  // the delay survived the lock: it lives in the encrypted catalog
  await unlock(page, STRONG);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Lock Kluis when unattended for')).toHaveValue('2');
});
