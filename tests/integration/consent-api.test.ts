import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, KluisService, type DispatchResult } from '../../electron/core/api';
import { FAST_KDF, PASSWORD, removeDir } from '../helpers/vault-fixtures';
import { vaultWithRecordings } from '../unit/consent/fixtures';

let dir: string;
let recs: string[];
let service: KluisService;

beforeAll(async () => {
  const made = await vaultWithRecordings(2);
  ({ dir, recordings: recs } = made);
  await made.vault.lock();
  service = new KluisService({ vaultDir: join(dir, 'vault'), kdf: FAST_KDF });
  expect(await dispatch(service, 'vault.unlock', { password: PASSWORD })).toEqual({ ok: true, value: {} });
});
afterAll(async () => {
  await service?.lock('user');
  await removeDir(dir);
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r: DispatchResult = await dispatch(service, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('consent through the contract', () => {
  it('R1, R3, R10, A3: person, consent with its form, appearance, coverage, withdrawal, audit — end to end', async () => {
    const person = await call<{ id: string; pseudonym: string; fullName: string | null }>('persons.add', { pseudonym: 'K.L.', fullName: 'Kim de Lange', role: 'client', birthYear: 1988, consentHolder: 'self' });
    expect(person.pseudonym).toBe('K.L.');
    const form = join(dir, 'form.pdf');
    writeFileSync(form, '%PDF-1.4 signed consent form (two copies, one to the client: R3)\n');
    const consent = await call<{ id: string; formBlobId: string | null }>('consents.add', { personId: person.id, purposes: ['teaching'], audiences: ['class'], signedBy: 'person', signedAt: '2026-03-01', formPath: form });
    expect(consent.formBlobId).toMatch(/./);
    // The form is stored as an encrypted blob and reads back intact.
    const chunks: Buffer[] = [];
    for await (const c of service.openVault.readBlob(consent.formBlobId!)) chunks.push(c);
    const stored = Buffer.concat(chunks);
    expect(stored.toString()).toContain('signed consent form');

    await call('recordings.setPurpose', { recordingId: recs[0], purpose: 'teaching', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'trainee', retentionPreset: 'psychology-teaching', consentArchive: 'in the vault' });
    await call('appearances.add', { recordingId: recs[0], personId: person.id, presence: 'both' });
    const ok = await call<{ shareable: boolean }>('coverage.check', { recordingId: recs[0], purpose: 'teaching', audience: 'class' });
    expect(ok.shareable).toBe(true);
    const wider = await call<{ shareable: boolean; persons: { reasons: string[] }[] }>('coverage.check', { recordingId: recs[0], purpose: 'teaching', audience: 'public' });
    expect(wider.persons[0]!.reasons).toEqual(['audience-not-covered']);

    const w = await call<{ affectedRecordings: string[] }>('consents.withdraw', { id: consent.id, how: 'told the trainer' });
    expect(w.affectedRecordings).toEqual([recs[0]]);
    expect((await call<{ shareable: boolean }>('coverage.check', { recordingId: recs[0], purpose: 'teaching', audience: 'class' })).shareable).toBe(false);

    const detail = await call<{ recordings: string[]; consents: { status: string }[] }>('persons.get', { id: person.id });
    expect(detail).toMatchObject({ recordings: [recs[0]], consents: [{ status: 'withdrawn' }] });
    const log = await call<{ action: string; detail: Record<string, unknown> }[]>('audit.list', {});
    expect(log.map((e) => e.action)).toEqual(['vault.unlocked', 'person.added', 'consent.added', 'recording.purposeSet', 'appearance.set', 'consent.withdrawn']);
    // R10: the log names people by id, never by name.
    expect(JSON.stringify(log)).not.toContain('Kim');
    expect(await call('audit.verify', {})).toEqual({ ok: true, entries: 6, problems: [] });
  });

  it('R8: the breach inventory lists recordings, people by pseudonym, basis, and that all of it is encrypted', async () => {
    const b = await call<{ encrypted: boolean; recordings: { id: string; purpose: string | null; persons: { pseudonym: string }[] }[]; totals: Record<string, number>; notes: string[] }>('reports.breach', {});
    expect(b.encrypted).toBe(true);
    expect(b.recordings.map((r) => r.id).sort()).toEqual([...recs].sort());
    expect(b.recordings.find((r) => r.id === recs[0])).toMatchObject({ purpose: 'teaching', persons: [{ pseudonym: 'K.L.' }] });
    expect(b.totals).toEqual({ recordings: 2, persons: 1, under16: 0, specialCategory: 0 });
    expect(b.notes.join(' ')).toContain('72 hours');
    expect(JSON.stringify(b)).not.toContain('Kim');
  });

  it('strict inputs: unknown fields, bad ids and unknown purposes are refused before the core sees them', async () => {
    expect(await dispatch(service, 'persons.add', { pseudonym: 'X', role: 'pupil', consentHolder: 'self', extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(service, 'coverage.check', { recordingId: 'nope', purpose: 'teaching', audience: 'class' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('recordingId') as unknown } });
    expect(await dispatch(service, 'consents.add', { personId: 'per_0000000000000000', purposes: ['marketing'], audiences: ['class'], signedBy: 'person', signedAt: '2026-03-01' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('errors say what is wrong and what to do', async () => {
    expect(await dispatch(service, 'persons.get', { id: 'per_0000000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/no person per_0000000000000000.*kluis person ls/) as unknown } });
    expect(await dispatch(service, 'recordings.setPurpose', { recordingId: recs[1], purpose: 'assessment', lawfulBasis: 'legal-task', situation: 'partner-school', specialCategory: false, owner: 'me', retentionPreset: 'assessment-material' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/graduation date; give that date/) as unknown },
    });
  });

  it('H7, A2: the presets come with the rule they carry out; retention.due takes a future date for "expiring soon"', async () => {
    const presets = await call<{ id: string; rule: string }[]>('retention.presets', {});
    expect(presets.find((p) => p.id === 'stream-school-year')?.rule).toBe('A2');
    await call('recordings.setPurpose', { recordingId: recs[1], purpose: 'streaming', lawfulBasis: 'legitimate-interest', situation: 'partner-school', specialCategory: false, owner: 'teacher', retentionPreset: 'stream-school-year' });
    expect(await call('retention.due', { at: '2026-07-31T23:59:59Z' })).toEqual([]);
    expect(await call('retention.due', { at: '2026-08-01' })).toEqual([{ recordingId: recs[1], retentionPreset: 'stream-school-year', retentionDeadline: '2026-08-01T00:00:00.000Z', owner: 'teacher' }]);
  });
});
