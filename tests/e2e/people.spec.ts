import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { importColourCard, makeColourCard } from './media-fixtures';
import { createVault } from './vault-flow';

test('people: add a person and a consent, withdraw it in one confirmed action (R1); the audit log lists it and its chain is intact', async ({ app: page }) => {
  await createVault(page);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'People' }).click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  await expect(page.getByText('No people yet.')).toBeVisible();

  // A pseudonym is all it takes (R10); a birth year that may mean under 16 asks for a guardian (R2, H1).
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.getByLabel('Pseudonym or initials').fill('A.B.');
  await page.getByLabel('Role').selectOption('pupil');
  const guardian = page.getByText('a parent or guardian must sign their consent');
  await page.getByLabel('Birth year (optional)').fill(String(new Date().getFullYear() - 17));
  await expect(guardian).toHaveCount(0);
  // Born 16 years ago may still be 15 (R2, H1): the cautious reading, as the core's.
  await page.getByLabel('Birth year (optional)').fill(String(new Date().getFullYear() - 16));
  await expect(guardian).toBeVisible();
  await page.getByLabel('Birth year (optional)').fill(String(new Date().getFullYear() - 12));
  await expect(guardian).toBeVisible();
  await page.getByRole('button', { name: 'Add person' }).last().click();

  const list = page.getByRole('list', { name: 'Everyone' });
  await expect(list.getByRole('button', { name: /A\.B\..*Pupil/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'A.B.', level: 2 })).toBeFocused();

  // Consent intake: the signer starts at the guardian for an under-16, and "the person" alone is refused.
  await page.getByRole('button', { name: 'Record a consent' }).click();
  await expect(page.getByText('a parent or guardian must sign.')).toBeVisible();
  await page.getByRole('group', { name: 'Purposes' }).getByLabel('Reflection').check();
  await page.getByRole('group', { name: 'Who may watch' }).getByLabel('Supervisor').check();
  const submit = page.getByRole('button', { name: 'Record consent' });
  await page.getByRole('group', { name: 'Signed by' }).getByLabel('The person').check();
  await expect(submit).toBeDisabled();
  await page.getByRole('group', { name: 'Signed by' }).getByLabel('Parent or guardian').check();
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByRole('status').filter({ hasText: 'Consent recorded.' })).toBeVisible();

  const row = page.getByTestId('consent-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Reflection');
  await expect(row).toContainText('Supervisor');
  await expect(row).toContainText('Parent or guardian');
  await expect(row).toContainText('Active');
  await screenshot(page, 'people-consent');

  // Withdrawal: one button, one confirmation that says what it touches, no reason asked.
  // By keyboard alone: Enter on Withdraw, then Enter on the confirming button, which has the focus.
  await row.getByRole('button', { name: 'Withdraw' }).focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('group', { name: 'Withdraw this consent of A.B.?' });
  await expect(confirm).toContainText('appears in no recordings yet');
  await expect(confirm.getByRole('button', { name: 'Withdraw consent' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Consent withdrawn.' })).toBeVisible();
  await expect(row).toContainText('Withdrawn');
  await expect(row.getByRole('button', { name: 'Withdraw' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'A.B.', level: 2 })).toBeFocused();

  // The same screen in Dutch.
  await page.getByLabel('Language').selectOption('nl');
  await expect(page.getByRole('heading', { name: 'Personen', level: 1 })).toBeVisible();
  await expect(row).toContainText('Ingetrokken');
  await expect(row).toContainText('Reflectie');
  await page.getByLabel('Taal').selectOption('en');

  // The audit log shows what happened, and its hash chain holds.
  await nav.getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Audit log entries, newest first' });
  await expect(table).toBeVisible();
  const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
  expect(actions.some((a) => /person/.test(a)), actions.join(' ')).toBe(true);
  expect(actions.some((a) => /withdraw/.test(a)), actions.join(' ')).toBe(true);
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The chain is intact' })).toBeVisible();
  await screenshot(page, 'audit');
});

test('consent per recording: purpose with its retention rule, who appears, coverage per person; withdrawal lists the recording (R1, H7)', async ({ app: page }) => {
  const work = await mkdtemp(join(tmpdir(), 'kluis-e2e-people-'));
  try {
    await importColourCard(page, makeColourCard(join(work, 'CARD_C')));
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('button', { name: 'People' }).click();

    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByLabel('Pseudonym or initials').fill('K.L.');
    await page.getByLabel('Role').selectOption('student');
    await page.getByRole('button', { name: 'Add person' }).last().click();
    await expect(page.getByRole('heading', { name: 'K.L.', level: 2 })).toBeVisible();
    await page.getByRole('button', { name: 'Record a consent' }).click();
    await page.getByRole('group', { name: 'Purposes' }).getByLabel('Reflection').check();
    await page.getByRole('group', { name: 'Who may watch' }).getByLabel('Supervisor').check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Consent recorded.' })).toBeVisible();

    const select = page.getByLabel('Recording', { exact: true });
    const first = (await select.locator('option').nth(1).textContent())!;
    await select.selectOption({ label: first });

    const purpose = page.getByRole('form', { name: 'Purpose and retention' });
    await expect(purpose).toContainText('no purpose yet');
    await purpose.getByLabel('Purpose').selectOption('reflection');
    await purpose.getByLabel('Owner (responsible for deleting it)').fill('Docent Jansen');
    const retention = purpose.getByLabel('Retention');
    await retention.selectOption('reflection');
    await expect(retention).toHaveAccessibleDescription(/rule H7/);
    await purpose.getByRole('button', { name: 'Save purpose' }).click();
    await expect(purpose.getByRole('status')).toContainText('Saved. Kept until');

    const appear = page.getByRole('group', { name: 'Who appears' });
    await appear.getByLabel('Person').selectOption({ label: 'K.L.' });
    await appear.getByLabel('Seen or heard').selectOption('heard');
    await appear.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(appear.getByRole('listitem')).toHaveText('K.L. · heard');

    const cov = page.getByRole('group', { name: 'Coverage check' });
    await cov.getByLabel('Purpose').selectOption('reflection');
    await cov.getByLabel('Who may watch').selectOption('supervisor');
    await cov.getByRole('button', { name: 'Check coverage' }).click();
    await expect(cov.getByRole('status')).toContainText('Everyone is covered');
    await expect(cov.getByRole('row', { name: /K\.L\./ })).toContainText('by their consent');

    await cov.getByLabel('Who may watch').selectOption('class');
    await cov.getByRole('button', { name: 'Check coverage' }).click();
    await expect(cov.getByRole('status')).toContainText('Not everyone is covered');
    await expect(cov.getByRole('row', { name: /K\.L\./ })).toContainText('Not covered');
    await expect(cov.getByRole('row', { name: /K\.L\./ })).toContainText('audience not covered');

    // Withdrawal names the recording the person appears in, before it happens.
    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /K\.L\./ }).click();
    await page.getByTestId('consent-row').getByRole('button', { name: 'Withdraw' }).click();
    const confirm = page.getByRole('group', { name: 'Withdraw this consent of K.L.?' });
    await expect(confirm.getByRole('list', { name: 'Affected recordings' }).getByRole('listitem')).toHaveText([first]);
    await confirm.getByRole('button', { name: 'Withdraw consent' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'It affects 1 recording.' })).toBeVisible();

    await cov.getByLabel('Who may watch').selectOption('supervisor');
    await cov.getByRole('button', { name: 'Check coverage' }).click();
    await expect(cov.getByRole('row', { name: /K\.L\./ })).toContainText('consent withdrawn');
    await screenshot(page, 'people-recording');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

/** a real 2×2 PNG, so the viewer's image actually decodes */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

test('consent forms are viewable from memory (R3), PDFs only as a warned copy; a session plan gives H3 camera advice (R4)', async ({ app: page }) => {
  const work = await mkdtemp(join(tmpdir(), 'kluis-e2e-forms-'));
  try {
    await writeFile(join(work, 'scan.png'), PNG);
    await writeFile(join(work, 'form.pdf'), '%PDF-1.4\n% signed\n');
    await createVault(page);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'People' }).click();
    for (const [name, form] of [['P1', 'scan.png'], ['P2', 'form.pdf'], ['P3', null]] as const) {
      await page.getByRole('button', { name: 'Add person', exact: true }).first().click();
      await page.getByLabel('Pseudonym or initials').fill(name);
      await page.getByLabel('Role').selectOption('student');
      await page.getByRole('button', { name: 'Add person' }).last().click();
      await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
      if (!form) continue;
      await page.getByRole('button', { name: 'Record a consent' }).click();
      await page.getByRole('group', { name: 'Purposes' }).getByLabel('Reflection').check();
      await page.getByRole('group', { name: 'Who may watch' }).getByLabel('Supervisor').check();
      await page.getByLabel(/signed form/i).fill(join(work, form));
      await page.getByRole('button', { name: 'Record consent' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Consent recorded.' })).toBeVisible();
    }

    // P2's PDF: not shown inside the app; saving a copy warns that it is not encrypted.
    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /P2/ }).click();
    await page.getByTestId('consent-row').getByRole('button', { name: 'View form' }).click();
    const pdfViewer = page.getByRole('group', { name: 'Signed consent form of P2' });
    await expect(pdfViewer).toContainText('This form is a PDF');
    await pdfViewer.getByRole('button', { name: 'Save a copy…' }).click();
    await expect(pdfViewer).toContainText('is NOT encrypted');
    const download = page.waitForEvent('download');
    await pdfViewer.getByRole('link', { name: 'Save unencrypted copy' }).click();
    expect((await download).suggestedFilename()).toBe('consent-form.pdf');
    await pdfViewer.getByRole('button', { name: 'Close form' }).click();

    // P1's scan shows as an image from an object URL (no file, CSP img-src blob:).
    await page.getByRole('list', { name: 'Everyone' }).getByRole('button', { name: /P1/ }).click();
    await page.getByTestId('consent-row').getByRole('button', { name: 'View form' }).click();
    const img = page.getByRole('img', { name: 'Scan of the signed consent form of P1' });
    await expect(img).toBeVisible();
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(2);

    // Each view is in the audit log.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log entries, newest first' });
    await expect(table.getByRole('cell', { name: 'consent.formViewed', exact: true })).toHaveCount(2);

    // H3: two of three consented to reflection with the supervisor: most, so the others go out of view; no 360°.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'People' }).click();
    const plan = page.getByRole('region', { name: 'Plan a session' });
    // nobody ticked yet: a hint, not "Everyone consented ... 0 of 0 people"
    await expect(plan.getByText('Tick who will be present to see what you may film.')).toBeVisible();
    await expect(plan.getByTestId('camera-advice')).toHaveCount(0);
    for (const name of ['P1', 'P2']) await plan.getByLabel(name, { exact: true }).check();
    const advice = plan.getByTestId('camera-advice');
    await expect(advice).toContainText('Everyone consented: film freely.');
    await plan.getByLabel('P3', { exact: true }).check();
    await expect(advice).toContainText('Most consented: place the others out of view');
    await expect(advice).toContainText('No consent for this use: P3.');
    await plan.getByLabel('I want to use a 360° camera').check();
    await expect(advice).toContainText('allowed only when everyone consented');
    await plan.getByLabel('Who may watch').selectOption('class');
    await expect(advice).toContainText('Few consented: film only yourself.');
    await plan.getByLabel('Session name').fill('Lesson 4');
    await plan.getByRole('button', { name: 'Save plan' }).click();
    await expect(plan.getByTestId('session-plan')).toContainText('Lesson 4');
    await expect(plan.getByTestId('session-plan')).toContainText('0 of 3');

    await page.getByLabel('Language').selectOption('nl');
    await expect(page.getByRole('region', { name: 'Een sessie plannen' }).getByTestId('camera-advice')).toContainText('film alleen jezelf');
    await page.getByLabel('Taal').selectOption('en');
    await screenshot(page, 'people-plan');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
