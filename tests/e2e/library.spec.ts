import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { importColourCard, makeColourCard } from './media-fixtures';
import { lock, STRONG, unlock } from './vault-flow';

let work: string;
let card: string;

test.beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kluis-e2e-lib-'));
  card = makeColourCard(join(work, 'CARD_L'));
});

test.afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

test('the library shows what the media side found: poster, duration, probe data; a title is renamed inline', async ({ app: page }) => {
  await importColourCard(page, card);
  const list = page.getByRole('list', { name: 'Recordings' });
  const first = list.getByRole('listitem').filter({ hasText: 'MVI_0001.MP4' });
  // Probing and posters run in the background after import; the row fills in when they land.
  await expect(first).toContainText('Plays as recorded', { timeout: 30_000 });
  await expect(first).toContainText('4 s');
  await expect(first).toContainText('Verified');
  const poster = first.getByRole('img', { name: 'Poster of MVI_0001.MP4' });
  await expect(poster).toBeVisible();
  await expect.poll(() => poster.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);

  await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
  const detail = page.getByRole('region', { name: 'Details of MVI_0001.MP4' });
  await expect(detail.getByRole('heading', { name: 'MVI_0001.MP4' })).toBeFocused();
  await expect(detail.getByText('h264 160×120')).toBeVisible();
  await expect(detail.getByText('No identifying metadata found.')).toBeVisible();
  // The scrubbing sprite: hovering the position slider shows the tile for that time.
  const slider = detail.getByRole('slider', { name: 'Position' });
  await expect.poll(() => detail.locator('video').evaluate((el) => (el as unknown as { duration: number }).duration)).toBeGreaterThan(3);
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
  const preview = detail.locator('.scrub-preview');
  await expect(preview).toBeVisible();
  const lastTile = Number(await preview.getAttribute('data-tile'));
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  // The sprite's grid comes from the media side; near the start is an early tile, near the end a late one.
  await expect.poll(async () => Number(await preview.getAttribute('data-tile'))).toBeLessThan(lastTile / 4);
  expect(lastTile).toBeGreaterThan(0);

  await first.getByRole('button', { name: 'Rename' }).click();
  // While editing, the title is an input's value, so the row is found by its textbox now.
  await list.getByRole('textbox', { name: 'New title for MVI_0001.MP4' }).fill('Les 3 rekenen');
  await list.getByRole('button', { name: 'Save' }).click();
  await expect(list.getByRole('button', { name: 'Open Les 3 rekenen' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details of Les 3 rekenen' }).getByRole('heading', { name: 'Les 3 rekenen' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search recordings' }).fill('rekenen');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Grid' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await screenshot(page, 'library-1');
});

test('unlocking asks for the library once: one library.query for the first page, and one more per new search', async ({ app: page }) => {
  await importColourCard(page, card);
  const list = page.getByRole('list', { name: 'Recordings' });
  // Background probing refreshes the rows; it must be over before counting.
  for (const clip of ['MVI_0001.MP4', 'MVI_0002.MP4']) await expect(list.getByRole('listitem').filter({ hasText: clip })).toContainText('Plays as recorded', { timeout: 30_000 });
  await lock(page);
  const queries: unknown[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/library.query') queries.push(r.postDataJSON());
  });
  await unlock(page, STRONG);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.waitForLoadState('networkidle');
  expect(queries).toEqual([{ sort: 'capturedAt', dir: 'desc', offset: 0, limit: 100 }]);

  await page.getByRole('searchbox', { name: 'Search recordings' }).fill('MVI_0002');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.waitForLoadState('networkidle');
  expect(queries).toHaveLength(2);
  expect(queries[1]).toMatchObject({ search: 'MVI_0002', offset: 0 });
});

test('10,000 recordings: only the rows in view are in the page, and the end of the list is reachable', async ({ app: page, host }) => {
  await importColourCard(page, card);
  // The same rows the core's own 10,000-row test uses, written straight into the open catalog,
  // marked as examined so the background queue leaves them alone.
  const db = host.service.openVault.catalog;
  const importId = (db.prepare('SELECT id FROM imports LIMIT 1').get() as { id: string }).id;
  db.transaction(() => {
    const rec = db.prepare("INSERT INTO recordings (id, label, layout, unit_key, import_id, source_label, captured_at, imported_at, state) VALUES (?, ?, 'dcf', ?, ?, 'BULK', ?, ?, 'verified')");
    const info = db.prepare("INSERT INTO media_info (recording_id, status, playability, duration_sec, proxy_status) VALUES (?, 'ready', 'original', 60, 'not-needed')");
    for (let i = 0; i < 10_000; i++) {
      const id = `rec_${(0xb000000 + i).toString(16).padStart(16, '0')}`;
      const at = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
      rec.run(id, `BULK_${String(i).padStart(5, '0')}.MP4`, `bulk${i}`, importId, at, at);
      info.run(id);
    }
  })();

  await page.getByRole('button', { name: 'Import recordings' }).click();
  await page.getByRole('button', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { name: 'Recordings (10,002 recordings)' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Recordings' });
  await expect(list.getByRole('listitem').first()).toContainText('MVI_000');
  // How fast is for `npm run bench` (libraryQuery10k, unlockToLibrary): a wall-clock limit here
  // failed one run in four on a loaded machine and measured the machine, not the library.
  expect(await list.getByRole('listitem').count()).toBeLessThan(60);
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '10002');

  // Oldest last: scrolling to the end fetches the last page and shows the oldest bulk row.
  await page.locator('.lib-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(list.getByRole('listitem').filter({ hasText: 'BULK_00000.MP4' })).toBeVisible();
  await expect(list.getByRole('listitem').last()).toHaveAttribute('aria-posinset', '10002');
  expect(await list.getByRole('listitem').count()).toBeLessThan(60);

  await page.getByRole('searchbox', { name: 'Search recordings' }).fill('BULK_09999');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search recordings' }).fill('');
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('title');
  await page.getByRole('checkbox', { name: 'Newest or largest first' }).uncheck();
  await expect(list.getByRole('listitem').first()).toContainText('BULK_00000.MP4');
  await screenshot(page, 'library-2-10000');
});

test('coverage badge per row: needs attention without a purpose, covered once set, blocked with health data (U2); nl and en', async ({ app: page }) => {
  await importColourCard(page, card);
  const list = page.getByRole('list', { name: 'Recordings' });
  const row = list.getByRole('listitem').filter({ hasText: 'MVI_0001.MP4' });
  const badge = row.getByTestId('coverage-badge');
  await expect(badge).toHaveText('Consent: Needs attention: no purpose set yet');
  await expect(badge).toHaveAttribute('title', 'no purpose set yet');

  await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
  const detail = page.getByRole('region', { name: 'Details of MVI_0001.MP4' });
  const purpose = detail.getByRole('form', { name: 'Purpose and retention' });
  await purpose.getByLabel('Owner (responsible for deleting it)').fill('Docent Jansen');
  await purpose.getByLabel('Retention').selectOption('reflection');
  await purpose.getByRole('button', { name: 'Save purpose' }).click();
  await expect(purpose.getByRole('status')).toContainText('Saved. Kept until');
  // H4: situation 3 (outside any school) reminds the student to tell people they may withdraw.
  await expect(detail.getByTestId('withdraw-reminder')).toHaveCount(0);
  await purpose.getByLabel('Situation').selectOption('outside-school');
  await purpose.getByRole('button', { name: 'Save purpose' }).click();
  await expect(detail.getByTestId('withdraw-reminder')).toContainText('may withdraw their consent at any time (H4)');
  await detail.getByRole('button', { name: 'Close' }).first().click();
  await expect(badge).toHaveText('Consent: Covered: purpose set, nobody marked as appearing');

  await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
  await purpose.getByLabel('Contains health data (special category)').check();
  await purpose.getByRole('button', { name: 'Save purpose' }).click();
  await expect(purpose.getByRole('status')).toContainText('Saved. Kept until');
  await detail.getByRole('button', { name: 'Close' }).first().click();
  await expect(badge).toContainText('Blocked: contains health data');

  await page.getByLabel('Language').selectOption('nl');
  // the list's own name is Dutch now: the row is found by its title
  await expect(page.getByRole('listitem').filter({ hasText: 'MVI_0001.MP4' }).getByTestId('coverage-badge')).toContainText('Toestemming: Geblokkeerd: bevat gezondheidsgegevens');
  await page.getByLabel('Taal').selectOption('en');
  await screenshot(page, 'library-badge');
});

test('H7, R7: a recording past its deadline is deleted automatically at the next unlock, and the library says what went and why', async ({ app: page }) => {
  await importColourCard(page, card);
  const list = page.getByRole('list', { name: 'Recordings' });
  await list.getByRole('button', { name: 'Open MVI_0001.MP4' }).click();
  const detail = page.getByRole('region', { name: 'Details of MVI_0001.MP4' });
  const purpose = detail.getByRole('form', { name: 'Purpose and retention' });
  await purpose.getByLabel('Owner (responsible for deleting it)').fill('Docent Jansen');
  await purpose.getByLabel('Retention').selectOption('custom');
  await purpose.getByLabel('Delete on').fill('2020-01-31');
  await purpose.getByRole('button', { name: 'Save purpose' }).click();
  await expect(purpose.getByRole('status')).toContainText('Saved. Kept until');
  await detail.getByRole('button', { name: 'Close' }).first().click();
  await expect(list.getByRole('listitem').filter({ hasText: 'MVI_0001.MP4' }).getByTestId('coverage-badge')).toContainText('past its retention deadline');

  await lock(page);
  await unlock(page, STRONG);
  const notice = page.getByRole('status').filter({ hasText: 'Kluis deleted 1 recording whose retention period had ended' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('MVI_0001.MP4');
  await expect(notice).toContainText('Custom deadline');
  await expect(list.getByRole('listitem').filter({ hasText: 'MVI_0001.MP4' })).toHaveCount(0);
  await expect(list.getByRole('listitem').filter({ hasText: 'MVI_0002.MP4' })).toHaveCount(1);
  await screenshot(page, 'library-retention-notice');
  await notice.getByRole('button', { name: 'I have read this' }).click();
  await expect(notice).toHaveCount(0);
});
