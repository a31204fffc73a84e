import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault } from './vault-flow';

/**
 * prefers-reduced-motion (issue 8): with the OS asking for less motion, no element of the page has
 * a transition, an animation or smooth scrolling left, while bars still show their value. The
 * control run without the preference proves the scan sees motion when there is some.
 */

// Page scripts are strings: tests/ is type-checked without the DOM library.

/** Every element (and ::before/::after) that would still move, as "tag.class: what". */
const STILL_MOVING = `(() => {
  const lasts = (v) => v.split(',').some((d) => parseFloat(d) > 0);
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      const what = [
        lasts(cs.transitionDuration) && cs.transitionProperty !== 'none' ? 'transition ' + cs.transitionProperty + ' ' + cs.transitionDuration : '',
        cs.animationName !== 'none' && lasts(cs.animationDuration) ? 'animation ' + cs.animationName + ' ' + cs.animationDuration : '',
        cs.scrollBehavior === 'smooth' ? 'smooth scrolling' : '',
      ].filter(Boolean);
      if (what.length > 0) out.push(el.tagName.toLowerCase() + '.' + el.className + (pseudo ?? '') + ': ' + what.join(', '));
    }
  }
  return out;
})()`;

async function stillMoving(page: Page): Promise<string[]> {
  return (await page.evaluate(STILL_MOVING)) as string[];
}

/**
 * A bar of the app's own markup (components/ProgressBar.tsx) before the scan phase has a total:
 * the import's indeterminate phase is too short to catch reliably; the stylesheet under test is the app's.
 */
async function plantIndeterminateBar(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const bar = document.createElement('div');
    bar.className = 'progress';
    bar.setAttribute('data-testid', 'planted-bar');
    bar.innerHTML = '<span class="indeterminate"></span>';
    document.body.append(bar);
  })()`);
}

/** The strength meter's bar width as a share of its track, read at once after the score changes. */
async function meterFill(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    const m = document.querySelector('.meter');
    return m.firstElementChild.getBoundingClientRect().width / m.getBoundingClientRect().width;
  })()`)) as number;
}

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the create and library screens have no transitions, animations or smooth scrolling; bars still fill', async ({ app: page }) => {
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('welkom');
    await expect(page.locator('.meter')).toHaveAttribute('data-score', /[01]/);
    const weak = await meterFill(page);
    await password.fill('Zwaluw-kachel-dijkregen-48');
    await expect(page.locator('.meter')).toHaveAttribute('data-score', '4');
    // No transition: the bar is full the moment the score is.
    expect(await meterFill(page)).toBeCloseTo(1, 2);
    expect(weak).toBeLessThan(0.5);
    await plantIndeterminateBar(page);
    expect(await stillMoving(page)).toEqual([]);
    await expect(page.getByTestId('planted-bar').locator('span')).toHaveCSS('animation-name', 'none');
    await expect(page.getByTestId('planted-bar').locator('span')).toHaveCSS('opacity', '0.35');

    await page.evaluate(`document.querySelector('[data-testid="planted-bar"]').remove()`);
    await page.getByLabel('Password', { exact: true }).fill('');
    await createVault(page);
    expect(await stillMoving(page)).toEqual([]);
  });
});

test.describe('without a motion preference (control)', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('the same screen does move: the meter glides and the busy bar slides', async ({ app: page }) => {
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    await page.getByLabel('Password', { exact: true }).fill('welkom');
    await expect(page.locator('.meter')).toBeVisible();
    await plantIndeterminateBar(page);
    const moving = await stillMoving(page);
    expect(moving.some((m) => m.startsWith('span.:') && m.includes('transition width'))).toBe(true);
    expect(moving.some((m) => m.startsWith('span.indeterminate:') && m.includes('animation slide'))).toBe(true);
  });
});
