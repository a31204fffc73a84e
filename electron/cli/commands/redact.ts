import { readFile } from 'node:fs/promises';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { write } from '../output';
import { call, COMMON_OPTIONS, only, openService, out } from './consent';
import { recordingIdArg } from './media-service';

export const redact: Command = {
  name: 'redact',
  summary: 'redaction plans and redacted renders (plan|render|show|detect)',
  help: `Usage: kluis redact plan --vault DIR ID --from plan.json [--json]
       kluis redact render --vault DIR ID [--plan-version N] [--json]
       kluis redact show --vault DIR ID [--json]
       kluis redact detect --vault DIR ID [--every N] [--json]

plan     saves plan.json as the recording's next plan version (docs/redaction-plan.md);
         tracks still "undecided" block sharing until someone decides them.
render   renders the newest plan (or --plan-version N) into a new derived recording,
         checks it (duration, every box changed, muted audio below -60 dB) and prints
         its recording id. The original is never changed. Progress goes to stderr.
show     a recording's plan versions and derivatives; for a derivative its source and
         edit manifest (cuts, what was blurred, tool versions, the checks).
detect   finds faces (offline, on the CPU; docs/detection.md) in every Nth frame
         (--every N, default 10), tracks them between, and saves them as undecided
         tracks in the next plan version. Decide each one (redact, keep, not a person)
         in the app or in a plan before the recording can be shared.
`,
  options: { ...COMMON_OPTIONS, from: { type: 'string' }, 'plan-version': { type: 'string' }, every: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub === 'plan') {
      only(values, sub, ['from']);
      const id = recordingIdArg(rest);
      const from = values.from;
      if (typeof from !== 'string' || !from) throw new UsageError('redact plan needs --from plan.json.');
      let plan: unknown;
      try {
        plan = JSON.parse(await readFile(from, 'utf8'));
      } catch (e) {
        throw new UsageError(`${from} is not a readable JSON plan (${(e as Error).message}).`);
      }
      const service = await openService(values, session);
      const saved = await call(service, 'redact.planSave', { id, plan: plan as never });
      for (const w of saved.warnings) await write(process.stderr, `kluis: warning: ${w}\n`);
      await out(values, saved, `${id}: plan version ${saved.version} saved (${saved.plan.tracks.length} tracks, ${saved.plan.cuts.length} cuts${saved.undecided.length ? `; undecided: ${saved.undecided.join(', ')}` : ''})`);
      return EXIT.OK;
    }
    if (sub === 'render') {
      only(values, sub, ['plan-version']);
      const id = recordingIdArg(rest);
      const pv = values['plan-version'];
      if (pv !== undefined && (typeof pv !== 'string' || !/^[1-9]\d*$/.test(pv))) throw new UsageError(`--plan-version takes a positive whole number, not "${String(pv)}".`);
      const service = await openService(values, session);
      const tty = process.stderr.isTTY;
      const off = service.onEvent((e) => {
        if (tty && e.type === 'redact.progress') process.stderr.write(`\r${e.progress.phase} ${Math.round(e.progress.fraction * 100)}%`);
      });
      const stop = (): void => void call(service, 'redact.cancel', { id });
      session.signal.addEventListener('abort', stop, { once: true });
      try {
        const r = await call(service, 'redact.render', { id, ...(pv ? { version: Number(pv) } : {}) });
        await out(values, r, r.recordingId);
        return EXIT.OK;
      } finally {
        off();
        session.signal.removeEventListener('abort', stop);
        if (tty) process.stderr.write('\r\x1b[K');
      }
    }
    if (sub === 'show') {
      only(values, sub, []);
      const id = recordingIdArg(rest);
      const service = await openService(values, session);
      const s = await call(service, 'redact.show', { id });
      const lines = [`${id}`, `  plan versions  ${s.planVersions.length ? s.planVersions.join(', ') : 'none'}`];
      if (s.undecided.length) lines.push(`  undecided      ${s.undecided.join(', ')} (sharing is refused until decided)`);
      for (const d of s.derivatives) lines.push(`  derivative     ${d.recordingId} (plan v${d.planVersion}, ${d.createdAt})`);
      if (s.derivedFrom) {
        lines.push(`  derived from   ${s.derivedFrom.sourceId} (plan v${s.derivedFrom.planVersion})`, `  redacted       ${s.derivedFrom.redactedPersons.join(', ') || '-'}`);
        const m = s.derivedFrom.manifest as { cuts?: { start: number; end: number }[]; tools?: { ffmpeg: string }; verification?: { ok: boolean } } | null;
        for (const c of m?.cuts ?? []) lines.push(`  cut            ${c.start} s - ${c.end} s`);
        if (m?.tools) lines.push(`  made with      ${m.tools.ffmpeg}`);
        if (m?.verification) lines.push(`  checked        ${m.verification.ok ? 'passed' : 'FAILED'}`);
      }
      await out(values, s, lines.join('\n'));
      return EXIT.OK;
    }
    if (sub === 'detect') {
      only(values, sub, ['every']);
      const id = recordingIdArg(rest);
      const every = values.every;
      if (every !== undefined && (typeof every !== 'string' || !/^[1-9]\d*$/.test(every))) throw new UsageError(`--every takes a positive whole number of frames, not "${String(every)}".`);
      const service = await openService(values, session);
      const tty = process.stderr.isTTY;
      const off = service.onEvent((e) => {
        if (tty && e.type === 'redact.progress') process.stderr.write(`\rdetect ${Math.round(e.progress.fraction * 100)}%`);
      });
      const stop = (): void => void call(service, 'redact.cancel', { id });
      session.signal.addEventListener('abort', stop, { once: true });
      try {
        const r = await call(service, 'redact.detect', { id, ...(every ? { everyNth: Number(every) } : {}) });
        await out(values, r, `${id}: ${r.found} face track(s) found, saved as undecided in plan version ${r.plan.version}${r.plan.undecided.length ? ` (undecided: ${r.plan.undecided.join(', ')})` : ''}`);
        return EXIT.OK;
      } finally {
        off();
        session.signal.removeEventListener('abort', stop);
        if (tty) process.stderr.write('\r\x1b[K');
      }
    }
    throw new UsageError(sub ? `There is no "redact ${sub}"; use plan, render, show or detect.` : 'Say what to do: redact plan, render, show or detect.');
  },
};
