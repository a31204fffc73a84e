/**
 * R9 with R12: the idle lock locks after the vault's delay without input, but a video that says
 * it plays (media.playing, every 30 s from the player) is activity: a videotoets shown in class
 * has no input for minutes. Real service, real encrypted vault; the product's clock and the
 * idle source (the OS's idle time in the app) are what the test moves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, KluisService, startIdleLock } from '../../electron/core/api';
import { FAST_KDF, PASSWORD, removeDir, tempDir } from '../helpers/vault-fixtures';

let dir: string;
let service: KluisService;
let now: number;
let osIdle: number;
let stop: () => void;

async function call(method: string, input: unknown): Promise<unknown> {
  const r = await dispatch(service, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** runs the idle loop's check (it polls every 20 ms here) and says whether the vault is locked */
async function lockedAfterACheck(): Promise<boolean> {
  await new Promise((r) => setTimeout(r, 120));
  return service.currentVault === null;
}

beforeEach(async () => {
  dir = await tempDir('kluis-idle-');
  now = Date.UTC(2026, 10, 24, 9);
  osIdle = 0;
  service = new KluisService({ vaultDir: dir, kdf: FAST_KDF, clock: () => new Date(now) });
  await call('vault.create', { password: PASSWORD });
  await call('settings.set', { autoLockSeconds: 60 });
  stop = startIdleLock(service, () => osIdle, 20);
});
afterEach(async () => {
  stop();
  await service.lock('user');
  await removeDir(dir);
});

describe('the idle lock and a playing video (R9, R12)', () => {
  it('locks after the delay without input when nothing plays', async () => {
    osIdle = 59;
    expect(await lockedAfterACheck()).toBe(false);
    osIdle = 60;
    expect(await lockedAfterACheck()).toBe(true);
  });

  it('stays open while a player keeps saying it plays, however long without input', async () => {
    osIdle = 3600;
    await call('media.playing', { playing: true });
    expect(await lockedAfterACheck()).toBe(false);
    now += 45_000; // the player's next signal is due after 30 s
    await call('media.playing', { playing: true });
    now += 45_000;
    expect(await lockedAfterACheck()).toBe(false);
  });

  it('locks once the signals stop for the delay (player closed or crashed), and at once when it says it stopped', async () => {
    osIdle = 3600;
    await call('media.playing', { playing: true });
    now += 59_000;
    expect(await lockedAfterACheck()).toBe(false);
    now += 1_000;
    expect(await lockedAfterACheck()).toBe(true);

    await call('vault.unlock', { password: PASSWORD });
    await call('media.playing', { playing: true });
    expect(await lockedAfterACheck()).toBe(false);
    await call('media.playing', { playing: false });
    expect(await lockedAfterACheck()).toBe(true);
  });
});
