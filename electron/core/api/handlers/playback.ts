import { VaultError } from '../../vault';
import type { mediaContract } from '../contracts/media';
import type { HandlersOf, ServiceContext } from './context';

type PlaybackMethods = Pick<typeof mediaContract, 'media.open' | 'media.close'>;

const notYet = async (): Promise<never> => {
  throw new VaultError('NOT_FOUND', 'Playback is not built yet.');
};

/** Playback tickets: opaque per-session tokens the media handler resolves; all revoked at lock. */
export function playbackHandlers(_ctx: ServiceContext): HandlersOf<PlaybackMethods> {
  return { 'media.open': notYet, 'media.close': notYet };
}
