import { isMediaError, MediaQueue, queryLibrary, recordingDetail, renameRecording } from '../../media';
import type { Vault } from '../../vault';
import type { mediaContract } from '../contracts/media';
import type { HandlersOf, ServiceContext } from './context';
import { playbackHandlers } from './playback';

/**
 * The library and its background processing. The queue needs no import events: the catalog is its
 * list of work (verified recordings without a media row), so it is kicked whenever the library is
 * read (after unlock and after every import the UI reloads it) and on media.process.
 */
export function mediaHandlers(ctx: ServiceContext): HandlersOf<typeof mediaContract> {
  let queue: { vault: Vault; q: MediaQueue } | null = null;

  const queueFor = (vault: Vault): MediaQueue => {
    if (queue?.vault === vault) return queue.q;
    const q = new MediaQueue(vault, {
      onUpdated: (id) => ctx.emit({ type: 'media.updated', id }),
      onError: (id, e) => {
        // A MediaError is a sentence for people (ffprobe missing, ...); anything else is a bug worth its stack.
        if (isMediaError(e)) console.error(`kluis: media processing of ${id} stopped: ${e.message}`);
        else console.error(`kluis: media processing of ${id} stopped`, e);
        // recordings.detail carries the reason (queueProblem); the event makes front ends look.
        ctx.emit({ type: 'media.updated', id });
      },
    });
    queue = { vault, q };
    return q;
  };

  // A running ffprobe/ffmpeg reads through the vault; it must end before the keys are dropped.
  ctx.beforeLock(async () => {
    const q = queue?.q;
    queue = null;
    await q?.stop();
  });

  return {
    ...playbackHandlers(ctx),
    'library.query': async (input) => {
      const vault = ctx.open();
      const page = queryLibrary(vault, input);
      queueFor(vault).kick();
      return page;
    },
    'recordings.detail': async ({ id }) => {
      const vault = ctx.open();
      const detail = recordingDetail(vault, id);
      const queueProblem = queue?.vault === vault ? queue.q.problemOf(id) : null;
      return queueProblem ? { ...detail, queueProblem } : detail;
    },
    'recordings.rename': async ({ id, title }) => {
      const vault = ctx.open();
      renameRecording(vault, id, title);
      ctx.audit({ action: 'recording.renamed', subject: id });
      ctx.emit({ type: 'media.updated', id });
      return {};
    },
    'media.process': async ({ id }) => {
      const vault = ctx.open();
      queueFor(vault).request(id);
      return {};
    },
  };
}
