import type { mediaContract } from '../contracts/media';
import type { HandlersOf, ServiceContext } from './context';

export function mediaHandlers(_ctx: ServiceContext): HandlersOf<typeof mediaContract> {
  return {};
}
