/** kluis retention run and kluis report deletion|breach through the built CLI (R7, H7, U4, R8). */
import { execFileSync } from 'node:child_process';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFile } from '../fixtures/cards';
import { initVault, removeDir, tempDir, type CliVault } from './helpers/cli';

describe('kluis retention run / report deletion / report breach', () => {
  let root: string;
  let v: CliVault;
  let rec: string;
  let person: string;
  const json = async (cmd: string, args: string[]): Promise<unknown> => {
    const r = await v.run(cmd, [...args, '--json']);
    if (r.code !== 0) throw new Error(`kluis ${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout.toString());
  };
  const text = (pdf: string): string => {
    execFileSync('pdftoppm', ['-png', '-r', '40', pdf, `${pdf}-page`]);
    expect(existsSync(`${pdf}-page-1.png`)).toBe(true);
    return execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8').replace(/\s+/g, ' ');
  };

  beforeAll(async () => {
    root = await tempDir('kluis-retention-cli-');
    v = await initVault(root);
    const clip = join(root, 'card/DCIM/100CANON/MVI_0001.MP4');
    makeFile(clip, 8192);
    const t = new Date(Date.UTC(2026, 2, 10, 9));
    utimesSync(clip, t, t);
    expect((await v.run('import', [join(root, 'card'), '--json'])).code).toBe(0);
    rec = ((await json('recordings', [])) as { id: string }[])[0]!.id;
    person = ((await json('person', ['add', '--pseudonym', 'R.V.', '--role', 'pupil', '--holder', 'school-protocol'])) as { id: string }).id;
    // a deadline already in the past: the recording is due now
    const set = await v.run('recording', ['set-purpose', rec, '--purpose', 'reflection', '--basis', 'consent', '--situation', 'partner-school', '--owner', 'teacher', '--retention', 'custom', '--deadline', '2026-04-01']);
    expect(set.code, set.stderr).toBe(0);
    expect((await v.run('appear', ['add', rec, person, '--as', 'seen'])).code).toBe(0);
    const c = (await json('consent', ['add', '--person', person, '--purpose', 'reflection', '--audience', 'supervisor', '--signed-by', 'guardian', '--signed-at', '2026-03-01'])) as { id: string };
    expect((await v.run('consent', ['withdraw', c.id, '--how', 'phone call'])).code).toBe(0);
  });
  afterAll(() => removeDir(root));

  it('R7, H7: without --yes lists what would be deleted, deletes nothing and exits 1; with --yes deletes it and the audit log still verifies', async () => {
    const dry = await v.run('retention', ['run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout.toString()).toContain(`would delete ${rec}  due 2026-04-01  custom (U5)`);
    expect(dry.stdout.toString()).toContain('nothing was deleted. Run again with --yes');
    expect(((await json('recordings', [])) as unknown[]).length).toBe(1);

    const run = (await json('retention', ['run', '--yes'])) as { confirmed: boolean; deleted: { recordingId: string; blobs: number }[] };
    expect(run.confirmed).toBe(true);
    expect(run.deleted.map((d) => d.recordingId)).toEqual([rec]);
    expect(run.deleted[0]!.blobs).toBeGreaterThan(0);
    expect(await json('recordings', [])).toEqual([]);
    const verify = await v.run('verify', []);
    expect(verify.code, verify.stdout.toString() + verify.stderr.toString()).toBe(0);
    expect((await v.run('audit', ['verify'])).code).toBe(0);
    const again = await v.run('retention', ['run']);
    expect(again.code).toBe(0);
    expect(again.stdout.toString()).toContain('Nothing is past its retention deadline');
  });

  it('U4, R7: report deletion writes a PDF naming the pseudonym and the deleted recording; R8: report breach writes the inventory', async () => {
    const out = join(root, 'deletion.pdf');
    const r = await v.run('report', ['deletion', person, '--out', out, '--json']);
    expect(r.code, r.stderr.toString()).toBe(0);
    const doc = JSON.parse(r.stdout.toString()) as { deleted: { recordingId: string; why: string; rule: string }[]; remaining: unknown[] };
    expect(doc.deleted).toMatchObject([{ recordingId: rec, why: 'retention', rule: 'U5' }]);
    expect(doc.remaining).toEqual([]);
    const t = text(out);
    for (const fact of ['R.V.', rec, 'retention, rule U5', 'phone call', 'No recording in this vault shows or contains this person any more', 'crypto-shredding']) expect(t).toContain(fact);
    expect((await v.run('report', ['deletion', person, '--out', out])).code).toBe(2);

    const breach = join(root, 'breach.pdf');
    const b = await v.run('report', ['breach', '--out', breach]);
    expect(b.code, b.stderr.toString()).toBe(0);
    expect(b.stdout.toString()).toContain('0 recording(s), 0 person(s); encrypted: yes.');
    const bt = text(breach);
    for (const fact of ['Encrypted at rest: yes', '72 hours', 'The vault holds no recordings.']) expect(bt).toContain(fact);
  });
});
