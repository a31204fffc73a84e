import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestHost, type TestHost } from '../../electron/testhost/host';

export { expect };

interface Fixtures {
  host: TestHost;
  /** the page, already opened on the host with its token */
  app: Page;
  /** a second Kluis (a supervisor's, a class's) in its own host and browser context, opened like `app` */
  other: { host: TestHost; page: Page };
}

/** The RFC 9106 floor: still the real Argon2id, only quicker than the production default. */
const TEST_KDF = { memoryKiB: 65536, iterations: 3 };

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring pattern
  host: async ({}, use) => {
    const vaultDir = await mkdtemp(join(tmpdir(), 'kluis-e2e-'));
    const host = await startTestHost({ vaultDir, staticDir: resolve('out/web'), kdf: TEST_KDF });
    try {
      await use(host);
    } finally {
      await host.close();
      await rm(vaultDir, { recursive: true, force: true });
    }
  },

  app: async ({ page, host }, use) => {
    const verify = watchPage(page);
    await page.goto(`${host.url}#token=${host.token}`);
    await use(page);
    verify();
  },

  other: async ({ browser }, use) => {
    const vaultDir = await mkdtemp(join(tmpdir(), 'kluis-e2e-other-'));
    const host = await startTestHost({ vaultDir, staticDir: resolve('out/web'), kdf: TEST_KDF });
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      const page = await context.newPage();
      const verify = watchPage(page);
      await page.goto(`${host.url}#token=${host.token}`);
      await use({ host, page });
      verify();
    } finally {
      await context.close();
      await host.close();
      await rm(vaultDir, { recursive: true, force: true });
    }
  },
});

/**
 * Kluis promises no traffic beyond the machine: every request and socket must stay on 127.0.0.1,
 * and the page must log no errors. Returns the check to run when the test is done.
 */
function watchPage(page: Page): () => void {
  const foreign: string[] = [];
  const check = (url: string): void => {
    const u = new URL(url);
    // data: and blob: never leave the page (blob: is a consent form decrypted in memory).
    if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:' && u.protocol !== 'blob:') foreign.push(url);
  };
  page.on('request', (r) => check(r.url()));
  page.on('websocket', (ws) => check(ws.url()));
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('console', (m) => {
    // A refused call answers 4xx by design; Chromium logs each one as a failed resource.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
  });
  return () => {
    expect(foreign, 'requests to hosts other than 127.0.0.1').toEqual([]);
    expect(consoleErrors, 'errors in the page (CSP violations show up here)').toEqual([]);
  };
}

/** Screenshots for a human look only when asked for (KLUIS_SCREENSHOTS=<dir>); never committed. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.KLUIS_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
