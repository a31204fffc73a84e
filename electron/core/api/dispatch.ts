import { CodedError } from '../errors';
import { contract, METHODS, type Method, type WireError, type WireResult } from './contract';
import type { KluisService } from './service';

export function isMethod(name: string): name is Method {
  return (METHODS as string[]).includes(name);
}

export type DispatchResult = WireResult;

/** What crosses a transport when a call fails: never a stack, never an internal path. */
export function toWireError(e: unknown): WireError {
  // Vault, media, share and plan errors are written for people (see core/errors).
  if (e instanceof CodedError) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: 'Kluis hit an unexpected error; the details are in its log.' };
}

/**
 * The single entry for every transport: checks the method name, validates the input against
 * the contract, calls the service and returns a result that serialises as JSON.
 */
export async function dispatch(service: KluisService, method: string, rawInput: unknown): Promise<DispatchResult> {
  if (!isMethod(method)) return { ok: false, error: { code: 'BAD_REQUEST', message: `There is no method "${method}".` } };
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid input for ${method}: ${issue?.path.join('.') || 'input'} ${issue?.message ?? ''}`.trim() } };
  }
  try {
    const handler = service.handlers[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    if (!(e instanceof CodedError)) console.error(`kluis: ${method} failed`, e);
    return { ok: false, error: toWireError(e) };
  }
}
