import {
  addComment, checkGate, copyForPerson, handOver, sweepHandovers, deleteReceived, ensureShareKey, expireReceived, exportFeedback, exportPackage, feedbackFor, forwardReceived, listComments, listExports, listReceived, openPackage, personCopyOptions, shareDeps, shareKeyQr,
} from '../../share';
import type { shareContract } from '../contracts/share';
import type { HandlersOf, ServiceContext } from './context';

/** A calendar date means the end of that day (UTC): "expires 2026-06-30" still opens on the 30th. */
export function expiryOf(when: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(when) ? new Date(`${when}T23:59:59.999Z`) : new Date(when);
}

export function shareHandlers(ctx: ServiceContext): HandlersOf<typeof shareContract> {
  // Received packages past their expiry go at every unlock, before anyone can look at them.
  ctx.afterUnlock(async (vault) => {
    await expireReceived(vault, ctx.opts.clock?.() ?? new Date());
    // a handover a crash interrupted is removed whole; the package can be opened again
    await sweepHandovers(vault);
  });
  const now = (): Date => ctx.opts.clock?.() ?? new Date();
  return {
    'share.key': async ({ qr }) => {
      const { publicKey } = await ensureShareKey(ctx.open());
      return { publicKey, ...(qr ? { qr: await shareKeyQr(publicKey) } : {}) };
    },
    'share.gate': async ({ recordingIds, purpose, audience }) => checkGate(ctx.open(), recordingIds, purpose, audience, now(), shareDeps().redaction),
    'share.export': async (req) => {
      const r = await exportPackage(ctx.open(), { ...req, expires: expiryOf(req.expires), now: now() }, shareDeps());
      return { exportId: r.exportId, packageId: r.packageId, path: r.path, size: r.size, sha256: r.sha256, gate: r.gate };
    },
    'share.handover': async (req) => {
      const r = await handOver(ctx.open(), { ...req, now: now() });
      for (const id of r.deleted) ctx.emit({ type: 'media.updated', id });
      return r;
    },
    'share.personCopyOptions': async ({ personId }) => personCopyOptions(ctx.open(), personId),
    'share.personCopy': async (req) => copyForPerson(ctx.open(), { ...req, now: now() }),
    'share.exports': async (f) => listExports(ctx.open(), f),
    'share.forward': async (req) => forwardReceived(ctx.open(), { ...req, now: now() }),
    'share.open': async ({ path, passphrase }) => {
      const r = await openPackage(ctx.open(), { path, ...(passphrase !== undefined ? { passphrase } : {}), now: now() });
      if (r.kind === 'received' || r.kind === 'handover') return r;
      return { kind: 'feedback', packageId: r.manifest.id, sender: r.manifest.sender.name, ...r.feedback };
    },
    // the unlock hook runs in the background; a list asked for before it finished must not show expired packages
    'share.received': async () => {
      const v = ctx.open();
      await expireReceived(v, now());
      return listReceived(v);
    },
    'share.deleteReceived': async ({ id }) => {
      await deleteReceived(ctx.open(), id, now());
      return { deleted: id };
    },
    'share.comment': async (c) => addComment(ctx.open(), c, now()),
    'share.comments': async ({ clipId }) => listComments(ctx.open(), clipId),
    'share.exportFeedback': async (req) => exportFeedback(ctx.open(), { ...req, now: now() }),
    'share.feedback': async ({ recordingId }) => feedbackFor(ctx.open(), recordingId),
  };
}
