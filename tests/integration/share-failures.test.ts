/**
 * Packages that must not open: wrong passphrase, someone else's key, truncated, bit-flipped,
 * expired (fake clock). Each gives a clear error and leaves the receiver's vault as it was:
 * no received rows, no new blobs (R5, R13, H6).
 */
import { copyFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAge, encryptAge, ensureShareKey, exportPackage, isShareError, openPackage, readTar, shareIdentity, writeTar, type ShareErrorCode } from '../../electron/core/share';
import { writePackageFile } from '../../electron/core/share/package-file';
import type { Vault } from '../../electron/core/vault';
import { flipBit, removeDir } from '../helpers/vault-fixtures';
import { IN_A_WEEK, makeReceiver, makeSender, newDir, NOW, receivedState, type Sender } from './share-fixtures';

let dir: string;
let sender: Sender;
let receiver: Vault;
let stranger: Vault;
let forKey: string;
let forPassphrase: string;
const PASSPHRASE = 'paard-batterij-nietje-correct';

beforeAll(async () => {
  dir = await newDir();
  sender = await makeSender(dir);
  receiver = await makeReceiver(dir);
  stranger = await makeReceiver(dir, 'stranger');
  ensureShareKey(stranger);
  const base = { items: [{ recordingId: sender.plain }, { recordingId: sender.gps }], purpose: 'reflection' as const, audience: 'supervisor' as const, expires: IN_A_WEEK, senderName: 'Student A', now: NOW };
  forKey = (await exportPackage(sender.vault, { ...base, recipients: [{ type: 'x25519', publicKey: ensureShareKey(receiver).publicKey }], outPath: join(dir, 'key.age') })).path;
  forPassphrase = (await exportPackage(sender.vault, { ...base, recipients: [{ type: 'passphrase', passphrase: PASSPHRASE }], outPath: join(dir, 'pass.age') })).path;
}, 180_000);
afterAll(async () => {
  for (const v of [sender?.vault, receiver, stranger]) if (v?.isOpen) await v.lock();
  await removeDir(dir);
});

async function refused(v: Vault, req: Parameters<typeof openPackage>[1], code: ShareErrorCode): Promise<string> {
  const before = receivedState(v);
  const err = await openPackage(v, req).catch((e: unknown) => e);
  expect(isShareError(err) ? err.code : err).toBe(code);
  expect(receivedState(v)).toEqual(before);
  return (err as Error).message;
}

/** Byte offset just after the age header's "--- MAC" line. */
async function headerEnd(path: string): Promise<number> {
  const head = (await readFile(path)).subarray(0, 4096);
  const mac = head.indexOf('\n--- ');
  return head.indexOf('\n', mac + 1) + 1;
}

async function damagedCopy(name: string, change: (path: string, size: number) => Promise<unknown>): Promise<string> {
  const path = join(dir, name);
  await copyFile(forKey, path);
  await change(path, (await stat(path)).size);
  return path;
}

describe('opening packages that must not open', () => {
  it('a wrong passphrase says so; the right one opens', async () => {
    expect(await refused(receiver, { path: forPassphrase, passphrase: 'paard-batterij-nietje-fout', now: NOW }, 'WRONG_PASSPHRASE')).toMatch(/passphrase is wrong/);
    const ok = await openPackage(receiver, { path: forPassphrase, passphrase: PASSPHRASE, now: NOW });
    expect(ok.kind === 'received' && ok.package.clips.length).toBe(2);
  }, 60_000);

  it('a path that is missing or a folder says so instead of failing inside', async () => {
    expect(await refused(receiver, { path: join(dir, 'not-there.age'), now: NOW }, 'NO_PACKAGE')).toMatch(/no file at/);
    expect(await refused(receiver, { path: dir, now: NOW }, 'NO_PACKAGE')).toMatch(/is a folder/);
  });

  it('a package for another share key does not open with ours', async () => {
    expect(await refused(stranger, { path: forKey, now: NOW }, 'NO_MATCHING_KEY')).toMatch(/not made for your share key/);
  });

  it('a vault without a share key cannot have been sent a key package', async () => {
    const fresh = await makeReceiver(dir, 'fresh');
    try {
      await refused(fresh, { path: forKey, now: NOW }, 'NO_MATCHING_KEY');
    } finally {
      await fresh.lock();
    }
  });

  it('truncated at a chunk boundary (a USB stick pulled while copying): TRUNCATED, nothing imported, even clips that arrived whole', async () => {
    // age's payload: a 16-byte nonce, then 64 KiB chunks with a 16-byte tag each
    const start = (await headerEnd(forKey)) + 16;
    const chunks = Math.floor(((await stat(forKey)).size - start) / (65536 + 16));
    expect(chunks).toBeGreaterThanOrEqual(2);
    const cut = await damagedCopy('cut.age', (p) => truncate(p, start + (chunks - 1) * (65536 + 16)));
    expect(await refused(receiver, { path: cut, now: NOW }, 'TRUNCATED')).toMatch(/incomplete/);
  });

  it('cut inside a chunk: the last piece cannot be told from a damaged one, and says so; nothing imported', async () => {
    const half = await damagedCopy('half.age', (p, size) => truncate(p, Math.floor(size * 0.7)));
    const before = receivedState(receiver);
    const err = await openPackage(receiver, { path: half, now: NOW }).catch((e: unknown) => e);
    expect(isShareError(err) && ['TRUNCATED', 'DAMAGED'].includes(err.code)).toBe(true);
    expect(receivedState(receiver)).toEqual(before);
  });

  it.each([
    ['the header\'s MAC', 'mac'],
    ['the first clip', 0.3],
    ['the last clip', 0.9],
  ] as const)('a flipped bit in %s: DAMAGED, nothing imported', async (_where, at) => {
    const offset = at === 'mac' ? (await headerEnd(forKey)) - 10 : 0;
    const path = await damagedCopy(`flip-${at}.age`, (p, size) => flipBit(p, at === 'mac' ? offset : Math.floor(size * at), 3));
    expect(await refused(receiver, { path, now: NOW }, 'DAMAGED')).toMatch(/damaged/i);
  });

  it('H6: an expired package does not open (fake clock one day after expiry)', async () => {
    const later = new Date(IN_A_WEEK.getTime() + 86_400_000);
    expect(await refused(receiver, { path: forKey, now: later }, 'EXPIRED')).toContain(IN_A_WEEK.toISOString().slice(0, 10));
  });

  it('a file that is not a package at all', async () => {
    const path = join(dir, 'not-age.txt');
    await writeFile(path, 'just some text\n');
    await refused(receiver, { path, now: NOW }, 'NOT_AGE');
  });

  it('a clip that does not match its checksum in the manifest: CHECKSUM_MISMATCH; a manifest with unknown fields: MANIFEST_INVALID', async () => {
    // take the real package apart (real age, real tar), change it, and seal it again for the receiver
    const entries: { name: string; bytes: Buffer }[] = [];
    const fileStream = (async function* () { yield await readFile(forKey); })();
    for await (const e of readTar(decryptAge([shareIdentity(receiver)], fileStream))) {
      const parts: Buffer[] = [];
      for await (const c of e.body) parts.push(c);
      entries.push({ name: e.name, bytes: Buffer.concat(parts) });
    }
    expect(entries[0]!.name).toBe('manifest.json');
    const reseal = async (name: string, list: { name: string; bytes: Buffer }[]) => {
      async function* tarEntries() {
        for (const x of list) yield { name: x.name, size: x.bytes.length, body: (async function* () { yield x.bytes; })() };
      }
      return (await writePackageFile(join(dir, name), encryptAge([{ type: 'x25519', publicKey: ensureShareKey(receiver).publicKey }], writeTar(tarEntries())))).path;
    };
    const clip = entries[2]!;
    const swapped = Buffer.from(clip.bytes);
    swapped[swapped.length - 100] = swapped[swapped.length - 100]! ^ 1;
    const bad = await reseal('swapped.age', entries.map((x) => (x === clip ? { name: x.name, bytes: swapped } : x)));
    expect(await refused(receiver, { path: bad, now: NOW }, 'CHECKSUM_MISMATCH')).toMatch(/does not match the checksum/);

    const m = JSON.parse(entries[0]!.bytes.toString('utf8')) as Record<string, unknown>;
    const extra = await reseal('extra.age', [{ name: 'manifest.json', bytes: Buffer.from(JSON.stringify({ ...m, permissions: { keep: true, forward: true, deleteAtExpiry: false, print: true } })) }, ...entries.slice(1)]);
    expect(await refused(receiver, { path: extra, now: NOW }, 'MANIFEST_INVALID')).toMatch(/permissions/);
    const notFirst = await reseal('late-manifest.age', [...entries.slice(1), entries[0]!]);
    await refused(receiver, { path: notFirst, now: NOW }, 'MANIFEST_INVALID');
  });
});
