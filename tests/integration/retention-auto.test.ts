/**
 * Automatic retention (R7, H7 "set automatic deletion"): at unlock and then on a timer while the
 * vault is open, through the real service with a real encrypted vault, a fixed (movable) clock and
 * a short interval instead of a day.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, KluisService, type KluisEvent } from '../../electron/core/api';
import { setRecordingPurpose } from '../../electron/core/consent';
import { FAST_KDF, PASSWORD, removeDir } from '../helpers/vault-fixtures';
import { RECORDED, vaultWithRecordings } from '../unit/consent/fixtures';

const DAY = 86_400_000;
let dir: string | undefined;
let service: KluisService | undefined;
afterEach(async () => {
  await service?.lock('user');
  await removeDir(dir);
  service = undefined;
  dir = undefined;
});

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const r = await dispatch(service!, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function nextEvent(type: KluisEvent['type'], ms = 10_000): Promise<KluisEvent> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      off();
      reject(new Error(`no ${type} event within ${ms} ms`));
    }, ms);
    const off = service!.onEvent((e) => {
      if (e.type !== type) return;
      clearTimeout(t);
      off();
      resolve(e);
    });
  });
}

type Run = { trigger: string; due: { recordingId: string; rule: string; label: string }[]; deleted: { recordingId: string }[] };

/** Two recordings: the first under reflection (4 weeks, H7), the second with a custom deadline 60 days out. */
async function setup(clock: { now: Date }, intervalMs: number): Promise<string[]> {
  const made = await vaultWithRecordings(2);
  dir = made.dir;
  const [first, second] = made.recordings as [string, string];
  const base = { purpose: 'reflection', lawfulBasis: 'consent', situation: 'partner-school', specialCategory: false, owner: 'trainee' } as const;
  setRecordingPurpose(made.vault, { ...base, recordingId: first, retentionPreset: 'reflection' });
  setRecordingPurpose(made.vault, { ...base, recordingId: second, retentionPreset: 'custom', deadline: new Date(RECORDED.getTime() + 60 * DAY).toISOString() });
  await made.vault.lock();
  service = new KluisService({ vaultDir: join(made.dir, 'vault'), kdf: FAST_KDF, clock: () => clock.now, retentionIntervalMs: intervalMs });
  return made.recordings;
}

describe('automatic retention (R7, H7)', () => {
  it('H7: at unlock deletes what is past its deadline, tells the front end, lists what and why until dismissed, and audits it after the unlock', async () => {
    const clock = { now: new Date(RECORDED.getTime() + 29 * DAY) };
    const [first, second] = await setup(clock, 3_600_000);
    const event = nextEvent('retention.autoDeleted');
    expect(await dispatch(service!, 'vault.unlock', { password: PASSWORD })).toEqual({ ok: true, value: {} });
    expect(await event).toEqual({ type: 'retention.autoDeleted', count: 1 });

    const runs = await call<Run[]>('retention.autoRuns');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'unlock', at: clock.now.toISOString(), confirmed: true, due: [{ recordingId: first, rule: 'H7', label: expect.stringMatching(/MVI_0100/) as unknown }], deleted: [{ recordingId: first }] });
    const left = await call<{ recordings: { id: string }[] }>('recordings.list');
    expect(left.recordings.map((r) => r.id)).toEqual([second]);

    // the unlock's own entry comes first, then the deletion with its rule, then the run's summary
    const log = await call<{ action: string; subject: string | null; detail: Record<string, unknown> }[]>('audit.list');
    expect(log.map((e) => e.action)).toEqual(['recording.purposeSet', 'recording.purposeSet', 'vault.unlocked', 'recording.deleted', 'retention.autoRun']);
    expect(log[3]).toMatchObject({ subject: first, detail: { why: 'retention', rule: 'H7' } });
    expect(log[4]).toMatchObject({ detail: { trigger: 'unlock', deleted: 1 } });
    expect(await call('audit.verify')).toMatchObject({ ok: true });

    // shown until the user dismisses it
    expect(await call<Run[]>('retention.autoRuns', { dismiss: true })).toHaveLength(1);
    expect(await call<Run[]>('retention.autoRuns')).toEqual([]);
  });

  it('H7: runs again on its timer while unlocked (the clock moves on), and stops when the vault locks', async () => {
    const clock = { now: new Date(RECORDED.getTime() + 10 * DAY) };
    const [first, second] = await setup(clock, 40);
    await call('vault.unlock', { password: PASSWORD });
    // nothing due at day 10: the timer ticks without deleting
    await new Promise((r) => setTimeout(r, 200));
    expect(await call<Run[]>('retention.autoRuns')).toEqual([]);
    expect((await call<{ recordings: unknown[] }>('recordings.list')).recordings).toHaveLength(2);

    clock.now = new Date(RECORDED.getTime() + 61 * DAY);
    await nextEvent('retention.autoDeleted');
    // both went: the first was due since day 28, the second since day 60; one run took both (or two ticks did)
    await expect.poll(async () => (await call<{ recordings: unknown[] }>('recordings.list')).recordings.length).toBe(0);
    const runs = await call<Run[]>('retention.autoRuns');
    expect(runs.every((r) => r.trigger === 'daily')).toBe(true);
    expect(runs.flatMap((r) => r.deleted.map((d) => d.recordingId)).sort()).toEqual([first, second].sort());

    await service!.lock('user');
    let events = 0;
    const off = service!.onEvent((e) => e.type === 'retention.autoDeleted' && events++);
    await new Promise((r) => setTimeout(r, 200));
    off();
    expect(events).toBe(0);
    // a new unlock starts afresh: the notice of the last session went with the lock (the audit log keeps it)
    await call('vault.unlock', { password: PASSWORD });
    await new Promise((r) => setTimeout(r, 100));
    expect(await call<Run[]>('retention.autoRuns')).toEqual([]);
    const log = await call<{ action: string }[]>('audit.list');
    expect(log.filter((e) => e.action === 'recording.deleted')).toHaveLength(2);
  });
});
