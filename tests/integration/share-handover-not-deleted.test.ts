/**
 * U5: handing over deletes the sender's copies once the package read back. What the user is told
 * when deleting one of them goes wrong, for both ways it can:
 * - the system will not let go of a recording's encrypted file (chattr +i: not even root may
 *   unlink it, as a file another program holds is kept on some systems). The deletion is the
 *   catalog commit that destroys the keys, so the recording IS deleted, and must be reported so,
 *   not as "NOT deleted here ... delete it by hand" about a recording that no longer exists; the
 *   leftover is ciphertext no key opens, it must not keep the vault shut, and a later unlock
 *   removes it once it can;
 * - the catalog refuses the deletion itself (a disk error at that moment; here a trigger in the
 *   real catalog, as no file trick makes SQLite fail for one recording only). Then the recording
 *   is still there, the handover says so for that one, and the advice to delete it by hand works.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault';
import { makeFile } from '../fixtures/cards';
import { canMakeUndeletable, setUndeletable } from '../helpers/system';
import { initVault, PASSWORD, removeDir, tempDir, type CliVault } from './helpers/cli';

type Run = { code: number | null; stdout: Buffer; stderr: string };
const json = <T>(r: Run, what: string): T => {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout.toString('utf8')) as T;
};

let root: string | undefined;
let stuck: string | undefined;
afterEach(async () => {
  if (stuck && existsSync(stuck)) setUndeletable(stuck, false);
  stuck = undefined;
  await removeDir(root);
  root = undefined;
});

/** A sender with two recordings ready to hand over (MVI_0001, MVI_0002) and a colleague. */
async function scene(): Promise<{ a: CliVault; b: CliVault; recs: Array<{ id: string; label: string }>; key: string; pkg: string }> {
  root = await tempDir('kluis-handover-not-deleted-');
  const [a, b] = [await initVault(root, 'a'), await initVault(root, 'b')];
  for (const n of [1, 2]) makeFile(join(root, 'card', 'DCIM/100CANON', `MVI_000${n}.MP4`), 8192 + n);
  json(await a.run('import', [join(root, 'card'), '--json']), 'import');
  const recs = json<Array<{ id: string; label: string }>>(await a.run('recordings', ['--json']), 'recordings');
  expect(recs).toHaveLength(2);
  for (const r of recs) json(await a.run('recording', ['set-purpose', r.id, '--purpose', 'reflection', '--basis', 'consent', '--situation', 'outside-school', '--owner', 'A', '--retention', 'assessment-evidence', '--json']), 'set-purpose');
  const key = (await b.run('share', ['key'])).stdout.toString('utf8').trim();
  return { a, b, recs, key, pkg: join(root, 'handover.age') };
}

/** Works on the sender's catalog directly (the CLI has closed the vault). */
async function inCatalog<T>(a: CliVault, work: (v: Vault) => T): Promise<T> {
  const v = await Vault.open(a.dir, PASSWORD);
  try {
    return work(v);
  } finally {
    await v.lock();
  }
}

const handOver = (a: CliVault, recs: Array<{ id: string }>, key: string, pkg: string) =>
  a.run('share', ['handover', ...recs.map((r) => r.id), '--to', key, '--colleague', 'B. Colleague', '--reason', 'graduated', '-o', pkg]);

describe('handover: a copy that cannot be deleted here (U5)', () => {
  it.skipIf(!canMakeUndeletable())('a file the system will not let go of: both are reported deleted (their keys are gone); the leftover does not block unlocking and is swept once it can be', async () => {
    const { a, b, recs, key, pkg } = await scene();
    const held = recs.find((r) => r.label.includes('MVI_0002'))!.id;
    const blob = await inCatalog(a, (v) => (v.catalog.prepare('SELECT blob_id FROM recording_files WHERE recording_id = ? AND blob_id IS NOT NULL').get(held) as { blob_id: string }).blob_id);
    stuck = join(a.dir, 'objects', blob.slice(0, 2), blob);
    expect(existsSync(stuck)).toBe(true);
    setUndeletable(stuck, true);

    const h = await handOver(a, recs, key, pkg);
    const told = h.stdout.toString('utf8');
    expect(h.code, h.stderr).toBe(0);
    expect(told).toContain('2 recording(s) and 0 person(s) handed over to B. Colleague; deleted from this vault: ');
    for (const r of recs) expect(told).toContain(r.id);
    expect(told).not.toContain('NOT deleted');
    // the file is named where whoever looks after the machine sees it, with what happens next
    expect(h.stderr).toContain(`kluis: ${held} is deleted, but its encrypted file ${blob} could not be removed yet (EPERM); no key opens it, and the next unlock removes it.`);

    // The vault still opens (its sweep cannot remove the file yet, and says so), shows neither
    // recording, and is intact apart from that one orphan.
    expect(existsSync(stuck)).toBe(true);
    expect(json<unknown[]>(await a.run('recordings', ['--json']), 'recordings after the handover')).toEqual([]);
    const verify = await a.run('verify', ['--json']);
    expect(json<{ ok: boolean; orphans: number }>(verify, 'verify')).toMatchObject({ ok: true, orphans: 1 });
    expect(verify.stderr).toContain(`could not remove ${stuck}, a file no key opens any more (EPERM); the next unlock tries again`);
    const audit = json<Array<{ action: string; detail: Record<string, unknown> }>>(await a.run('audit', ['ls', '--subject', held, '--json']), 'audit');
    expect(audit.find((e) => e.action === 'recording.deleted')?.detail).toMatchObject({ why: 'handover', rule: 'U5' });

    // Once the system lets go, the next unlock removes it.
    setUndeletable(stuck, false);
    expect(json<{ orphans: number }>(await a.run('verify', ['--json']), 'verify after release').orphans).toBe(0);
    expect(existsSync(stuck)).toBe(false);

    json(await b.run('share', ['open', pkg, '--json']), 'open at the colleague');
    expect(json<unknown[]>(await b.run('recordings', ['--json']), 'colleague recordings')).toHaveLength(2);
  }, 120_000);

  it('the catalog refuses one deletion: that one is reported NOT deleted with what to do, the other is deleted, and deleting it by hand then works', async () => {
    const { a, b, recs, key, pkg } = await scene();
    const [gone, held] = [recs.find((r) => r.label.includes('MVI_0001'))!.id, recs.find((r) => r.label.includes('MVI_0002'))!.id];
    await inCatalog(a, (v) => v.catalog.exec(`CREATE TRIGGER test_refuse_delete BEFORE DELETE ON recordings WHEN OLD.id = '${held}' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`));

    const h = await handOver(a, recs, key, pkg);
    const told = h.stdout.toString('utf8');
    expect(h.code, 'exit 1: the handover is incomplete').toBe(1);
    expect(told).toContain(`2 recording(s) and 0 person(s) handed over to B. Colleague; deleted from this vault: ${gone}\n`);
    const line = told.split('\n').find((l) => l.startsWith('NOT deleted here:'));
    expect(line).toMatch(new RegExp(`^NOT deleted here: ${held}: disk I/O error\\W+The package holds it; delete it here by hand\\.$`));
    expect(told.split('\n').filter((l) => l.startsWith('NOT deleted'))).toHaveLength(1);
    expect(told).toContain('Give the file to your colleague');
    // nothing of the refused deletion happened: the recording and its files are all still there
    expect(json<Array<{ id: string }>>(await a.run('recordings', ['--json']), 'recordings after').map((r) => r.id)).toEqual([held]);
    expect(json<{ ok: boolean; orphans: number }>(await a.run('verify', ['--json']), 'verify')).toMatchObject({ ok: true, orphans: 0 });

    // the advice works once the disk is well again
    await inCatalog(a, (v) => v.catalog.exec('DROP TRIGGER test_refuse_delete'));
    json(await a.run('recording', ['delete', held, '--why', 'user', '--yes', '--json']), 'delete by hand');
    expect(json<unknown[]>(await a.run('recordings', ['--json']), 'recordings at the end')).toEqual([]);
    json(await b.run('share', ['open', pkg, '--json']), 'open at the colleague');
    expect(json<unknown[]>(await b.run('recordings', ['--json']), 'colleague recordings')).toHaveLength(2);
  }, 120_000);
});
