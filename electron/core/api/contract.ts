import type { z } from 'zod';
import { consentContract } from './contracts/consent';
import { ingestContract } from './contracts/ingest';
import { mediaContract } from './contracts/media';
import { redactContract } from './contracts/redact';
import { settingsContract } from './contracts/settings';
import { shareContract } from './contracts/share';
import { vaultContract } from './contracts/vault';

/**
 * The contract between Kluis's core and every front end (Electron IPC, the test host, the CLI).
 * Each method has an input and an output schema; transports validate input with them before
 * the core sees it. The renderer imports only the types from this file. Each capability keeps
 * its methods in contracts/<capability>.ts.
 */
export const contract = {
  ...vaultContract,
  ...ingestContract,
  ...mediaContract,
  ...consentContract,
  ...redactContract,
  ...shareContract,
  ...settingsContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** the input after validation, as the service receives it */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export { ImportProgress, ImportReport } from './contracts/ingest';

// Transport types and channel names live in wire.ts, which has no runtime imports, so the
// sandboxed preload can use them without bundling zod.
export * from './wire';
