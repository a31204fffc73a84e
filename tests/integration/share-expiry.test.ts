/**
 * Received packages end at their expiry (H6, U4, R7), judged by a fake clock: deleted with their
 * blobs at unlock (the service's afterUnlock hook) or by expireReceived, unless the sender let the
 * recipient keep them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch, KluisService } from '../../electron/core/api';
import { listAudit } from '../../electron/core/audit';
import { addComment, deleteReceived, ensureShareKey, expireReceived, exportPackage, isShareError, listComments, listReceived, openPackage, type ExportRequest } from '../../electron/core/share';
import { Vault } from '../../electron/core/vault';
import { PASSWORD, removeDir } from '../helpers/vault-fixtures';
import { IN_A_WEEK, makeReceiver, makeSender, newDir, NOW, receivedState, type Sender } from './share-fixtures';

let dir: string;
let sender: Sender;
let receiver: Vault;
let key: string;
const AFTER = new Date(IN_A_WEEK.getTime() + 1000);

beforeAll(async () => {
  dir = await newDir();
  sender = await makeSender(dir);
  receiver = await makeReceiver(dir);
  key = ensureShareKey(receiver).publicKey;
}, 120_000);
afterAll(async () => {
  for (const v of [sender?.vault, receiver]) if (v?.isOpen) await v.lock();
  await removeDir(dir);
});

const req = (name: string, o: Partial<ExportRequest> = {}): ExportRequest => ({
  items: [{ recordingId: sender.plain }], purpose: 'reflection', audience: 'supervisor', expires: IN_A_WEEK, recipients: [{ type: 'x25519', publicKey: key }], senderName: 'Student A', outPath: join(dir, name), now: NOW, ...o,
});

describe('expiry of received packages', () => {
  it('H6: deleted with their clips, comments and blobs once the clock passes the expiry; kept ones stay', async () => {
    const empty = receivedState(receiver);
    const short = await openPackage(receiver, { path: (await exportPackage(sender.vault, req('short.age'))).path, now: NOW });
    const kept = await openPackage(receiver, { path: (await exportPackage(sender.vault, req('kept.age', { permissions: { keep: true } }))).path, now: NOW });
    if (short.kind !== 'received' || kept.kind !== 'received') throw new Error('expected clips');
    addComment(receiver, { clipId: short.package.clips[0]!.id, atSec: 1, text: 'ok' }, NOW);
    const withBoth = receivedState(receiver);

    expect(await expireReceived(receiver, new Date(IN_A_WEEK.getTime() - 1000))).toEqual([]);
    expect(await expireReceived(receiver, AFTER)).toEqual([short.package.id]);
    expect(listReceived(receiver).map((p) => p.id)).toEqual([kept.package.id]);
    // the short package's clip blob is gone (crypto-shredded), the kept one's remains
    expect(receivedState(receiver)).toEqual({ blobs: withBoth.blobs - 1, packages: 1, clips: 1 });
    expect(receivedState(receiver).blobs).toBe(empty.blobs + 1);
    expect(listAudit(receiver).filter((e) => e.action === 'share.receivedDeleted').map((e) => [e.subject, e.detail.why])).toEqual([[short.package.id, 'expired']]);
  }, 60_000);

  it('at unlock: the service deletes what expired while the vault was locked (its clock is a parameter)', async () => {
    const p = await openPackage(receiver, { path: (await exportPackage(sender.vault, req('unlock.age'))).path, now: NOW });
    if (p.kind !== 'received') throw new Error('expected clips');
    await receiver.lock();
    const service = new KluisService({ vaultDir: join(dir, 'receiver'), clock: () => AFTER });
    const r = await dispatch(service, 'vault.unlock', { password: PASSWORD });
    expect(r.ok).toBe(true);
    const v = service.openVault;
    await vi.waitFor(() => expect((v.catalog.prepare('SELECT count(*) AS n FROM received_packages WHERE id = ?').get(p.package.id) as { n: number }).n).toBe(0), { timeout: 10_000 });
    const list = await dispatch(service, 'share.received', {});
    expect(list.ok && (list.value as { id: string }[]).map((x) => x.id)).not.toContain(p.package.id);
    await service.lock('user');
    receiver = await Vault.open(join(dir, 'receiver'), PASSWORD);
  }, 60_000);

  it('the reviewer deletes a package before its expiry; comments outside the clip are refused', async () => {
    const p = await openPackage(receiver, { path: (await exportPackage(sender.vault, req('done.age'))).path, now: NOW });
    if (p.kind !== 'received') throw new Error('expected clips');
    const clip = p.package.clips[0]!;
    const late = (() => {
      try {
        return addComment(receiver, { clipId: clip.id, atSec: clip.durationSec + 5, text: 'te laat' }, NOW);
      } catch (e) {
        return e;
      }
    })();
    expect(isShareError(late, 'NOT_ALLOWED')).toBe(true);
    expect(listComments(receiver, clip.id)).toEqual([]);
    const before = receivedState(receiver);
    await deleteReceived(receiver, p.package.id, NOW);
    expect(receivedState(receiver)).toEqual({ blobs: before.blobs - 1, packages: before.packages - 1, clips: before.clips - 1 });
    expect(listAudit(receiver).filter((e) => e.action === 'share.receivedDeleted' && e.subject === p.package.id).map((e) => e.detail.why)).toEqual(['by-hand']);
    await expect(deleteReceived(receiver, p.package.id, NOW)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  }, 60_000);
});
