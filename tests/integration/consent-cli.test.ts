import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault';
import { makeFile } from '../fixtures/cards';
import { initVault, PASSWORD, removeDir, tempDir, type CliVault } from './helpers/cli';

describe('kluis person / consent / recording / appear / coverage / retention / audit', () => {
  let root: string;
  let v: CliVault;
  let rec: string;
  const json = async (cmd: string, args: string[]): Promise<unknown> => {
    const r = await v.run(cmd, [...args, '--json']);
    if (r.code !== 0) throw new Error(`kluis ${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout.toString());
  };

  beforeAll(async () => {
    root = await tempDir('kluis-consent-cli-');
    v = await initVault(root);
    const clip = join(root, 'card/DCIM/100CANON/MVI_0001.MP4');
    makeFile(clip, 8192);
    const t = new Date(Date.UTC(2026, 2, 10, 9));
    utimesSync(clip, t, t);
    const imp = await v.run('import', [join(root, 'card'), '--json']);
    expect(imp.code, imp.stderr).toBe(0);
    rec = ((await json('recordings', [])) as { id: string }[])[0]!.id;
  });
  afterAll(() => removeDir(root));

  it('R2, A3, R1: a pupil of 15 is covered only with a guardian, for the audience consented, until withdrawn', async () => {
    const pupil = (await json('person', ['add', '--pseudonym', 'J.B.', '--role', 'pupil', '--holder', 'self', '--birth-year', '2011'])) as { id: string };
    expect(pupil.id).toMatch(/^per_[0-9a-f]{16}$/);
    const set = await v.run('recording', ['set-purpose', rec, '--purpose', 'reflection', '--basis', 'consent', '--situation', 'outside-school', '--owner', 'student', '--retention', 'final-level-evidence', '--consent-archive', 'in the vault']);
    expect(set.stdout.toString()).toBe(`${rec}: reflection on consent; delete by 2033-03-10 (final-level-evidence)\n`);
    expect((await v.run('appear', ['add', rec, pupil.id, '--as', 'seen', '--at', '0-12.5'])).code).toBe(0);
    // H8: with the pupil in it, setting the purpose again names who must consent.
    const again = await v.run('recording', ['set-purpose', rec, '--purpose', 'reflection', '--basis', 'consent', '--situation', 'outside-school', '--owner', 'student', '--retention', 'final-level-evidence', '--consent-archive', 'in the vault']);
    expect(again.stdout.toString()).toContain(`Ask these people for new consent before sharing (H8):\n  ${pupil.id}  J.B.  no consent for reflection\n`);

    const form = join(root, 'form.jpg');
    writeFileSync(form, 'photo of the signed form');
    const own = await v.run('consent', ['add', '--person', pupil.id, '--purpose', 'reflection', '--audience', 'supervisor', '--signed-by', 'person', '--signed-at', '2026-03-01', '--form', form]);
    expect(own.code, own.stderr).toBe(0);

    const blocked = await v.run('coverage', [rec, '--purpose', 'reflection', '--audience', 'supervisor']);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout.toString()).toContain(`NOT covered  ${pupil.id}  J.B.  under 16 when signing, and no guardian signed (R2)`);

    const guardian = await v.run('consent', ['add', '--person', pupil.id, '--purpose', 'reflection', '--audience', 'supervisor,class', '--signed-by', 'guardian', '--signed-at', '2026-03-02']);
    const guardianId = guardian.stdout.toString().trim();
    const ok = (await json('coverage', [rec, '--purpose', 'reflection', '--audience', 'supervisor'])) as { shareable: boolean; persons: { coveredBy: unknown }[] };
    expect(ok).toMatchObject({ shareable: true, persons: [{ coveredBy: { consentId: guardianId } }] });
    expect((await v.run('coverage', [rec, '--purpose', 'reflection', '--audience', 'public'])).stdout.toString()).toContain('does not cover this audience (A3)');

    const w = await v.run('consent', ['withdraw', guardianId, '--how', 'the parent phoned']);
    expect(w.code).toBe(0);
    expect(w.stdout.toString()).toContain(`delete or redact them (R7):\n  ${rec}\n`);
    expect((await v.run('coverage', [rec, '--purpose', 'reflection', '--audience', 'supervisor'])).code).toBe(1);

    const shown = (await json('person', ['show', pupil.id])) as { consents: { status: string }[]; recordings: string[] };
    expect(shown.consents.map((c) => c.status)).toEqual(['active', 'withdrawn']);
    expect(shown.recordings).toEqual([rec]);
    const ls = await v.run('person', ['ls']);
    expect(ls.stdout.toString()).toContain(`${pupil.id}  J.B.`);
  });

  it('R2, H1: person add --json says whether someone may be under 16 as the app does (from the birth year too); "minor" stays as entered', async () => {
    // the CLI answers on today's calendar, so the birth years are relative to it
    const year = new Date().getUTCFullYear();
    const add = async (pseudonym: string, extra: string[]) => (await json('person', ['add', '--pseudonym', pseudonym, '--role', 'pupil', '--holder', 'self', ...extra])) as { id: string; birthYear: number | null; minor: boolean; under16: boolean };
    const twelve = await add('Y.12', ['--birth-year', String(year - 12)]);
    expect(twelve).toMatchObject({ birthYear: year - 12, minor: false, under16: true });
    // born 16 years ago: may still be 15 until the birthday, so a guardian is asked (the cautious reading)
    expect(await add('Y.16', ['--birth-year', String(year - 16)])).toMatchObject({ minor: false, under16: true });
    expect(await add('Y.17', ['--birth-year', String(year - 17)])).toMatchObject({ minor: false, under16: false });
    expect(await add('Y.M', ['--minor'])).toMatchObject({ birthYear: null, minor: true, under16: true });
    expect(await add('Y.N', [])).toMatchObject({ birthYear: null, minor: false, under16: false });

    // listing and showing answer the same, and the coverage check reads it the same way
    const listed = (await json('person', ['ls'])) as { id: string; under16: boolean }[];
    expect(listed.find((p) => p.id === twelve.id)?.under16).toBe(true);
    expect(((await json('person', ['show', twelve.id])) as { person: { under16: boolean } }).person.under16).toBe(true);
    const ls = (await v.run('person', ['ls'])).stdout.toString();
    expect(ls).toMatch(new RegExp(`${twelve.id}  Y\\.12 .* born ${year - 12}, may be under 16: a guardian must sign  consent held by self`));
    expect(ls).not.toMatch(/Y\.17 .*may be under 16/);
    const own = await v.run('consent', ['add', '--person', twelve.id, '--purpose', 'reflection', '--audience', 'supervisor', '--signed-by', 'person', '--signed-at', `${year}-01-02`]);
    expect(own.code, own.stderr).toBe(0);
    expect((await v.run('appear', ['add', rec, twelve.id, '--as', 'seen'])).code).toBe(0);
    const cov = await v.run('coverage', [rec, '--purpose', 'reflection', '--audience', 'supervisor']);
    expect(cov.stdout.toString()).toContain(`NOT covered  ${twelve.id}  Y.12  under 16 when signing, and no guardian signed (R2)`);
  });

  it('H7: retention due honours --at (final-level evidence: 7 years)', async () => {
    expect(await json('retention', ['due'])).toEqual([]);
    expect(await json('retention', ['due', '--at', '2033-03-09'])).toEqual([]);
    expect(await json('retention', ['due', '--at', '2033-03-10T09:00:00Z'])).toMatchObject([{ recordingId: rec, retentionPreset: 'final-level-evidence' }]);
  });

  it('bad values are usage errors that name the field, with exit 2', async () => {
    const r = await v.run('consent', ['add', '--person', 'per_0000000000000000', '--purpose', 'marketing', '--audience', 'class', '--signed-by', 'person', '--signed-at', '2026-03-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/purposes\.0/);
    const wrongFlag = await v.run('person', ['ls', '--pseudonym', 'x']);
    expect(wrongFlag.code).toBe(2);
    expect(wrongFlag.stderr).toContain('--pseudonym does not apply to "ls"');
    const missing = await v.run('person', ['show', 'per_0000000000000000']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('There is no person per_0000000000000000 in this vault; list them with "kluis person ls".');
  });

  it('R8: audit verify passes, then finds an entry edited through the catalog (exit 1)', async () => {
    const good = await v.run('audit', ['verify']);
    expect(good.code).toBe(0);
    expect(good.stdout.toString()).toMatch(/^The audit log is intact \(\d+ entries\)\.\n$/);
    const exportFile = join(root, 'audit.json');
    const exp = await v.run('audit', ['export', '--out', exportFile]);
    expect(exp.code, exp.stderr).toBe(0);
    const exported = JSON.parse(readFileSync(exportFile, 'utf8')) as { head: { seq: number; hash: string }; entries: { hash: string }[]; verdict: { ok: boolean } };
    expect(exported.verdict.ok).toBe(true);
    expect(exported.head.hash).toBe(exported.entries.at(-1)!.hash);
    expect(exp.stdout.toString()).toContain(`head: entry ${exported.head.seq}, hash ${exported.head.hash}`);
    expect((await v.run('audit', ['export', '--out', exportFile])).code).toBe(2);
    const vault = await Vault.open(v.dir, PASSWORD);
    try {
      vault.catalog.exec('DROP TRIGGER audit_log_no_update');
      vault.catalog.prepare("UPDATE audit_log SET action = 'consent.added' WHERE action = 'consent.withdrawn'").run();
    } finally {
      await vault.lock();
    }
    const bad = await v.run('audit', ['verify']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/DAMAGED audit entry \d+: was changed after it was written/);
  });
});
