import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeClip, makeMixedCard } from '../fixtures/cards';
import { expect, screenshot, test } from './fixtures';
import { previewFolder } from './import-flow';
import { createVault } from './vault-flow';

// A small tmpfs stands in for the card: its free space is real and small enough to fill in a
// test, and remounting it read-only is a write-protected card. Root in a sandbox may not be
// allowed to mount; then these cases cannot be staged and are skipped.
let work: string;

function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

const mounted: string[] = [];

function mountCard(dir: string, size: string): boolean {
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status !== 0) return false;
  mounted.push(dir);
  return true;
}

test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kluis-e2e-free-'));
});

test.afterAll(async () => {
  for (const dir of mounted.reverse()) spawnSync('umount', ['-l', dir]);
  await rm(work, { recursive: true, force: true });
});

test("after a full import with wipe, the card's free space is overwritten and no filler is left behind", async ({ app: page }) => {
  const root = join(work, 'CARD_F');
  await mkdir(root);
  test.skip(!mountCard(root, '16m'), 'cannot mount a tmpfs here (needs root allowed to mount)');
  const card = makeMixedCard(root);

  await createVault(page);
  await previewFolder(page, card.root);
  await page.getByRole('button', { name: 'Import 8 recordings' }).click();
  const report = page.getByRole('region', { name: 'Import finished' });
  await expect(report.getByRole('heading', { name: 'Import finished' })).toBeFocused({ timeout: 60_000 });
  await expect(report.getByText(`${card.importable.length} files were wiped from the card.`)).toBeVisible();

  const free = report.getByRole('region', { name: 'Free space on the card' });
  const button = free.getByRole('button', { name: "Overwrite the card's free space" });
  await expect(button).toHaveAccessibleDescription(/fill all free space on the card with zeros.*not a secure erase.*long time on a big card/);
  await screenshot(page, 'import-7-free-space-offer');

  // Every progress value the bar shows is recorded in the page: 16 MB is filled faster than a
  // poll could look. A string, because this file is type-checked without the DOM library.
  await page.evaluate(`(() => {
    window.seen = [];
    new MutationObserver(() => {
      const v = document.querySelector('[role=progressbar][aria-valuenow]')?.getAttribute('aria-valuenow');
      if (v) window.seen.push(v);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  await button.click();
  await expect(free.getByRole('status')).toHaveText(/^Done: [\d.]+ MB of free space was overwritten with zeros, and the filler was deleted again\.$/, { timeout: 60_000 });
  await expect(free.getByRole('heading', { name: 'Free space on the card' })).toBeFocused();
  await expect(free.getByRole('button')).toHaveCount(0);
  const seen = (await page.evaluate('window.seen')) as string[];
  expect(seen.length, 'the progress bar showed at least one value').toBeGreaterThan(0);
  await screenshot(page, 'import-8-free-space-done');

  expect((await readdir(root)).filter((n) => n.startsWith('.kluis-free-space-'))).toEqual([]);
  // What the import left alone is still there; deleting the filler took nothing else with it.
  for (const f of card.ignored) expect(await exists(join(root, f)), `${f} left alone`).toBe(true);
  await expect(report.getByRole('button', { name: 'Back to your vault' })).toBeEnabled();

  await page.getByLabel('Language').selectOption('nl');
  await expect(page.getByRole('region', { name: 'Vrije ruimte op de kaart' }).getByRole('status')).toHaveText(/^Klaar: [\d,]+ MB vrije ruimte is met nullen overschreven/);
});

test('a write-protected card: the file error is said in English and Dutch, the core sentence stays as detail, no free-space offer', async ({ app: page }) => {
  const root = join(work, 'CARD_RO');
  await mkdir(root);
  test.skip(!mountCard(root, '4m'), 'cannot mount a tmpfs here (needs root allowed to mount)');
  const rel = 'DCIM/100CANON/MVI_0007.MP4';
  makeClip(join(root, rel), { seed: 41 });
  expect(spawnSync('mount', ['-o', 'remount,ro', root]).status).toBe(0);

  await createVault(page);
  await previewFolder(page, root);
  await page.getByRole('button', { name: 'Import 1 recording' }).click();
  const report = page.getByRole('region', { name: 'Import finished with problems' });
  await expect(report.getByRole('heading', { name: 'Import finished with problems' })).toBeFocused({ timeout: 60_000 });
  const problems = report.getByRole('list', { name: 'Problems with MVI_0007.MP4' });
  await expect(problems).toContainText(`The card is write-protected: ${rel} was verified but not wiped.`);
  const detail = problems.locator('details');
  await detail.getByText('Technical detail (in English)').click();
  await expect(detail.locator('p[lang="en"]')).toContainText('EROFS');
  await expect(report.getByRole('button', { name: "Overwrite the card's free space" })).toHaveCount(0);

  await page.getByLabel('Language').selectOption('nl');
  await expect(page.getByRole('list', { name: 'Problemen met MVI_0007.MP4' })).toContainText(`De kaart is beveiligd tegen schrijven: ${rel} is gecontroleerd maar niet gewist.`);
  await expect(page.getByText('Technische details (in het Engels)')).toBeVisible();
  await screenshot(page, 'import-9-write-protected-nl');
});
