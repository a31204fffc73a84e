import { KluisService, type KluisEvent, type Output } from '../../core/api';
import { Interrupted, UsageError } from '../errors';
import { str, type Values } from '../args';
import { getSecret } from '../secrets';
import { vaultDir, type Session } from '../session';

export type Detail = Output<'recordings.detail'>;

/**
 * The media commands go through the service rather than the vault alone: the service owns the
 * background queue, which must be stopped (and its ffmpeg ended) before the vault locks.
 */
export async function withMediaService<T>(values: Values, session: Session, job: (s: KluisService) => Promise<T>): Promise<T> {
  const dir = await vaultDir(values, { mustExist: true });
  const password = await getSecret({ file: str(values, 'password-file'), envVar: 'KLUIS_PASSWORD_FILE', what: 'password', flag: '--password-file' }, session.signal);
  session.checkpoint();
  const service = new KluisService({ vaultDir: dir, autoRetention: false });
  await service.handlers['vault.unlock']({ password });
  try {
    session.checkpoint();
    return await job(service);
  } finally {
    await service.lock('quit');
  }
}

/** A failure the queue reported for this recording (ffprobe missing, ...), as an Error for the caller. */
export class MediaJobFailed extends Error {
  override readonly name = 'MediaJobFailed';
}

/**
 * Queues the recording first in line (media.process) and resolves with its detail once it is no
 * longer pending; Ctrl-C stops the wait and the lock then cancels the job.
 */
export async function processNow(service: KluisService, id: string, session: Session, done: (d: Detail) => boolean = (d) => d.row.playability !== 'pending'): Promise<Detail> {
  const detail = (): Promise<Detail> => service.handlers['recordings.detail']({ id });
  await detail(); // an unknown id fails here, before anything is queued
  return new Promise<Detail>((resolve, reject) => {
    const finish = (f: () => void): void => {
      clearInterval(poll);
      off();
      session.signal.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = (): void => finish(() => reject(new Interrupted(session.interruptedBy ?? 'SIGINT')));
    const check = (): void =>
      void detail().then(
        (d) => {
          if (d.queueProblem) finish(() => reject(new MediaJobFailed(d.queueProblem)));
          else if (done(d)) finish(() => resolve(d));
        },
        (err: unknown) => finish(() => reject(err as Error)),
      );
    const off = service.onEvent((e: KluisEvent) => {
      if (e.type === 'media.updated' && e.id === id) check();
    });
    // Events drive it; the poll also keeps the process alive (an empty event loop would end the CLI with exit 0 mid-wait).
    const poll = setInterval(check, 1000);
    session.signal.addEventListener('abort', onAbort, { once: true });
    service.handlers['media.process']({ id }).catch((err: unknown) => finish(() => reject(err as Error)));
  });
}

const fixed = (n: number | null | undefined, digits: number): string => (n === null || n === undefined ? '-' : n.toFixed(digits));

/** "2.0 s", "1:02:03" */
export function formatDuration(sec: number | null): string {
  if (sec === null) return '-';
  if (sec < 60) return `${sec.toFixed(1)} s`;
  const s = Math.round(sec);
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

export function playbackText(row: Detail['row']): string {
  switch (row.playability) {
    case 'original':
      return 'plays as it is';
    case 'needs-proxy':
      return `needs a playback proxy (proxy: ${row.proxy.status})`;
    case 'proxy':
      return 'plays from its proxy';
    case 'unplayable':
      return row.problem ?? 'cannot be played';
    default:
      return 'not probed yet';
  }
}

/** The probe as people read it: one fact per line. */
export function probeText(d: Detail): string {
  const p = d.probe;
  const lines = [`${d.row.id}  ${d.row.title}`];
  const add = (k: string, v: string): void => void lines.push(`  ${k.padEnd(12)}${v}`);
  add('playback', playbackText(d.row));
  if (p) {
    add('duration', formatDuration(p.durationSec));
    add('container', p.container);
    if (p.video) add('video', `${p.video.codec} ${p.video.width}x${p.video.height}, ${fixed(p.video.fps, 3)} fps${p.video.rotation ? `, rotated ${p.video.rotation}°` : ''}`);
    if (p.audio) add('audio', `${p.audio.codec}, ${p.audio.sampleRate ?? '-'} Hz, ${p.audio.channels ?? '-'} channel(s)`);
    if (p.bitRate) add('bit rate', `${Math.round(p.bitRate / 1000)} kb/s`);
    if (p.creationTime) add('created', p.creationTime);
  }
  for (const f of d.files) add('file', `${f.relPath} (${f.role}, ${f.size} bytes)`);
  if (d.identifying.length) {
    lines.push(`  identifying metadata (names a person, device or place):`);
    for (const t of d.identifying) lines.push(`    ${t.key} = ${t.value}  (${t.why})`);
  }
  return `${lines.join('\n')}\n`;
}

/** The one recording ID a media command takes, checked before the vault is opened. */
export function recordingIdArg(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('Name exactly one recording ID ("kluis recordings" lists them).');
  const id = positionals[0]!;
  if (!/^rec_[0-9a-f]{16}$/.test(id)) throw new UsageError(`"${id}" is not a recording ID; they look like rec_0123456789abcdef ("kluis recordings" lists them).`);
  return id;
}
