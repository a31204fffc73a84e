import type { redactContract } from '../contracts/redact';
import type { HandlersOf, ServiceContext } from './context';

export function redactHandlers(_ctx: ServiceContext): HandlersOf<typeof redactContract> {
  return {};
}
