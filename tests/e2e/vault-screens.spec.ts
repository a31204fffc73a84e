import { expect, screenshot, test } from './fixtures';
import { createVault, lock, STRONG, STRONG_2, STRONG_3, unlock } from './vault-flow';

test('a weak password is refused; a strong one creates the vault, whose key must be confirmed', async ({ app: page }) => {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const create = page.getByRole('button', { name: 'Create vault' });

  await page.getByLabel('Password', { exact: true }).fill('password123');
  await page.getByLabel('Repeat the password').fill('password123');
  await expect(page.getByText(/Strength: (very )?weak/)).toBeVisible();
  await expect(page.getByText('Not strong enough yet.')).toBeVisible();
  await expect(create).toBeDisabled();
  await screenshot(page, '1-create-weak');

  // Strong but not repeated the same: still refused.
  await page.getByLabel('Password', { exact: true }).fill(STRONG);
  await page.getByLabel('Repeat the password').fill(`${STRONG}x`);
  await expect(page.getByText('Strong enough.')).toBeVisible();
  await expect(page.getByText('The passwords do not match.')).toBeVisible();
  await expect(create).toBeDisabled();
  await page.getByLabel('Password', { exact: true }).fill('');

  await createVault(page, STRONG);
  await expect(page.getByText('The vault is empty. Recordings you import will appear here.')).toBeVisible();
  await screenshot(page, '3-home-empty');
});

test('the core itself refuses a weak password, whatever the page does', async ({ host }) => {
  const res = await fetch(`${host.url}api/vault.create`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ password: 'password123' }),
  });
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
});

test('lock, a wrong password is refused, the right one unlocks', async ({ app: page }) => {
  await createVault(page);
  await lock(page);
  await screenshot(page, '4-unlock');

  await unlock(page, 'Not-the-right-password-1');
  await expect(page.getByRole('alert')).toHaveText(/The password is wrong/);
  await screenshot(page, '5-unlock-wrong');
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();

  await unlock(page, STRONG);
  await expect(page.getByRole('heading', { name: 'Your vault' })).toBeVisible();
});

test('a lock from elsewhere (the vault.locked event) returns to unlock and clears the screen', async ({ app: page, host }) => {
  await createVault(page);
  await host.service.lock('idle');
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('The vault was locked because it was not used for a while.');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
});

test('change password: the new one unlocks, the old one no longer does', async ({ app: page }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Change password' }).click();
  const panel = page.getByRole('region', { name: 'Change password' });
  await panel.getByLabel('Current password').fill('Wrong-current-password-9');
  await panel.getByLabel('New password').fill(STRONG_2);
  await panel.getByLabel('Repeat the password').fill(STRONG_2);
  const save = panel.getByRole('button', { name: 'Save new password' });
  await expect(save).toBeEnabled();
  await screenshot(page, '6-change-password');
  await save.click();
  await expect(panel.getByRole('alert')).toHaveText('The current password is wrong; the password was not changed.');

  await panel.getByLabel('Current password').fill(STRONG);
  await save.click();
  await expect(page.getByRole('status')).toHaveText(/Your password has been changed/);

  await lock(page);
  await unlock(page, STRONG);
  await expect(page.getByRole('alert')).toHaveText(/The password is wrong/);
  await unlock(page, STRONG_2);
  await expect(page.getByRole('heading', { name: 'Your vault' })).toBeVisible();
});

test('recover with the recovery key from the screen sets a new password', async ({ app: page }) => {
  const key = await createVault(page);
  await lock(page);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Set a new password with your recovery key' })).toBeVisible();

  // One wrong character in a group breaks the checksum: reported as a typo before any key work.
  const typo = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');
  await page.getByLabel('Recovery key').fill(typo);
  await page.getByLabel('New password').fill(STRONG_3);
  await page.getByLabel('Repeat the password').fill(STRONG_3);
  const submit = page.getByRole('button', { name: 'Set new password' });
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByRole('alert')).toHaveText(/typo/);
  await screenshot(page, '7-recover');

  // Reading is forgiving: lower case and no dashes still work.
  await page.getByLabel('Recovery key').fill(key.replaceAll('-', ' ').toLowerCase());
  await submit.click();
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Your new password is set. Unlock the vault with it.');

  await unlock(page, STRONG);
  await expect(page.getByRole('alert')).toHaveText(/The password is wrong/);
  await unlock(page, STRONG_3);
  await expect(page.getByRole('heading', { name: 'Your vault' })).toBeVisible();
});

test('Dutch: the switch translates every screen, sets <html lang> and is remembered', async ({ app: page }) => {
  await page.getByLabel('Language').selectOption('nl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { name: 'Maak je kluis aan' })).toBeVisible();
  await page.getByLabel('Wachtwoord', { exact: true }).fill('welkom123');
  await expect(page.getByText(/Sterkte: (zeer )?zwak/)).toBeVisible();
  await screenshot(page, '8-create-dutch');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Maak je kluis aan' })).toBeVisible();
  await expect(page.getByLabel('Taal')).toHaveValue('nl');

  await page.getByLabel('Wachtwoord', { exact: true }).fill(STRONG);
  await page.getByLabel('Herhaal het wachtwoord').fill(STRONG);
  await page.getByRole('button', { name: 'Kluis aanmaken' }).click();
  const key = (await page.getByTestId('recovery-key').textContent())!.trim();
  await page.getByLabel('Typ de laatste groep van vier tekens van de sleutel om verder te gaan').fill(key.slice(-4));
  await page.getByRole('button', { name: 'Ik heb de sleutel bewaard, verder' }).click();
  await expect(page.getByText('De kluis is leeg. Opnames die je importeert, verschijnen hier.')).toBeVisible();
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await page.getByLabel('Wachtwoord', { exact: true }).fill('Fout-wachtwoord-12345');
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Het wachtwoord klopt niet/);
  await screenshot(page, '9-unlock-dutch');
});

test('the token leaves the address bar but survives a reload', async ({ app: page, host }) => {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  expect(page.url()).toBe(host.url);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
});
