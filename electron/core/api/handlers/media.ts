import { VaultError } from '../../vault';
import type { mediaContract } from '../contracts/media';
import type { HandlersOf, ServiceContext } from './context';
import { playbackHandlers } from './playback';

const notYet = async (): Promise<never> => {
  throw new VaultError('NOT_FOUND', 'Media is not built yet.');
};

export function mediaHandlers(ctx: ServiceContext): HandlersOf<typeof mediaContract> {
  return {
    ...playbackHandlers(ctx),
    'library.query': notYet,
    'recordings.detail': notYet,
    'recordings.rename': notYet,
    'media.process': notYet,
  };
}
