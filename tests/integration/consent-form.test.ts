/** Viewing a stored consent form (R3, B3): decrypted into memory only, typed by its bytes, each view audited. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, KluisService } from '../../electron/core/api';
import { FAST_KDF, PASSWORD, removeDir } from '../helpers/vault-fixtures';
import { vaultWithRecordings } from '../unit/consent/fixtures';

let dir: string;
let service: KluisService;

beforeAll(async () => {
  const made = await vaultWithRecordings(1);
  dir = made.dir;
  await made.vault.lock();
  service = new KluisService({ vaultDir: join(dir, 'vault'), kdf: FAST_KDF, clock: () => new Date('2026-04-01T10:00:00Z') });
  await call('vault.unlock', { password: PASSWORD });
});
afterAll(async () => {
  await service?.lock('user');
  await removeDir(dir);
});

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const r = await dispatch(service, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** every file under the vault folder, to prove the form's plaintext is nowhere in it */
function vaultBytes(): Buffer {
  const out: Buffer[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(readFileSync(join(d, e.name)));
    }
  };
  walk(join(dir, 'vault'));
  return Buffer.concat(out);
}

describe('consents.form', () => {
  it('R3, B3: a scanned form (PNG) and a PDF come back byte for byte with their type; each view is an audit entry; the vault holds no plaintext', async () => {
    const person = await call<{ id: string }>('persons.add', { pseudonym: 'F.M.', role: 'client', consentHolder: 'self' });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR scan of a signed form UNIQUE-PNG-MARKER')]);
    const pdf = Buffer.from('%PDF-1.4\n% signed consent UNIQUE-PDF-MARKER\n');
    writeFileSync(join(dir, 'scan.png'), png);
    writeFileSync(join(dir, 'form.pdf'), pdf);
    const a = await call<{ id: string }>('consents.add', { personId: person.id, purposes: ['teaching'], audiences: ['class'], signedBy: 'person', signedAt: '2026-03-01', formPath: join(dir, 'scan.png') });
    const b = await call<{ id: string }>('consents.add', { personId: person.id, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-03-02', formPath: join(dir, 'form.pdf') });

    const img = await call<{ type: string; dataBase64: string; size: number }>('consents.form', { id: a.id });
    expect(img).toMatchObject({ type: 'image/png', size: png.length });
    expect(Buffer.from(img.dataBase64, 'base64').equals(png)).toBe(true);
    const doc = await call<{ type: string; dataBase64: string }>('consents.form', { id: b.id });
    expect(doc.type).toBe('application/pdf');
    expect(Buffer.from(doc.dataBase64, 'base64').equals(pdf)).toBe(true);

    const views = (await call<{ action: string; subject: string; at: string; detail: Record<string, unknown> }[]>('audit.list')).filter((e) => e.action === 'consent.formViewed');
    expect(views).toEqual([
      expect.objectContaining({ subject: person.id, at: '2026-04-01T10:00:00.000Z', detail: { consent: a.id, type: 'image/png' } }),
      expect.objectContaining({ subject: person.id, detail: { consent: b.id, type: 'application/pdf' } }),
    ]);
    const all = vaultBytes();
    expect(all.includes('UNIQUE-PNG-MARKER')).toBe(false);
    expect(all.includes('UNIQUE-PDF-MARKER')).toBe(false);
  });

  it('H2: a consent without a stored form says where the form is', async () => {
    const person = await call<{ id: string }>('persons.add', { pseudonym: 'G.', role: 'pupil', consentHolder: 'school-protocol' });
    const c = await call<{ id: string }>('consents.add', { personId: person.id, purposes: ['reflection'], audiences: ['self'], signedBy: 'both', signedAt: '2026-03-01' });
    expect(await dispatch(service, 'consents.form', { id: c.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/has no stored form.*institution that holds the consent/) as unknown } });
  });
});
