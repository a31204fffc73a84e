import type { shareContract } from '../contracts/share';
import type { HandlersOf, ServiceContext } from './context';

export function shareHandlers(_ctx: ServiceContext): HandlersOf<typeof shareContract> {
  return {};
}
