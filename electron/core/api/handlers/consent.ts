import type { consentContract } from '../contracts/consent';
import type { HandlersOf, ServiceContext } from './context';

export function consentHandlers(_ctx: ServiceContext): HandlersOf<typeof consentContract> {
  return {};
}
