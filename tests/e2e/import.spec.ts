import { copyFile, mkdir, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { makeMixedCard, type FixtureCard } from '../fixtures/cards';
import { expect, screenshot, test } from './fixtures';
import { previewFolder, unitsFound } from './import-flow';
import { createVault } from './vault-flow';

function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

let work: string;
let card: FixtureCard;

test.beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kluis-e2e-card-'));
  card = makeMixedCard(join(work, 'CARD_A'));
});

test.afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

test('a card is previewed, imported, verified and wiped; the same clip again is already in the vault', async ({ app: page }) => {
  // A byte-identical copy of one clip, kept aside to put back on the card after the wipe.
  const again = 'ZOOM0001/ZOOM0001_LR.WAV';
  const saved = join(work, 'saved.wav');
  await copyFile(join(card.root, again), saved);
  const goproFiles = card.importable.filter((f) => f.startsWith('DCIM/100GOPRO/')).length;

  await createVault(page);
  await previewFolder(page, card.root);

  await expect(page.getByRole('heading', { name: `On ${card.root}` })).toBeFocused();
  await expect(unitsFound(page)).toHaveCount(8);
  await expect(unitsFound(page).filter({ hasText: 'GX010042.MP4' })).toContainText(`GoPro · ${goproFiles} files`);
  await expect(page.getByText(`8 recordings (${card.importable.length} files,`)).toBeVisible();
  await expect(page.getByText('2 files are not recordings and stay on the card')).toBeVisible();
  await expect(page.getByText('Already in vault')).toHaveCount(0);
  const wipe = page.getByRole('checkbox', { name: 'Wipe the recordings from the card once they are verified' });
  await expect(wipe).toBeChecked();
  await expect(wipe).toHaveAccessibleDescription(/not a secure erase/);
  await screenshot(page, 'import-1-preview');

  await page.getByRole('button', { name: 'Import 8 recordings' }).click();
  const report = page.getByRole('region', { name: 'Import finished' });
  await expect(report.getByRole('heading', { name: 'Import finished' })).toBeFocused({ timeout: 60_000 });
  await expect(report.getByText('8 of 8 recordings imported and verified.')).toBeVisible();
  await expect(report.getByText(`${card.importable.length} files were wiped from the card.`)).toBeVisible();
  await expect(report.getByText('2 files were not recordings and were left on the card.')).toBeVisible();
  await expect(report.getByText('Verified', { exact: true })).toHaveCount(8);
  await expect(report.getByText(/not a secure erase \(in the terms of NIST/)).toBeVisible();
  await screenshot(page, 'import-3-report');

  for (const f of card.importable) expect(await exists(join(card.root, f)), `${f} wiped`).toBe(false);
  for (const f of card.ignored) expect(await exists(join(card.root, f)), `${f} left alone`).toBe(true);

  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download the report (JSON)' }).click();
  const file = await (await download).path();
  const json = JSON.parse(await readFile(file, 'utf8')) as { totals: { verified: number; wipedFiles: number }; sourceLabel: string; cacheBypassed: boolean };
  expect(json.totals).toMatchObject({ verified: 8, wipedFiles: card.importable.length });
  expect(json.sourceLabel).toBe(basename(card.root));
  // The cache note follows the core's own flag, whichever way this machine goes.
  await expect(report.getByText(json.cacheBypassed ? /^Both checks read from the devices themselves/ : /^Some checks may have been answered from the computer's memory cache/)).toBeVisible();
  const pdfDownload = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download the report (PDF)' }).click();
  const pdf = await readFile(await (await pdfDownload).path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await report.getByRole('button', { name: 'Back to your vault' }).click();
  await expect(page.getByRole('heading', { name: 'Your vault' })).toBeFocused();
  const rows = page.getByRole('list', { name: 'Recordings' }).getByRole('listitem');
  await expect(rows).toHaveCount(8);
  await expect(rows.filter({ hasText: 'GX010042.MP4' })).toContainText(`${goproFiles} files`);
  await expect(rows.filter({ hasText: 'GX010042.MP4' })).toContainText('GoPro');
  await expect(rows.filter({ hasText: 'GX010042.MP4' })).toContainText(basename(card.root));
  await screenshot(page, 'import-4-home');

  await mkdir(dirname(join(card.root, again)), { recursive: true });
  await copyFile(saved, join(card.root, again));
  await previewFolder(page, card.root);
  await expect(unitsFound(page)).toHaveCount(1);
  await expect(unitsFound(page).first()).toContainText('Already in vault');
  await page.getByRole('button', { name: 'Import 1 recording' }).click();
  const second = page.getByRole('region', { name: 'Import finished' });
  await expect(second.getByText('1 recording was already in the vault.')).toBeVisible({ timeout: 60_000 });
  await expect(second.getByText('Already in vault', { exact: true })).toHaveCount(1);
  await expect(second.getByText('0 of 1 recordings imported and verified.')).toBeVisible();
  await second.getByRole('button', { name: 'Back to your vault' }).click();
  await expect(page.getByRole('list', { name: 'Recordings' }).getByRole('listitem')).toHaveCount(8);
});

test('a path that is not a readable folder gives a clear, translated error; the screen is in Dutch too', async ({ app: page }) => {
  await createVault(page);
  await previewFolder(page, join(work, 'no-such-card'));
  await expect(page.getByRole('alert')).toHaveText('Kluis cannot read this folder. Check that the card is in the computer and that the path is right.');
  await screenshot(page, 'import-5-bad-path');

  await page.getByLabel('Language').selectOption('nl');
  await expect(page.getByRole('heading', { name: 'Opnames importeren', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Map van de kaart (volledig pad)')).toBeVisible();
  await page.getByRole('button', { name: 'Laat zien wat erop staat' }).click();
  await expect(page.getByRole('alert')).toHaveText('Kluis kan deze map niet lezen. Controleer of de kaart in de computer zit en of het pad klopt.');

  await page.getByLabel('Map van de kaart (volledig pad)').fill(card.root);
  await page.getByRole('button', { name: 'Laat zien wat erop staat' }).click();
  await expect(page.getByRole('checkbox', { name: 'Wis de opnames van de kaart zodra ze gecontroleerd zijn' })).toBeChecked();
  await expect(page.getByRole('button', { name: '8 opnames importeren' })).toBeVisible();
  await screenshot(page, 'import-6-preview-nl');
});

test('progress shows phase, percentage, rate and time left; cancel stops the import and wipes nothing unverified', async ({ app: page }) => {
  // A sparse file reads as zeros without taking disk space, and is big enough to cancel in the middle of.
  const big = join(work, 'BIG', 'DCIM/100CANON/MVI_0002.MP4');
  const bigSize = 3 * 1024 ** 3;
  await mkdir(dirname(big), { recursive: true });
  await writeFile(big, '');
  await truncate(big, bigSize);

  await createVault(page);
  await previewFolder(page, join(work, 'BIG'));
  await page.getByRole('button', { name: 'Import 1 recording' }).click();

  await expect(page.getByRole('heading', { name: 'Importing' })).toBeFocused();
  const bar = page.getByRole('progressbar', { name: 'Importing' });
  await expect(page.getByRole('status')).toHaveText('Copying and encrypting');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(bar).toHaveAttribute('aria-valuetext', /%.*Copying and encrypting/);
  await expect(page.getByText(/MB\/s/)).toBeVisible();
  await expect(page.getByText('Now: DCIM/100CANON/MVI_0002.MP4')).toBeVisible();
  await screenshot(page, 'import-2-progress');

  await page.getByRole('button', { name: 'Cancel import' }).click();
  const report = page.getByRole('region', { name: 'Import cancelled' });
  await expect(report.getByRole('heading', { name: 'Import cancelled' })).toBeFocused({ timeout: 30_000 });
  await expect(report.getByText('Cancelled', { exact: true })).toHaveCount(1);
  await expect(report.getByText('0 files were wiped from the card.')).toBeVisible();
  // Free space is offered only after a full import: here the clip is still only on the card.
  await expect(report.getByRole('button', { name: "Overwrite the card's free space" })).toHaveCount(0);
  expect((await stat(big)).size).toBe(bigSize);

  await report.getByRole('button', { name: 'Back to your vault' }).click();
  await expect(page.getByText('The vault is empty. Recordings you import will appear here.')).toBeVisible();
});
