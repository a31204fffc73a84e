import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importColourCard, makeColourCard } from './media-fixtures';
import { lock, STRONG } from './vault-flow';

/**
 * Keyboard only (issue 8): Tab moves focus through every control of the unlock and library
 * screens, each focused control shows a visible ring, and the screens' main actions work from
 * the keyboard.
 */

interface Stop {
  /** the same number each time Tab comes back to the same element */
  n: number;
  name: string;
  focusVisible: boolean;
  ring: string;
  onScreen: boolean;
}

// Runs in the page (a string: tests/ is type-checked without the DOM library). Numbers elements in
// a WeakMap so a cycle is recognised, and reads the focus ring as the browser paints it.
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__stops ??= new WeakMap();
  window.__count ??= 0;
  if (!window.__stops.has(el)) window.__stops.set(el, ++window.__count);
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 ? 'outline ' + cs.outlineWidth + ' ' + cs.outlineColor : '';
  const shadow = cs.boxShadow !== 'none' ? 'shadow ' + cs.boxShadow : '';
  const r = el.getBoundingClientRect();
  const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || el.getAttribute('type') || '';
  return {
    n: window.__stops.get(el),
    name: el.tagName.toLowerCase() + ' "' + label.trim().replace(/\\s+/g, ' ').slice(0, 40) + '"',
    focusVisible: el.matches(':focus-visible'),
    ring: [outline, shadow].filter(Boolean).join('; '),
    onScreen: r.width > 0 && r.height > 0,
  };
})()`;

/**
 * Presses Tab until focus comes back round to an element it has visited, returning every stop on
 * the way. Past the last control focus leaves the page once (no element), then wraps to the first.
 */
async function tabRound(page: Page, max: number): Promise<Stop[]> {
  const stops: Stop[] = [];
  let outside = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = (await page.evaluate(FOCUSED)) as Stop | null;
    if (!stop) {
      if (++outside > 1) break;
      continue;
    }
    if (stops.some((s) => s.n === stop.n)) break;
    stops.push(stop);
  }
  expect(stops.length, 'Tab went round within the limit').toBeLessThan(max);
  return stops;
}

/** Tabs until the focused element's name matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await page.keyboard.press('Tab');
    const stop = (await page.evaluate(FOCUSED)) as Stop | null;
    if (stop && name.test(stop.name)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Each stop is a new element that the browser marks :focus-visible and paints a ring around. */
function expectVisibleFocus(stops: Stop[], screen: string): void {
  const bad = stops.filter((s) => !s.focusVisible || s.ring === '' || !s.onScreen).map((s) => `${s.name}: ${JSON.stringify(s)}`);
  expect(bad, `controls on the ${screen} screen without a visible focus ring`).toEqual([]);
  expect(new Set(stops.map((s) => s.n)).size, 'Tab moved focus to a new element every time').toBe(stops.length);
}

test('Tab reaches every control of the unlock and library screens with a visible ring; unlock and open a recording by keyboard', async ({ app: page }) => {
  const card = mkdtempSync(join(tmpdir(), 'kluis-keys-card-'));
  try {
    await importColourCard(page, makeColourCard(card));
    await lock(page);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password-123');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toBeVisible();

    const stops = await tabRound(page, 40);
    const names = stops.map((s) => s.name);
    expect(names, 'stops on the unlock screen').toEqual(
      expect.arrayContaining([expect.stringMatching(/^select /), expect.stringMatching(/^input "Password/), expect.stringMatching(/^button "Unlock/), expect.stringMatching(/^button "Forgot your password\?/)]),
    );
    expectVisibleFocus(stops, 'unlock');

    // Back to the password field by keyboard, type, Enter: the library opens.
    await tabTo(page, /^input "Password/);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(STRONG);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Your vault', exact: true })).toBeVisible({ timeout: 30_000 });

    // The library: sections, toolbar, every recording's buttons, each with a visible ring.
    const library = await tabRound(page, 120);
    expect(library.length).toBeGreaterThanOrEqual(8);
    expect(library.map((s) => s.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^button "People"/), expect.stringMatching(/^button "Lock"/), expect.stringMatching(/^input "Search/i), expect.stringMatching(/^button ".*MVI_0001/)]),
    );
    expectVisibleFocus(library, 'library');

    // Enter on a recording opens its details, and focus lands on its heading.
    await tabTo(page, /^button ".*MVI_0001/);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: /MVI_0001/ })).toBeFocused();
  } finally {
    rmSync(card, { recursive: true, force: true });
  }
});
