import { Readable, Writable } from 'node:stream';
import { insertDerivedRecording, markDerivedVerified } from '../ingest';
import { ffmpegOutput, isMediaError, MediaError, probeMedia, runFfmpeg, withRangeInput, type ProbeResult } from '../media';
import { VaultError, type StoredBlob, type Vault } from '../vault';
import { compilePlan, effectiveCuts, ENCODE_ARGS, OUTPUT_ARGS, type CompiledPlan } from './compile';
import { inheritConsent } from './inherit';
import type { EditManifest, Verification } from './manifest';
import { activeRanges, renderedTracks, toOutputTime, type Plan, type TimeRange } from './plan';
import { withRenderSource, type RenderSource } from './source';
import { discardDerivative, getPlan, insertDerivative, renderRunning, setDerivativeVerified, sweepUnfinished } from './store';
import { verifyRender, type FrameGeometry } from './verify';

/** Written into every manifest; core cannot read package.json (it sits outside electron/core). */
export const KLUIS_VERSION = '0.1.0';
const RENDER_TIMEOUT_MS = 12 * 60 * 60_000;

export interface RenderProgress {
  phase: 'render' | 'verify' | 'done';
  /** 0..1 of the phase */
  fraction: number;
}

export interface RenderOptions {
  /** the plan version to render; the newest when absent */
  version?: number;
  signal?: AbortSignal;
  onProgress?: (p: RenderProgress) => void;
  log?: (line: string) => void;
  now?: Date;
}

export interface RenderResult {
  recordingId: string;
  sourceId: string;
  planVersion: number;
  manifest: EditManifest;
  /** wall-clock seconds of the ffmpeg render alone (the benchmark's figure) */
  renderSeconds: number;
}

let ffmpegVersionLine: string | null = null;

/** "ffmpeg version 5.1.…", once per process. */
export async function ffmpegVersion(): Promise<string> {
  if (ffmpegVersionLine) return ffmpegVersionLine;
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      parts.push(chunk);
      done();
    },
  });
  await runFfmpeg({ args: ['-version'], stdout: sink });
  ffmpegVersionLine = Buffer.concat(parts).toString('utf8').split('\n')[0]!.trim();
  return ffmpegVersionLine;
}

/** The picture as a player shows it: ffmpeg turns rotated video upright before the filters see it. */
export function geometryOf(p: ProbeResult): FrameGeometry | null {
  if (!p.video) return null;
  const turned = p.video.rotation === 90 || p.video.rotation === 270;
  return { width: turned ? p.video.height : p.video.width, height: turned ? p.video.width : p.video.height, fps: p.video.fps && p.video.fps > 0 ? p.video.fps : 25 };
}

function cancelled(signal: AbortSignal | undefined, e?: unknown): boolean {
  return Boolean(signal?.aborted) || isMediaError(e, 'CANCELLED') || (e instanceof VaultError && e.code === 'CANCELLED');
}

const CANCELLED = (): VaultError => new VaultError('CANCELLED', 'The render was cancelled; nothing was kept and the original is unchanged.');

/**
 * Renders a plan into a new derived recording (docs/redaction-plan.md section 3): ffmpeg reads the
 * source through the loopback range server, takes the graph on stdin and writes fragmented MP4 to
 * stdout, which is encrypted as it arrives. The result is checked (verify.ts) before it is listed;
 * a failed check or a cancel keeps nothing. The original is only read.
 */
export async function renderPlan(vault: Vault, sourceId: string, opts: RenderOptions = {}): Promise<RenderResult> {
  await sweepUnfinished(vault);
  const stored = getPlan(vault, sourceId, opts.version);
  if (stored.version === 0) throw new VaultError('NOT_FOUND', `Recording ${sourceId} has no redaction plan yet; save one first (kluis redact plan ${sourceId} --from plan.json).`);
  const plan = stored.plan;
  const now = opts.now ?? new Date();
  const tools = { ffmpeg: await ffmpegVersion(), kluis: KLUIS_VERSION, encoder: [...ENCODE_ARGS].join(' ') };

  return withRenderSource(vault, sourceId, async (src) => {
    const probe = src.probe;
    const g = geometryOf(probe);
    const duration = src.durationSec;
    const cuts = effectiveCuts(plan, duration);
    const compiled = compilePlan({ ...plan, cuts }, { width: g?.width ?? 0, height: g?.height ?? 0, hasVideo: g !== null, hasAudio: probe.audio != null, sampleRate: probe.audio?.sampleRate ?? null });
    const expectedSec = Math.max(0.001, duration - cuts.reduce((s, c) => s + (c.end - c.start), 0));
    opts.onProgress?.({ phase: 'render', fraction: 0 });

    const started = performance.now();
    const { blob, derivedId } = await renderToVault(vault, sourceId, src, stored.version, compiled, expectedSec, opts);
    const renderSeconds = (performance.now() - started) / 1000;
    renderRunning.add(derivedId);
    try {
      opts.onProgress?.({ phase: 'verify', fraction: 0 });
      const verification = await withRangeInput(vault, { id: blob.id, size: blob.size, name: 'redacted.mp4' }, (outputUrl) =>
        g
          ? verifyRender({ sourceUrl: src.input(), outputUrl, plan, compiled, cuts, geometry: g, hasAudio: probe.audio != null, durationSec: duration }, opts.signal)
          : verifyAudioOnly(src.input(), outputUrl, plan, cuts, expectedSec, opts.signal),
      );
      if (opts.signal?.aborted) throw CANCELLED();
      if (src.readError()) throw src.readError();
      const manifest = manifestOf({ sourceId, derivedId, sha256: src.sha256, partHashes: src.partHashes, blob, plan, planVersion: stored.version, cuts, duration, expectedSec, fps: g?.fps ?? null, tools, verification, now });
      if (!verification.ok) {
        await discardDerivative(vault, derivedId);
        throw new MediaError('FFMPEG_FAILED', `The redacted render of ${sourceId} failed its check: ${verification.problem}. Nothing was kept; check the plan's boxes and times and render again.`);
      }
      const db = vault.catalog;
      db.transaction(() => {
        setDerivativeVerified(vault, derivedId, manifest);
        inheritConsent(vault, sourceId, derivedId, cuts, now);
        markDerivedVerified(vault, derivedId);
      })();
      opts.onProgress?.({ phase: 'done', fraction: 1 });
      return { recordingId: derivedId, sourceId, planVersion: stored.version, manifest, renderSeconds };
    } catch (e) {
      if (vault.isOpen) await discardDerivative(vault, derivedId).catch(() => undefined);
      if (cancelled(opts.signal, e)) throw CANCELLED();
      throw e;
    } finally {
      renderRunning.delete(derivedId);
    }
  });
}

async function renderToVault(
  vault: Vault,
  sourceId: string,
  src: RenderSource,
  planVersion: number,
  compiled: CompiledPlan,
  expectedSec: number,
  opts: RenderOptions,
): Promise<{ blob: StoredBlob; derivedId: string }> {
  let lastReport = 0;
  // Stopping early kills ffmpeg; the blob is committed only after ffmpeg exited with 0 (ffmpegOutput).
  const output = ffmpegOutput({
    // The graph comes on stdin: a long track's expressions outgrow one command-line argument, and a file would be a file on disk.
    args: ['-v', 'error', ...src.input(), '-filter_complex_script', 'pipe:0', ...compiled.maps, ...ENCODE_ARGS, ...OUTPUT_ARGS],
    stdin: Readable.from([Buffer.from(compiled.graph, 'utf8')]),
    signal: opts.signal,
    timeoutMs: RENDER_TIMEOUT_MS,
    log: opts.log,
    onProgress: (p) => {
      if (p.outTimeUs === undefined || Date.now() - lastReport < 500) return;
      lastReport = Date.now();
      opts.onProgress?.({ phase: 'render', fraction: Math.min(0.99, p.outTimeUs / 1e6 / expectedSec) });
    },
  });
  try {
    return await vault.storeStream(output, { name: 'redacted.mp4', signal: opts.signal }, (blob) => {
      const derivedId = insertDerivedRecording(vault, { sourceId, label: `${src.label} (redacted v${planVersion})`, fileName: 'redacted.mp4', blob });
      insertDerivative(vault, { recordingId: derivedId, sourceId, planVersion });
      return { blob, derivedId };
    });
  } catch (e) {
    if (cancelled(opts.signal, e)) throw CANCELLED();
    if (isMediaError(e)) {
      const reason = e.message.split('\n').slice(-1)[0] ?? e.message;
      throw new MediaError('FFMPEG_FAILED', `The redacted copy of ${sourceId} could not be made (${reason.replace(/https?:\/\/127\.0\.0\.1:\d+\/\S+/g, 'the recording')}); nothing was kept.`, { cause: e });
    }
    throw e;
  }
}

async function verifyAudioOnly(sourceUrl: readonly string[], outputUrl: string, plan: Plan, cuts: TimeRange[], expectedSec: number, signal?: AbortSignal): Promise<Verification> {
  const out = await probeMedia(outputUrl);
  const ok = Math.abs((out.duration ?? 0) - expectedSec) <= 0.05;
  const v = await verifyRender({ sourceUrl, outputUrl, plan, compiled: { graph: '', maps: [], boxes: [] }, cuts, geometry: { width: 0, height: 0, fps: 1 }, hasAudio: true, hasVideo: false }, signal);
  const frames = { source: 0, expected: 0, output: 0, ok };
  const problem = ok ? v.problem : `the result lasts ${out.duration ?? 0} s where ${expectedSec} s were expected`;
  return { ...v, frames, ok: problem === null, problem };
}

function manifestOf(m: {
  sourceId: string;
  derivedId: string;
  sha256: string;
  partHashes: string[];
  blob: StoredBlob;
  plan: Plan;
  planVersion: number;
  cuts: TimeRange[];
  duration: number;
  expectedSec: number;
  fps: number | null;
  tools: EditManifest['tools'];
  verification: Verification;
  now: Date;
}): EditManifest {
  const v = m.verification.frames;
  return {
    format: 'kluis-edit-manifest',
    version: 1,
    source: { recordingId: m.sourceId, sha256: m.sha256, durationSec: m.duration, frames: v.source, ...(m.partHashes.length > 1 ? { parts: m.partHashes } : {}) },
    planVersion: m.planVersion,
    output: { recordingId: m.derivedId, sha256: m.blob.sha256, durationSec: m.fps && v.output ? v.output / m.fps : m.expectedSec, frames: v.output },
    cuts: m.cuts.map((c) => ({ start: c.start, end: c.end, outputAt: toOutputTime(c.end, m.cuts) ?? 0 })),
    redacted: renderedTracks(m.plan).map((t) => {
      const active = activeRanges(t);
      return { trackId: t.id, label: t.label, personId: t.personId, style: t.style, shape: t.shape, from: active[0]?.start ?? 0, to: active[active.length - 1]?.end ?? 0 };
    }),
    kept: m.plan.tracks.filter((t) => t.decision !== 'redact').map((t) => ({ trackId: t.id, label: t.label, personId: t.personId, decision: t.decision })),
    frames: m.plan.frames.map((f) => ({ start: f.start, end: f.end, effect: f.effect })),
    audio: m.plan.audio.map((a) => ({ start: a.start, end: a.end, effect: a.effect })),
    tools: m.tools,
    verification: m.verification,
    renderedAt: m.now.toISOString(),
  };
}
