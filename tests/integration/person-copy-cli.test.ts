/**
 * kluis person-copy (B1) as a user runs it: the built CLI as a child process, the zip opened by
 * the real 7-Zip with the password the command printed once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMedia } from '../fixtures/media';
import { sevenZip } from '../helpers/seven-zip';
import { initVault, removeDir, tempDir, type CliVault } from './helpers/cli';

let root: string;
let v: CliVault;
let rec: string;
let person: string;

async function json<T>(cmd: string, args: string[]): Promise<T> {
  const r = await v.run(cmd, [...args, '--json']);
  if (r.code !== 0) throw new Error(`kluis ${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout.toString()) as T;
}

beforeAll(async () => {
  root = await tempDir('kluis-person-copy-cli-');
  v = await initVault(root, 'care');
  makeMedia(join(root, 'card/DCIM/100CANON/MVI_0001.MP4'), 'h264-mp4');
  expect((await v.run('import', [join(root, 'card')])).code).toBe(0);
  rec = (await json<{ id: string }[]>('recordings', []))[0]!.id;
  person = (await json<{ id: string }>('person', ['add', '--pseudonym', 'C.L.', '--role', 'client', '--holder', 'self'])).id;
}, 120_000);
afterAll(() => removeDir(root));

describe('kluis person-copy', () => {
  it('is a usage error without -o, and says what to do when the person is in no recording', async () => {
    const noOut = await v.run('person-copy', [person]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('-o FILE.zip is required');
    const none = await v.run('person-copy', [person, '-o', join(root, 'none.zip')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('appears in no recording yet');
  });

  it('writes every recording the person is in and prints the password once; 7-Zip opens it with that password', async () => {
    expect((await v.run('appear', ['add', rec, person, '--as', 'both'])).code).toBe(0);
    const text = await v.run('person-copy', [person, '-o', join(root, 'copy.zip')]);
    expect(text.code).toBe(0);
    const password = /Password \(give it to the person separately; Kluis keeps no copy\): (\S+)/.exec(text.stdout.toString())?.[1];
    expect(password).toBeDefined();
    expect(sevenZip.list(join(root, 'copy.zip'), password!).some((n) => n.endsWith('/MVI_0001.MP4'))).toBe(true);

    const r = await json<{ path: string; password: string; files: { recordingId: string }[] }>('person-copy', [person, rec, '-o', join(root, 'copy2.zip')]);
    expect(r.files.map((f) => f.recordingId)).toEqual([rec]);
    expect(r.password).not.toBe(password);
    const again = await v.run('person-copy', [person, '-o', join(root, 'copy.zip')]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists');
  });
});
