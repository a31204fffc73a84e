import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, entryHash, listAudit, verifyAudit } from '../../electron/core/audit';
import { Vault } from '../../electron/core/vault';
import { createVault, PASSWORD, removeDir, tempDir } from '../helpers/vault-fixtures';

let dir: string;
let vault: Vault;
const T0 = new Date(Date.UTC(2026, 4, 1, 8));
const at = (i: number): Date => new Date(T0.getTime() + i * 1000);

beforeEach(async () => {
  dir = await tempDir('kluis-audit-');
  ({ vault } = await createVault(join(dir, 'vault')));
  appendAudit(vault, { action: 'import.finished', subject: 'imp_1', detail: { clips: 3 } }, at(0));
  appendAudit(vault, { action: 'recording.viewed', subject: 'rec_1' }, at(1));
  appendAudit(vault, { action: 'consent.withdrawn', subject: 'per_1', detail: { how: 'e-mail' } }, at(2));
  appendAudit(vault, { action: 'recording.deleted', subject: 'rec_1', detail: { reason: 'retention' } }, at(3));
});
afterEach(async () => {
  if (vault.isOpen) await vault.lock();
  await removeDir(dir);
});

/** What someone with the catalog key could do: drop the append-only triggers and rewrite rows. */
function tamper(sql: string, ...args: unknown[]): void {
  const db = vault.catalog;
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare(sql).run(...args);
}

describe('audit log (R7, R8: what happened, provably)', () => {
  it('chains every entry to the one before, and survives lock and unlock', async () => {
    const entries = listAudit(vault);
    expect(entries.map((e) => [e.seq, e.action])).toEqual([[1, 'import.finished'], [2, 'recording.viewed'], [3, 'consent.withdrawn'], [4, 'recording.deleted']]);
    expect(entries[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(entries[2]!.detail).toEqual({ how: 'e-mail' });
    await vault.lock();
    vault = await Vault.open(join(dir, 'vault'), PASSWORD);
    expect(verifyAudit(vault)).toEqual({ ok: true, entries: 4, problems: [] });
  });

  it('refuses UPDATE and DELETE through the catalog (append-only)', () => {
    expect(() => vault.catalog.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => vault.catalog.prepare('DELETE FROM audit_log WHERE seq = 4').run()).toThrow(/append-only/);
    expect(verifyAudit(vault).ok).toBe(true);
  });

  it('R7: an edited entry is detected and named', () => {
    tamper("UPDATE audit_log SET detail = '{\"reason\":\"user\"}' WHERE seq = 4");
    expect(verifyAudit(vault)).toMatchObject({ ok: false, problems: [{ seq: 4, problem: 'was changed after it was written' }] });
  });

  it('R7: an edit with a recomputed hash still breaks the next link', () => {
    // The forger rewrites entry 2 and stores its new, correct hash; entry 3 still names the old one.
    const e2 = listAudit(vault)[1]!;
    const forged = entryHash({ seq: 2, at: e2.at, action: e2.action, subject: 'rec_2', detail: '{}', prev_hash: e2.prevHash });
    tamper("UPDATE audit_log SET subject = 'rec_2', hash = ? WHERE seq = 2", forged);
    const v = verifyAudit(vault);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({ seq: 3, problem: 'does not follow the entry before it (removed, inserted or reordered)' });
    expect(v.problems.map((p) => p.seq)).not.toContain(2);
  });

  it('R8: a removed entry in the middle is detected', () => {
    tamper('DELETE FROM audit_log WHERE seq = 2');
    const v = verifyAudit(vault);
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toEqual({ seq: 3, problem: 'entry 2 is missing (the next one is 3)' });
  });

  it('R8: removing the newest entries is detected through the head', () => {
    tamper('DELETE FROM audit_log WHERE seq >= 3');
    expect(verifyAudit(vault)).toMatchObject({ ok: false, problems: [{ seq: 4, problem: expect.stringMatching(/ends at entry 2 but entry 4 was written last/) as unknown }] });
  });

  it('R8: reordered entries are detected', () => {
    // Swap the contents of entries 2 and 3 and leave the hashes: hashes cover seq and content together.
    const [, e2, e3] = listAudit(vault);
    tamper('UPDATE audit_log SET at = ?, action = ?, subject = ?, detail = ? WHERE seq = 2', e3!.at, e3!.action, e3!.subject, JSON.stringify(e3!.detail));
    vault.catalog.prepare('UPDATE audit_log SET at = ?, action = ?, subject = ?, detail = ? WHERE seq = 3').run(e2!.at, e2!.action, e2!.subject, JSON.stringify(e2!.detail));
    const v = verifyAudit(vault);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.seq)).toEqual([2, 3]);
  });
});
