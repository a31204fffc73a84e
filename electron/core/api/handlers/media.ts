import { MediaQueue, queryLibrary, recordingDetail, renameRecording } from '../../media';
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
      onError: (id, e) => console.error(`kluis: media processing of ${id} stopped`, e),
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
    'recordings.detail': async ({ id }) => recordingDetail(ctx.open(), id),
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
