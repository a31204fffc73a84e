import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { importColourCard, makeColourCard } from './media-fixtures';
import { createVault } from './vault-flow';

async function axe(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad, `axe on the ${screen}`).toEqual([]);
}

async function section(page: Page, name: 'Share' | 'Library'): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();
}

/** Opens the recording's detail panel in the library and its handover form. */
async function handoverForm(page: Page, label: string): Promise<{ detail: Locator; form: Locator }> {
  await section(page, 'Library');
  await page.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: `Open ${label}` }).click();
  const detail = page.getByRole('region', { name: `Details of ${label}` });
  await detail.getByRole('button', { name: 'Hand over to a colleague' }).click();
  const form = detail.getByRole('form', { name: `Hand over ${label} to a colleague` });
  await expect(form.getByRole('heading', { name: `Hand over ${label} to a colleague` })).toBeFocused();
  return { detail, form };
}

/** B's vault, made now, and the share key its Share screen shows (what a colleague gives once). */
async function colleagueKey(pageB: Page): Promise<string> {
  await createVault(pageB);
  await section(pageB, 'Share');
  const keyText = pageB.getByTestId('share-key');
  await expect(keyText).toHaveText(/^age1[02-9ac-hj-np-z]{58}$/);
  return (await keyText.textContent())!.trim();
}

async function fill(form: Locator, key: string, out: string): Promise<void> {
  await form.getByLabel('Your colleague\'s share key (age1…)').fill(key);
  await form.getByLabel('Your colleague\'s name').fill('Docent Jansen');
  await form.getByLabel('Reason for the handover').fill('graduated');
  await form.getByLabel('Your name, as your colleague sees it').fill('Student Kim');
  await form.getByLabel('Save the handover package as (full path of the .age file)').fill(out);
}

test('handover (U5): A hands a recording with its person and consent to B and no longer has it; B owns it; a recording without a purpose is refused and kept', async ({ app: pageA, host: hostA, other }) => {
  const tmp = await mkdtemp(join(tmpdir(), 'kluis-handover-e2e-'));
  const { page: pageB } = other;
  try {
    const key = await colleagueKey(pageB);

    // A: two recordings; the first gets a purpose and retention and a person with consent, the second nothing.
    await importColourCard(pageA, makeColourCard(join(tmp, 'card')));
    const h = hostA.service.handlers;
    const byLabel = new Map((await h['recordings.list']({})).recordings.map((r) => [r.label, r]));
    const rec = byLabel.get('MVI_0001.MP4')!;
    const bare = byLabel.get('MVI_0002.MP4')!;
    const person = await h['persons.add']({ pseudonym: 'K.L.', role: 'client', consentHolder: 'self' });
    await h['consents.add']({ personId: person.id, purposes: ['teaching'], audiences: ['class'], signedBy: 'person', signedAt: '2026-03-01' });
    await h['appearances.add']({ recordingId: rec.id, personId: person.id, presence: 'both' });
    await h['recordings.setPurpose']({ recordingId: rec.id, purpose: 'teaching', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'Student Kim', retentionPreset: 'psychology-teaching' });

    // Refused: no purpose or retention yet. The core's sentence says why, nothing is written or deleted.
    const refusedOut = join(tmp, 'refused.age');
    const { form: refusedForm } = await handoverForm(pageA, bare.label);
    await fill(refusedForm, key, refusedOut);
    const submit = refusedForm.getByRole('button', { name: 'Hand over' });
    await expect(submit).toBeDisabled();
    const understand = refusedForm.getByRole('checkbox', { name: /^I understand: after the package has been checked, this recording \(and its redacted versions\) is deleted from my vault\. The package is then the only copy; give it to my colleague\.$/ });
    await understand.focus();
    await pageA.keyboard.press('Space');
    await expect(understand).toBeChecked();
    await expect(submit).toBeEnabled();
    await submit.click();
    const alert = refusedForm.getByRole('alert');
    await expect(alert).toContainText('Not handed over; nothing was deleted from your vault.');
    await expect(alert).toContainText(`${bare.label} (${bare.id}) has no purpose and retention yet; set them first`);
    await axe(pageA, 'handover form with a refusal');
    await screenshot(pageA, 'handover-refused');
    expect(existsSync(refusedOut)).toBe(false);
    await expect(pageA.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: `Open ${bare.label}` })).toHaveCount(1);

    // Handed over: the package is checked, then the recording leaves A's vault.
    const out = join(tmp, 'for-jansen.age');
    const { detail, form } = await handoverForm(pageA, rec.label);
    await fill(form, key, out);
    await form.getByRole('checkbox', { name: /^I understand/ }).check();
    await axe(pageA, 'handover form');
    await form.getByRole('button', { name: 'Hand over' }).click();
    const done = detail.getByTestId('handover-done');
    await expect(done.getByRole('heading', { name: `${rec.label} is handed over to Docent Jansen` })).toBeFocused({ timeout: 60_000 });
    await expect(done).toContainText(`The package is saved at ${out} (`);
    await expect(done).toContainText('1 recording and 1 person moved in it; ownership and the duty to delete are now Docent Jansen\'s.');
    await expect(done).toContainText('then the recording was deleted from your vault');
    await expect(pageA.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: `Open ${rec.label}` })).toHaveCount(0);
    await expect(pageA.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: `Open ${bare.label}` })).toHaveCount(1);
    await axe(pageA, 'handover confirmation');
    await screenshot(pageA, 'handover-done');
    await done.getByRole('button', { name: 'Close' }).click();
    await expect(done).toHaveCount(0);

    // B opens it on the Share screen: the recording is B's now, with the duty to delete it.
    await pageB.getByLabel('Package file (full path)').fill(out);
    await pageB.getByRole('button', { name: 'Open package' }).click();
    const notice = pageB.getByTestId('share-open-notice');
    await expect(notice).toHaveText(
      'Handed over by Student Kim (graduated): 1 recording is now yours, with the duty to delete it when its retention ends. Owner: Docent Jansen.',
      { timeout: 60_000 },
    );
    await axe(pageB, 'share screen after a handover');
    await screenshot(pageB, 'handover-opened');
    // Opened again, it says so and adds nothing.
    await pageB.getByRole('button', { name: 'Open package' }).click();
    await expect(notice).toContainText('This package was already opened earlier; nothing was added twice.');

    await section(pageB, 'Library');
    await pageB.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: `Open ${rec.label}` }).click();
    const detailB = pageB.getByRole('region', { name: `Details of ${rec.label}` });
    await expect(detailB.getByLabel('Owner (responsible for deleting it)')).toHaveValue('Docent Jansen');
    await expect(detailB.getByRole('list', { name: 'Who appears' })).toContainText('K.L.');
    await expect(pageB.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: /^Open / })).toHaveCount(1);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('handover when leaving (U5): from the Share screen A chooses all recordings at once; they leave A and B owns both', async ({ app: pageA, host: hostA, other }) => {
  const tmp = await mkdtemp(join(tmpdir(), 'kluis-handover-many-e2e-'));
  const { page: pageB } = other;
  try {
    const key = await colleagueKey(pageB);

    await importColourCard(pageA, makeColourCard(join(tmp, 'card')));
    const h = hostA.service.handlers;
    const recs = (await h['recordings.list']({})).recordings;
    expect(recs).toHaveLength(2);
    for (const r of recs) {
      await h['recordings.setPurpose']({ recordingId: r.id, purpose: 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'Student Kim', retentionPreset: 'assessment-evidence' });
    }

    await section(pageA, 'Share');
    await pageA.getByRole('button', { name: 'Hand over recordings to a colleague' }).click();
    const picker = pageA.getByRole('region', { name: 'Hand over recordings to a colleague' });
    await expect(picker.getByRole('heading', { name: 'Hand over recordings to a colleague' })).toBeFocused();
    const next = picker.getByRole('button', { name: /^Continue with / });
    await expect(next).toBeDisabled();
    await expect(picker.getByRole('group', { name: 'Recordings to hand over' }).getByRole('checkbox')).toHaveCount(3);
    await picker.getByRole('checkbox', { name: 'Choose all' }).check();
    await axe(pageA, 'handover picker');
    await picker.getByRole('button', { name: 'Continue with 2 recordings' }).click();

    const form = pageA.getByRole('form', { name: 'Hand over 2 recordings to a colleague' });
    await expect(form.getByRole('heading', { name: 'Hand over 2 recordings to a colleague' })).toBeFocused();
    const out = join(tmp, 'leaving.age');
    await fill(form, key, out);
    await form.getByRole('checkbox', { name: /^I understand: after the package has been checked, these recordings \(and their redacted versions\) are deleted from my vault\./ }).check();
    await form.getByRole('button', { name: 'Hand over' }).click();
    const done = pageA.getByTestId('handover-done');
    await expect(done.getByRole('heading', { name: '2 recordings are handed over to Docent Jansen' })).toBeFocused({ timeout: 60_000 });
    await expect(done).toContainText('then 2 recordings were deleted from your vault');
    expect((await h['recordings.list']({})).recordings).toEqual([]);
    await expect(pageA.getByTestId('share-export')).toContainText('handed over to Docent Jansen, with the duty to delete');

    await pageB.getByLabel('Package file (full path)').fill(out);
    await pageB.getByRole('button', { name: 'Open package' }).click();
    await expect(pageB.getByTestId('share-open-notice')).toHaveText(
      'Handed over by Student Kim (graduated): 2 recordings are now yours, with the duty to delete them when their retention ends. Owner: Docent Jansen.',
      { timeout: 60_000 },
    );
    await section(pageB, 'Library');
    await expect(pageB.getByRole('list', { name: 'Recordings' }).getByRole('button', { name: /^Open / })).toHaveCount(2);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});
