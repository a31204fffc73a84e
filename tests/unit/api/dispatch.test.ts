import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, KluisService, type KluisEvent } from '../../../electron/core/api';

const KDF = { memoryKiB: 64 * 1024, iterations: 3 };
const PASSWORD = 'a long enough passphrase for the dispatch test 8';
const dirs: string[] = [];

function service(): KluisService {
  const dir = mkdtempSync(join(tmpdir(), 'kluis-dispatch-'));
  dirs.push(dir);
  return new KluisService({ vaultDir: join(dir, 'vault'), kdf: KDF });
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('dispatch: the one door every transport uses', () => {
  it('refuses unknown methods and invalid input before the core sees them', async () => {
    const s = service();
    expect(await dispatch(s, 'vault.format', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(s, 'vault.unlock', { password: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(s, 'vault.unlock', { password: 'x', extra: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(s, 'items.remove', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('walks create, lock, unlock and reports vault errors by code', async () => {
    const s = service();
    const events: KluisEvent[] = [];
    s.onEvent((e) => events.push(e));
    expect(await dispatch(s, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'none' } });
    expect(await dispatch(s, 'vault.create', { password: 'password123' })).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const created = await dispatch(s, 'vault.create', { password: PASSWORD });
    expect(created.ok && (created.value as { recoveryKey: string }).recoveryKey).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/);
    expect(await dispatch(s, 'items.list', {})).toEqual({ ok: true, value: { items: [] } });
    expect(await dispatch(s, 'vault.lock', {})).toEqual({ ok: true, value: {} });
    expect(await dispatch(s, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'locked' } });
    expect(await dispatch(s, 'items.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await dispatch(s, 'vault.unlock', { password: PASSWORD + 'x' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(await dispatch(s, 'vault.unlock', { password: PASSWORD })).toEqual({ ok: true, value: {} });
    expect(events.map((e) => e.type)).toEqual(['vault.unlocked', 'vault.locked', 'vault.unlocked']);
    await s.lock('user');
  });

  it('never sends a stack or an internal path across the wire', async () => {
    const s = service();
    const r = await dispatch(s, 'vault.unlock', { password: PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_A_VAULT' } });
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/);
  });
});
