import { derivativeInfo, derivativesFrom, getPlan, proposeDetectedTracks, redactedPersons, renderPlan, renderPreview, savePlan, sweepPreviews, type StoredPlan } from '../../redact';
import { VaultError } from '../../vault';
import type { redactContract } from '../contracts/redact';
import type { HandlersOf, ServiceContext } from './context';

const BLUR_WARNING = 'A track uses blur: a light blur can be reversed. Kluis blurs strongly, but pixelate or solid cannot be undone at all.';

function view(vault: Parameters<typeof getPlan>[0], p: StoredPlan) {
  return {
    ...p,
    undecided: p.plan.tracks.filter((t) => t.decision === 'undecided').map((t) => t.id),
    warnings: p.plan.tracks.some((t) => t.style === 'blur' && t.decision === 'redact') ? [BLUR_WARNING] : [],
  };
}

/** Plans, renders and manifests. One render at a time per recording; locking cancels them. */
export function redactHandlers(ctx: ServiceContext): HandlersOf<typeof redactContract> {
  const running = new Map<string, { ctrl: AbortController; done: Promise<unknown> }>();
  ctx.beforeLock(async (vault) => {
    for (const r of running.values()) r.ctrl.abort();
    await Promise.all([...running.values()].map((r) => r.done.catch(() => undefined)));
    // Previews are short-lived: none outlives the session it was made in.
    await sweepPreviews(vault);
  });
  // A crash or power cut skipped the lock: the next unlock removes what it left.
  ctx.afterUnlock((vault) => sweepPreviews(vault).then(() => undefined));

  return {
    'redact.planGet': async ({ id, version }) => {
      const vault = ctx.open();
      return view(vault, getPlan(vault, id, version));
    },
    'redact.planSave': async ({ id, plan }) => {
      const vault = ctx.open();
      // checks zod cannot express (increasing keyframe times, unique ids) throw PlanError: PLAN_INVALID
      const saved = savePlan(vault, id, plan);
      ctx.audit({ action: 'redact.planSaved', subject: id, detail: { version: saved.version, tracks: saved.plan.tracks.length, cuts: saved.plan.cuts.length } });
      return view(vault, saved);
    },
    'redact.render': async ({ id, version }) => {
      const vault = ctx.open();
      if (running.has(id)) throw new VaultError('BUSY', `Recording ${id} is already being rendered; wait for it or cancel it.`);
      const ctrl = new AbortController();
      const done = renderPlan(vault, id, {
        ...(version ? { version } : {}),
        signal: ctrl.signal,
        onProgress: (p) => ctx.emit({ type: 'redact.progress', progress: { recordingId: id, ...p } }),
      });
      running.set(id, { ctrl, done });
      try {
        const r = await done;
        ctx.audit({ action: 'redact.rendered', subject: r.recordingId, detail: { source: id, planVersion: r.planVersion, cuts: r.manifest.cuts.length, redacted: r.manifest.redacted.length } });
        return { recordingId: r.recordingId, sourceId: r.sourceId, planVersion: r.planVersion, manifest: r.manifest as unknown as Record<string, unknown> };
      } finally {
        running.delete(id);
      }
    },
    'redact.detect': async ({ id, everyNth }) => {
      const vault = ctx.open();
      if (running.has(id)) throw new VaultError('BUSY', `Recording ${id} is busy (detection or a render); wait for it or cancel it.`);
      const ctrl = new AbortController();
      const done = proposeDetectedTracks(vault, id, {
        ...(everyNth ? { everyNth } : {}),
        signal: ctrl.signal,
        onProgress: (fraction) => ctx.emit({ type: 'redact.progress', progress: { recordingId: id, phase: 'detect', fraction } }),
      });
      running.set(id, { ctrl, done });
      try {
        const r = await done;
        ctx.audit({ action: 'redact.detected', subject: id, detail: { found: r.found, planVersion: r.plan.version } });
        return { plan: view(vault, r.plan), found: r.found };
      } finally {
        running.delete(id);
      }
    },
    'redact.preview': async ({ id, plan, start, end }) => {
      const vault = ctx.open();
      if (running.has(id)) throw new VaultError('BUSY', `Recording ${id} is busy (a render, detection or preview); wait for it or cancel it.`);
      const ctrl = new AbortController();
      const done = renderPreview(vault, id, { plan, start, end }, { signal: ctrl.signal, onProgress: (fraction) => ctx.emit({ type: 'redact.progress', progress: { recordingId: id, phase: 'render', fraction } }) });
      running.set(id, { ctrl, done });
      try {
        const r = await done;
        ctx.audit({ action: 'redact.previewed', subject: id, detail: { start: r.start, end: r.end, tracks: plan.tracks.length } });
        return r;
      } finally {
        running.delete(id);
      }
    },
    'redact.cancel': async ({ id }) => {
      running.get(id)?.ctrl.abort();
      return {};
    },
    'redact.show': async ({ id }) => {
      const vault = ctx.open();
      const plan = getPlan(vault, id);
      const d = derivativeInfo(vault, id);
      return {
        recordingId: id,
        planVersions: plan.versions,
        undecided: plan.plan.tracks.filter((t) => t.decision === 'undecided').map((t) => t.id),
        derivatives: derivativesFrom(vault, id).map((x) => ({ recordingId: x.recordingId, planVersion: x.planVersion, createdAt: x.createdAt })),
        derivedFrom: d ? { sourceId: d.sourceId, planVersion: d.planVersion, redactedPersons: redactedPersons(vault, id), manifest: (d.manifest as unknown as Record<string, unknown>) ?? null } : null,
      };
    },
  };
}
