import { z } from 'zod';
import { Empty } from './common';

const Lang = z.enum(['en', 'nl']);
const Password = z.string().min(1).max(1024);

const ItemInfo = z.object({ id: z.string(), name: z.string(), size: z.number(), sha256: z.string(), addedAt: z.string() });

const VerifyReport = z.object({
  ok: z.boolean(),
  header: z.object({ ok: z.boolean(), problem: z.string().optional() }),
  catalog: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
  items: z.array(z.object({ id: z.string(), name: z.string(), ok: z.boolean(), problem: z.string().optional() })),
  backups: z.array(z.object({ file: z.string(), ok: z.boolean(), problem: z.string().optional() })),
  orphans: z.number(),
});

/** Creating, unlocking and keeping the vault, and the plain items the CLI adds. */
export const vaultContract = {
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
