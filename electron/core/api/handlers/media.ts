import { VaultError } from '../../vault';
import type { mediaContract } from '../contracts/media';
import type { HandlersOf, ServiceContext } from './context';

const notYet = async (): Promise<never> => {
  throw new VaultError('NOT_FOUND', 'Media is not built yet.');
};

export function mediaHandlers(_ctx: ServiceContext): HandlersOf<typeof mediaContract> {
  return {
    'library.query': notYet,
    'recordings.detail': notYet,
    'recordings.rename': notYet,
    'media.open': notYet,
    'media.close': notYet,
    'media.process': notYet,
  };
}
