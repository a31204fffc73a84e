/**
 * The two CLI pieces `npm run demo` needed for issue 8's journey: a reviewer's comment on a
 * received clip (kluis share comment) and deleting a recording after a withdrawal (kluis
 * recording delete), which the deletion confirmation then counts. Run as a user runs them.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMedia } from '../fixtures/media';
import { initVault, removeDir, tempDir, type CliVault } from './helpers/cli';

let root: string;
let a: CliVault;
let b: CliVault;
let rec: string;
let person: string;
let consent: string;

async function json<T>(v: CliVault, cmd: string, args: string[]): Promise<T> {
  const r = await v.run(cmd, [...args, '--json']);
  if (r.code !== 0) throw new Error(`kluis ${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout.toString()) as T;
}

beforeAll(async () => {
  root = await tempDir('kluis-cli-journey-');
  [a, b] = await Promise.all([initVault(root, 'student'), initVault(root, 'supervisor')]);
  makeMedia(join(root, 'card/DCIM/100CANON/MVI_0001.MP4'), 'h264-mp4');
  expect((await a.run('import', [join(root, 'card')])).code).toBe(0);
  rec = (await json<{ id: string }[]>(a, 'recordings', []))[0]!.id;
  person = (await json<{ id: string }>(a, 'person', ['add', '--pseudonym', 'J.D.', '--role', 'student', '--holder', 'self', '--birth-year', '2000'])).id;
  consent = (await json<{ id: string }>(a, 'consent', ['add', '--person', person, '--purpose', 'reflection', '--audience', 'supervisor', '--signed-by', 'person', '--signed-at', '2026-01-05'])).id;
  await json(a, 'recording', ['set-purpose', rec, '--purpose', 'reflection', '--basis', 'consent', '--situation', 'outside-school', '--owner', 'student', '--retention', 'final-level-evidence', '--consent-archive', 'in the vault']);
  expect((await a.run('appear', ['add', rec, person, '--as', 'both'])).code).toBe(0);
}, 120_000);
afterAll(() => removeDir(root));

describe('kluis share comment', () => {
  it('adds a comment at a time to a received clip; bad input says what to do', async () => {
    const key = (await json<{ publicKey: string }>(b, 'share', ['key'])).publicKey;
    await mkdir(join(root, 'stick'));
    const out = join(root, 'stick', 'p.age');
    await json(a, 'share', ['export', rec, '--to', key, '--purpose', 'reflection', '--audience', 'supervisor', '--expires', '2099-12-31', '-o', out]);
    const opened = await json<{ package: { clips: { id: string }[] } }>(b, 'share', ['open', out]);
    const clip = opened.package.clips[0]!.id;

    const human = await b.run('share', ['comment', clip, '--at', '1.5', '--text', 'Let op je tempo.']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.toString()).toMatch(/^\S+ {2}1\.5 s {2}Let op je tempo\.\n$/);
    const c = await json<{ clipId: string; atSec: number; text: string }>(b, 'share', ['comment', clip, '--at', '0', '--text', 'Begin.']);
    expect(c).toMatchObject({ clipId: clip, atSec: 0, text: 'Begin.' });

    for (const [args, says] of [
      [['comment', clip, '--text', 'x'], '--at must be'],
      [['comment', clip, '--at', 'soon', '--text', 'x'], '--at must be'],
      [['comment', clip, '--at', '1'], '--text must say'],
      [['comment', '--at', '1', '--text', 'x'], 'exactly one received clip'],
    ] as const) {
      const r = await b.run('share', [...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(says);
    }
    const unknown = await b.run('share', ['comment', 'rcl_0000000000000000', '--at', '1', '--text', 'x']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no received clip');
  }, 120_000);
});

describe('kluis recording delete', () => {
  it('needs --yes and a reason; after a withdrawal it deletes, and the deletion confirmation counts it', async () => {
    expect((await a.run('consent', ['withdraw', consent, '--how', 'by e-mail'])).code).toBe(0);
    const before = await a.run('report', ['deletion', person, '--out', join(root, 'early.pdf')]);
    expect(before.code).toBe(1);

    const noYes = await a.run('recording', ['delete', rec, '--why', 'withdrawal', '--person', person]);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('add --yes');
    const noWhy = await a.run('recording', ['delete', rec, '--yes']);
    expect(noWhy.code).toBe(2);
    expect(noWhy.stderr).toContain('--why must be');
    expect((await json<unknown[]>(a, 'recordings', [])).length).toBe(1);

    const gone = await json<{ recordingId: string; blobs: number; persons: string[] }>(a, 'recording', ['delete', rec, '--why', 'withdrawal', '--person', person, '--yes']);
    expect(gone).toMatchObject({ recordingId: rec, persons: [person] });
    expect(gone.blobs).toBeGreaterThan(0);
    expect(await json<unknown[]>(a, 'recordings', [])).toEqual([]);

    const doc = await json<{ deleted: { recordingId: string; why: string; rule: string }[]; remaining: unknown[] }>(a, 'report', ['deletion', person, '--out', join(root, 'confirmation.pdf')]);
    expect(doc.deleted).toEqual([expect.objectContaining({ recordingId: rec, why: 'withdrawal', rule: 'R7' })]);
    expect(doc.remaining).toEqual([]);
    expect(await readdir(root)).toContain('confirmation.pdf');

    const again = await a.run('recording', ['delete', rec, '--why', 'user', '--yes']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(rec);
  }, 120_000);
});
