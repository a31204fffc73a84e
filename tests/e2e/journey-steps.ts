import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures';

/** Numbered screenshots of a journey, kept as the test's artefacts (test-results/<test>/). */
export function stepShots(testInfo: TestInfo): (page: Page, name: string) => Promise<void> {
  let n = 0;
  return async (page, name) => {
    n += 1;
    const file = testInfo.outputPath(`${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
  };
}

export function section(page: Page, name: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
}

export async function openShare(page: Page): Promise<void> {
  await section(page, 'Share');
  await expect(page.getByRole('heading', { name: 'Share', level: 1 })).toBeFocused();
}

export interface NewPerson {
  pseudonym: string;
  role: string;
  birthYear?: number;
}

/** On the People screen: adds a person; their detail opens. */
export async function addPerson(page: Page, p: NewPerson): Promise<void> {
  await page.getByRole('button', { name: 'Add person', exact: true }).first().click();
  await page.getByLabel('Pseudonym or initials').fill(p.pseudonym);
  await page.getByLabel('Role').selectOption(p.role);
  if (p.birthYear !== undefined) await page.getByLabel('Birth year (optional)').fill(String(p.birthYear));
  await page.getByRole('button', { name: 'Add person' }).last().click();
  await expect(page.getByRole('heading', { name: p.pseudonym, level: 2 })).toBeVisible();
}

export interface NewConsent {
  purpose: string;
  audience: string;
  signer: 'The person' | 'Parent or guardian';
}

/** On an open person: records a consent for one purpose and one audience. */
export async function recordConsent(page: Page, c: NewConsent): Promise<void> {
  await page.getByRole('button', { name: 'Record a consent' }).click();
  await page.getByRole('group', { name: 'Purposes' }).getByLabel(c.purpose).check();
  await page.getByRole('group', { name: 'Who may watch' }).getByLabel(c.audience).check();
  await page.getByRole('group', { name: 'Signed by' }).getByLabel(c.signer).check();
  await page.getByRole('button', { name: 'Record consent' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Consent recorded.' })).toBeVisible();
}

/** On the People screen: picks a recording, sets its purpose and retention, and says who appears in it. */
export async function describeRecording(page: Page, label: string, purpose: { purpose: string; owner: string; retention: string }, people: string[]): Promise<void> {
  await page.getByLabel('Recording', { exact: true }).selectOption({ label });
  const form = page.getByRole('form', { name: 'Purpose and retention' });
  await form.getByLabel('Purpose').selectOption(purpose.purpose);
  await form.getByLabel('Owner (responsible for deleting it)').fill(purpose.owner);
  await form.getByLabel('Retention').selectOption(purpose.retention);
  await form.getByRole('button', { name: 'Save purpose' }).click();
  await expect(form.getByRole('status')).toContainText('Saved. Kept until');
  const appear = page.getByRole('group', { name: 'Who appears' });
  for (const name of people) {
    await appear.getByLabel('Person').selectOption({ label: name });
    await appear.getByLabel('Seen or heard').selectOption('both');
    await appear.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(appear.getByRole('listitem').filter({ hasText: name })).toBeVisible();
  }
}

export interface ExportChoice {
  purpose: string;
  audience: string;
  shareKey: string;
  recipientName: string;
  senderName: string;
  outPath: string;
}

/** Opens the export form from a recording's detail panel and fills it in; returns the form. */
export async function fillExport(detail: Locator, label: string, x: ExportChoice): Promise<Locator> {
  await detail.getByRole('button', { name: 'Export a package' }).click();
  const form = detail.getByRole('form', { name: 'Export a share package' });
  await expect(form.getByRole('group', { name: 'Recordings' }).getByLabel(label)).toBeChecked();
  await form.getByLabel('Purpose').selectOption(x.purpose);
  await form.getByLabel('Who may watch').selectOption(x.audience);
  await form.getByLabel('Share key (age1…)').fill(x.shareKey);
  await form.getByLabel("Recipient's name (optional)").fill(x.recipientName);
  await form.getByLabel('Your name, as the recipient sees it').fill(x.senderName);
  await form.getByLabel('Save the package as (full path of the .age file)').fill(x.outPath);
  return form;
}

/** Moves the test host's clock (the product's, not the machine's) forward; returns its new time. */
export async function advanceClock(host: { url: string; token: string }, days: number): Promise<Date> {
  const res = await fetch(`${host.url}test/clock?advanceDays=${days}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` } });
  expect(res.status).toBe(200);
  return new Date(((await res.json()) as { now: string }).now);
}

/**
 * On a person whose consent was just withdrawn: deletes every affected recording through the
 * follow-up and its confirm step; returns the deletion confirmation.
 */
export async function deleteAfterWithdrawal(page: Page, pseudonym: string, count: number): Promise<Locator> {
  const followUp = page.getByRole('group', { name: `What happens to the recordings of ${pseudonym}?` });
  await expect(followUp.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(followUp.getByRole('group', { name: 'Recordings to delete' }).getByRole('checkbox', { checked: true })).toHaveCount(count);
  await followUp.getByRole('button', { name: `Delete ${count} recordings…` }).click();
  const yes = followUp.getByRole('button', { name: 'Yes, delete for good' });
  await expect(yes).toBeFocused();
  await yes.click();
  const done = page.getByRole('region', { name: `Deletion confirmation for ${pseudonym}` });
  await expect(done.getByRole('heading', { level: 3 })).toBeFocused({ timeout: 60_000 });
  return done;
}

/** Saves the deletion report through the browser's download and returns the PDF's text (pdftotext). */
export async function savedPdfText(page: Page, where: Locator, path: string): Promise<string> {
  const download = page.waitForEvent('download');
  await where.getByRole('button', { name: 'Save the deletion report (PDF)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kluis-deletion-.+\.pdf$/);
  await file.saveAs(path);
  expect((await readFile(path)).subarray(0, 5).toString()).toBe('%PDF-');
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}
