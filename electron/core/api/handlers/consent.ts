import { exportAudit, listAudit, verifyAudit } from '../../audit';
import {
  addAppearance, addConsent, addObjection, addPerson, liftObjection, listObjections, adviseSession, attachPlan, breachInventory, breachReportPdf, coverage, coverageSummaries, createSessionPlan, deletionConfirmation, deletionConfirmationPdf,
  getPerson, getRecordingInfo, mayBeUnder16, listAppearances, listConsents, listPersons, listSessionPlans, readConsentForm, recordingsWith, retentionDue, retentionPresets, runRetention,
  setPurposeAndRecheck, startAutoRetention, withdrawConsent, type AutoRetention, type AutoRetentionRun, type Person,
} from '../../consent';
import { deleteRecording } from '../../ingest';
import { VaultError } from '../../vault';
import type { consentContract } from '../contracts/consent';
import type { HandlersOf, ServiceContext } from './context';

/**
 * The core reports a bad preset or a missing anchor date as a TypeError; across the contract it
 * must be a VaultError with its sentence, or the transport hides it as an internal error.
 */
function asVaultError(e: unknown): never {
  if (e instanceof TypeError) throw new VaultError('NOT_FOUND', e.message, { cause: e });
  throw e;
}

export function consentHandlers(ctx: ServiceContext): HandlersOf<typeof consentContract> {
  const now = ctx.opts.clock ?? (() => new Date());
  // Automatic retention (R7, H7): at unlock and daily while unlocked; what it deleted waits here
  // until the user dismisses the notice, and goes when the vault locks (it is in the audit log).
  let auto: AutoRetention | null = null;
  let autoRuns: AutoRetentionRun[] = [];
  ctx.afterUnlock((vault) => {
    if (ctx.opts.autoRetention === false) return;
    auto = startAutoRetention(vault, {
      now,
      ...(ctx.opts.retentionIntervalMs ? { intervalMs: ctx.opts.retentionIntervalMs } : {}),
      onRun: (run) => {
        autoRuns.push(run);
        ctx.emit({ type: 'retention.autoDeleted', count: run.deleted.length });
      },
    });
  });
  ctx.beforeLock(async () => {
    const a = auto;
    auto = null;
    autoRuns = [];
    await a?.stop();
  });
  // Whether a person may be under 16 changes with the calendar, so it is worked out on each answer.
  const withAge = (p: Person) => ({ ...p, under16: mayBeUnder16(p, now()) });
  return {
    'persons.add': async (p) => withAge(addPerson(ctx.open(), p)),
    'persons.list': async () => listPersons(ctx.open()).map(withAge),
    'persons.get': async ({ id }) => {
      const v = ctx.open();
      return { person: withAge(getPerson(v, id)), consents: listConsents(v, id), objections: listObjections(v, id), recordings: recordingsWith(v, id) };
    },
    'objections.add': async (o) => addObjection(ctx.open(), { personId: o.personId, purposes: o.purposes, how: o.how ?? null }, now()),
    'objections.lift': async ({ id }) => liftObjection(ctx.open(), id, now()),
    'consents.add': async (c) => addConsent(ctx.open(), c),
    'consents.withdraw': async ({ id, how }) => withdrawConsent(ctx.open(), id, how, now()),
    'consents.form': async ({ id }) => {
      const f = await readConsentForm(ctx.open(), id, now());
      return { type: f.type, dataBase64: f.bytes.toString('base64'), size: f.bytes.length };
    },
    'consents.list': async ({ personId }) => listConsents(ctx.open(), personId),
    'recordings.setPurpose': async (s) => {
      try {
        return setPurposeAndRecheck(ctx.open(), s);
      } catch (e) {
        return asVaultError(e);
      }
    },
    'recordings.consentInfo': async ({ recordingId }) => getRecordingInfo(ctx.open(), recordingId),
    'appearances.add': async (a) => addAppearance(ctx.open(), a),
    'appearances.list': async ({ recordingId }) => listAppearances(ctx.open(), recordingId),
    'coverage.check': async ({ recordingId, purpose, audience }) => coverage(ctx.open(), recordingId, purpose, audience, now()),
    'retention.due': async ({ at }) => retentionDue(ctx.open(), at ? new Date(at) : new Date()),
    'retention.run': async ({ confirm }) => runRetention(ctx.open(), { confirm, now: now() }),
    'retention.autoRuns': async ({ dismiss }) => {
      ctx.open();
      const runs = autoRuns;
      if (dismiss) autoRuns = [];
      return runs;
    },
    'coverage.summaries': async ({ recordingIds }) => coverageSummaries(ctx.open(), recordingIds, now()),
    'sessionPlans.advise': async (p) => adviseSession(ctx.open(), p, now()),
    'sessionPlans.create': async (p) => createSessionPlan(ctx.open(), p, now()),
    'sessionPlans.list': async () => listSessionPlans(ctx.open(), now()),
    'sessionPlans.attach': async ({ planId, recordingId }) => attachPlan(ctx.open(), planId, recordingId, now()),
    'recordings.delete': async ({ recordingId, why, rule, personId }) => deleteRecording(ctx.open(), recordingId, { why, rule, ...(personId ? { personId } : {}) }),
    'reports.deletion': async ({ personId }) => deletionConfirmation(ctx.open(), personId),
    'reports.deletionPdf': async ({ personId }) => ({ pdfBase64: deletionConfirmationPdf(deletionConfirmation(ctx.open(), personId)).toString('base64') }),
    'reports.breachPdf': async () => ({ pdfBase64: breachReportPdf(breachInventory(ctx.open())).toString('base64') }),
    'retention.presets': async () => retentionPresets().map((p) => ({ id: p.id, label: p.label, rule: p.rule, from: p.from, ...(p.anchor ? { anchor: p.anchor } : {}) })),
    'reports.breach': async () => breachInventory(ctx.open()),
    'audit.verify': async () => verifyAudit(ctx.open()),
    'audit.export': async () => exportAudit(ctx.open()),
    'audit.list': async (q) => listAudit(ctx.open(), q),
  };
}
