/**
 * Issue 8's start-up figures (docs/benchmarks.md, "The app: start-up"): cold start to the unlock
 * screen and unlock to the first library page, each beside a baseline measured in the same run,
 * interleaved with it. The app here is the test host with the built renderer in Debian's
 * Chromium (Electron cannot be downloaded on this machine); the baselines use the same Chromium.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { startTestHost, type TestHost } from '../../electron/testhost/host';
import { Vault } from '../../electron/core/vault';
import { seedLibrary } from '../fixtures/library-rows';
import { log, median, PASSWORD, round, time } from './util';

const RUNS = 5;
/** a library of some years of recordings: the first page must not wait for the rest */
const ROWS = 2000;
const COLD_GOAL = 1.5;
/** the app's own part (request, hooks, first query, React) is about 0.5 s beside a KDF of 1-3 s */
const UNLOCK_GOAL = 1.5;

const LAUNCH = {
  executablePath: process.env.KLUIS_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/** The unlock screen's look without the app: a heading and a password field, nothing behind them. */
const TRIVIAL_PAGE = '<!doctype html><html lang="en"><title>Kluis</title><h1>Unlock your vault</h1><label>Password <input type="password"></label></html>';

function listen(server: Server): Promise<string> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
  });
}

async function unlockScreen(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
  await page.getByLabel('Password', { exact: true }).waitFor();
}

interface App {
  host: TestHost;
  browser: Browser;
  page: Page;
}

/** Subject: the host starts on the vault, Chromium starts and loads the renderer, the unlock form shows. */
async function coldApp(vaultDir: string): Promise<{ seconds: number; app: App }> {
  let app: App | undefined;
  const seconds = await time(async () => {
    const host = await startTestHost({ vaultDir, staticDir: resolve('out/web') });
    const browser = await chromium.launch(LAUNCH);
    const page = await browser.newPage();
    await page.goto(`${host.url}#token=${host.token}`);
    await unlockScreen(page);
    app = { host, browser, page };
  });
  return { seconds, app: app! };
}

/** Baseline: a bare node http server and the same Chromium showing a static page of the same look. */
async function coldTrivial(): Promise<number> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(TRIVIAL_PAGE);
  });
  let browser: Browser | undefined;
  try {
    return await time(async () => {
      const url = await listen(server);
      browser = await chromium.launch(LAUNCH);
      const page = await browser.newPage();
      await page.goto(url);
      await unlockScreen(page);
    });
  } finally {
    await browser?.close();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

/** Subject: from pressing Unlock to the library's first row on screen (KDF, catalog, hooks, query, render). */
async function unlockToLibrary(app: App): Promise<number> {
  await app.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  const unlock = app.page.getByRole('button', { name: 'Unlock', exact: true });
  const firstRow = app.page.getByRole('list', { name: 'Recordings' }).getByRole('listitem').first();
  return time(async () => {
    await unlock.click();
    await firstRow.waitFor({ timeout: 120_000 });
  });
}

/** Baseline: the bare unlock, the same key derivation and catalog open with no app around them. */
async function bareOpen(vaultDir: string): Promise<number> {
  let v: Vault | undefined;
  const seconds = await time(async () => {
    v = await Vault.open(vaultDir, PASSWORD);
  });
  await v!.lock();
  return seconds;
}

async function closeApp(app: App): Promise<void> {
  await app.browser.close();
  await app.host.close();
}

/** A vault with the default (production) key derivation and ROWS recordings in its catalog. */
async function seededVault(root: string): Promise<string> {
  const dir = join(root, 'vault-app');
  const { vault } = await Vault.create(dir, PASSWORD);
  seedLibrary(vault, ROWS);
  await vault.lock();
  return dir;
}

function figure(what: string, subject: number[], baseline: number[], goal: number) {
  const ratio = median(subject) / median(baseline);
  return {
    what,
    seconds: round(median(subject)),
    baselineSeconds: round(median(baseline)),
    ratio: round(ratio),
    /** what the app adds, in seconds: the part the code around the baseline is responsible for */
    overheadSeconds: round(median(subject) - median(baseline)),
    runs: { seconds: subject.map((x) => round(x)), baselineSeconds: baseline.map((x) => round(x)) },
    goal: `ratio <= ${goal}`,
    pass: ratio <= goal,
  };
}

export async function benchApp(root: string): Promise<Record<string, { pass: boolean }>> {
  if (!existsSync(resolve('out/web/index.html'))) throw new Error('The app group needs the built renderer in out/web: run "npm run build:renderer" first.');
  const vaultDir = await seededVault(root);
  const cold: number[] = [];
  const coldBase: number[] = [];
  const unlock: number[] = [];
  const unlockBase: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // alternate which goes first, so a slow spell of the shared host does not favour one side
    const baselineFirst = run % 2 === 0;
    if (baselineFirst) coldBase.push(await coldTrivial());
    const { seconds, app } = await coldApp(vaultDir);
    cold.push(seconds);
    try {
      // The bare open runs while the same Chromium waits on the unlock screen (the host has not
      // opened the vault yet), so both sides share the machine with the same idle browser.
      if (baselineFirst) unlockBase.push(await bareOpen(vaultDir));
      unlock.push(await unlockToLibrary(app));
    } finally {
      await closeApp(app);
    }
    if (!baselineFirst) {
      coldBase.push(await coldTrivial());
      const again = await coldApp(vaultDir);
      try {
        unlockBase.push(await bareOpen(vaultDir));
      } finally {
        await closeApp(again.app);
      }
    }
    log(`app: cold start ${cold.at(-1)!.toFixed(3)} s (trivial page ${coldBase.at(-1)!.toFixed(3)} s), unlock to library ${unlock.at(-1)!.toFixed(3)} s (bare Vault.open ${unlockBase.at(-1)!.toFixed(3)} s)`);
  }
  return {
    coldStartToUnlock: figure('test host + Chromium until the unlock form shows vs a bare node http server + the same Chromium showing a static page of the same look', cold, coldBase, COLD_GOAL),
    unlockToLibrary: figure(`from pressing Unlock to the first library row visible (${ROWS} recordings, default Argon2id) vs Vault.open of the same vault (key derivation + catalog open)`, unlock, unlockBase, UNLOCK_GOAL),
  };
}
