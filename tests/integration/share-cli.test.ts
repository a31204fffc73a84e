/**
 * kluis share key / export / open / ls, run as a user runs them (the built CLI as a child
 * process), between two vaults made with kluis init.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMedia } from '../fixtures/media';
import { initVault, removeDir, tempDir, type CliVault } from './helpers/cli';

let root: string;
let a: CliVault;
let b: CliVault;
let rec: string;
let person: string;

async function json<T>(v: CliVault, cmd: string, args: string[]): Promise<T> {
  const r = await v.run(cmd, [...args, '--json']);
  if (r.code !== 0) throw new Error(`kluis ${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout.toString()) as T;
}

beforeAll(async () => {
  root = await tempDir('kluis-share-cli-');
  [a, b] = await Promise.all([initVault(root, 'student'), initVault(root, 'supervisor')]);
  makeMedia(join(root, 'card/DCIM/100CANON/MVI_0001.MP4'), 'h264-mp4');
  expect((await a.run('import', [join(root, 'card')])).code).toBe(0);
  rec = (await json<{ id: string }[]>(a, 'recordings', []))[0]!.id;
  person = (await json<{ id: string }>(a, 'person', ['add', '--pseudonym', 'M.V.', '--role', 'pupil', '--holder', 'self', '--birth-year', '2000'])).id;
  await json(a, 'recording', ['set-purpose', rec, '--purpose', 'reflection', '--basis', 'consent', '--situation', 'outside-school', '--owner', 'student', '--retention', 'final-level-evidence', '--consent-archive', 'in the vault']);
  expect((await a.run('appear', ['add', rec, person, '--as', 'both'])).code).toBe(0);
}, 120_000);
afterAll(() => removeDir(root));

describe('kluis share', () => {
  it('refuses an export the gate does not allow, with the person and the reason, and writes nothing', async () => {
    const key = (await json<{ publicKey: string }>(b, 'share', ['key'])).publicKey;
    const r = await a.run('share', ['export', rec, '--to', key, '--purpose', 'reflection', '--audience', 'supervisor', '--expires', '2099-12-31', '-o', join(root, 'refused.age')]);
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toContain(`M.V. (${person}): no-consent`);
    expect(await readdir(root)).not.toContain('refused.age');
  });

  it('key → export → open → ls: the supervisor sees what arrived; the student sees what left', async () => {
    expect((await a.run('consent', ['add', '--person', person, '--purpose', 'reflection', '--audience', 'supervisor', '--signed-by', 'person', '--signed-at', '2026-01-05'])).code).toBe(0);
    const key = await b.run('share', ['key', '--qr']);
    expect(key.code, key.stderr).toBe(0);
    const [publicKey] = key.stdout.toString().split('\n');
    expect(publicKey).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    expect(key.stdout.toString()).toMatch(/[█▀▄]/);
    // the same key every time
    expect((await json<{ publicKey: string }>(b, 'share', ['key'])).publicKey).toBe(publicKey);

    const out = join(root, 'stick', 'pakket.age');
    await mkdir(join(root, 'stick'));
    const exp = await json<{ path: string; packageId: string; sha256: string }>(a, 'share', ['export', rec, '--to', publicKey!, '--purpose', 'reflection', '--audience', 'supervisor', '--expires', '2099-12-31', '-o', out, '--sender', 'Student A']);
    expect(exp.path).toBe(out);
    expect(await readdir(join(root, 'stick'))).toEqual(['pakket.age']);

    const opened = await b.run('share', ['open', out]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout.toString()).toMatch(/^Opened:\nrcv_[0-9a-f]{16} {2}received {2}from Student A {2}share {2}for reflection to supervisor {2}expires 2099-12-31 {2}view only\n {2}rcl_[0-9a-f]{16} {2}/);
    expect(opened.stdout.toString()).toContain('people: M.V. (consent)');

    const ls = await json<{ received: { packageId: string; clips: unknown[] }[] }>(b, 'share', ['ls']);
    expect(ls.received.map((p) => [p.packageId, p.clips.length])).toEqual([[exp.packageId, 1]]);
    const sent = await json<{ exports: { packageId: string; packageSha256: string; recordingIds: string[] }[] }>(a, 'share', ['ls']);
    expect(sent.exports).toEqual([expect.objectContaining({ packageId: exp.packageId, packageSha256: exp.sha256, recordingIds: [rec] })]);
  }, 120_000);

  it('a passphrase package: --passphrase-file on both sides; a wrong one is refused with the reason', async () => {
    const pass = join(root, 'pass.txt');
    const wrong = join(root, 'wrong.txt');
    await writeFile(pass, 'zeven-lange-woorden-zijn-genoeg\n');
    await writeFile(wrong, 'zeven-lange-woorden-zijn-fout\n');
    const out = join(root, 'pass.age');
    expect((await a.run('share', ['export', `${rec}@0.5-1.5`, '--videotoets', '--passphrase-file', pass, '--purpose', 'reflection', '--audience', 'supervisor', '--expires', '2099-12-31', '-o', out])).code).toBe(0);
    const bad = await b.run('share', ['open', out, '--passphrase-file', wrong]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/passphrase is wrong/);
    const good = await json<{ kind: string; package: { kind: string; clips: { inSec: number; outSec: number }[] } }>(b, 'share', ['open', out, '--passphrase-file', pass]);
    expect(good.package.kind).toBe('videotoets');
    expect(good.package.clips[0]).toMatchObject({ inSec: 0.5, outSec: 1.5 });
  }, 120_000);

  it('usage errors say what to do', async () => {
    const r = await a.run('share', ['export', rec, '--purpose', 'reflection', '--audience', 'supervisor', '--expires', '2099-12-31', '-o', join(root, 'x.age')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to age1');
    const past = await a.run('share', ['export', rec, '--to', 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq', '--purpose', 'reflection', '--audience', 'supervisor', '--expires', '2020-01-01', '-o', join(root, 'x.age')]);
    expect(past.code).not.toBe(0);
    expect(past.stderr).toContain('has already passed');
  });
});
