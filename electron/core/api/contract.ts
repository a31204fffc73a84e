import { z } from 'zod';

/**
 * The contract between Kluis's core and every front end (Electron IPC, the test host, the CLI).
 * Each method has an input and an output schema; transports validate input with them before
 * the core sees it. The renderer imports only the types from this file.
 */
const Lang = z.enum(['en', 'nl']);
const Password = z.string().min(1).max(1024);
const Empty = z.object({}).strict();

const ItemInfo = z.object({ id: z.string(), name: z.string(), size: z.number(), sha256: z.string(), addedAt: z.string() });

const VerifyReport = z.object({
  ok: z.boolean(),
  header: z.object({ ok: z.boolean(), problem: z.string().optional() }),
  catalog: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
  items: z.array(z.object({ id: z.string(), name: z.string(), ok: z.boolean(), problem: z.string().optional() })),
  backups: z.array(z.object({ file: z.string(), ok: z.boolean(), problem: z.string().optional() })),
  orphans: z.number(),
});

export const contract = {
  'app.status': {
    input: Empty,
    output: z.object({ vault: z.enum(['none', 'locked', 'unlocked']), vaultPath: z.string() }),
  },
  'vault.ratePassword': {
    input: z.object({ password: z.string().max(1024), lang: Lang }).strict(),
    output: z.object({ score: z.number(), acceptable: z.boolean(), warning: z.string(), suggestions: z.array(z.string()) }),
  },
  'vault.create': {
    input: z.object({ password: Password }).strict(),
    output: z.object({ recoveryKey: z.string() }),
  },
  'vault.unlock': { input: z.object({ password: Password }).strict(), output: Empty },
  'vault.lock': { input: Empty, output: Empty },
  'vault.changePassword': { input: z.object({ current: Password, next: Password }).strict(), output: Empty },
  'vault.recover': { input: z.object({ recoveryKey: z.string().min(1).max(200), newPassword: Password }).strict(), output: Empty },
  'vault.verify': { input: Empty, output: VerifyReport },
  'items.list': { input: Empty, output: z.object({ items: z.array(ItemInfo) }) },
  'items.remove': { input: z.object({ id: z.string().regex(/^it_[0-9a-f]{16}$/) }).strict(), output: Empty },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** the input after validation, as the service receives it */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

// Transport types and channel names live in wire.ts, which has no runtime imports, so the
// sandboxed preload can use them without bundling zod.
export * from './wire';
