import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ratePassword, Vault, VaultError } from '../../vault';
import type { vaultContract } from '../contracts/vault';
import type { HandlersOf, ServiceContext } from './context';

async function vaultExists(dir: string): Promise<boolean> {
  return access(join(dir, 'kluis-vault.json')).then(
    () => true,
    () => false,
  );
}

export function vaultHandlers(ctx: ServiceContext): HandlersOf<typeof vaultContract> {
  // Failed unlocks happen while the vault is locked, so nothing can be written then: they are
  // counted here and written as one 'vault.unlockFailed' entry after the next good unlock.
  let failedUnlocks: string[] = [];
  return {
    'app.status': async () => ({
      vault: ctx.current() ? 'unlocked' : (await vaultExists(ctx.opts.vaultDir)) ? 'locked' : 'none',
      vaultPath: ctx.opts.vaultDir,
    }),
    'vault.ratePassword': async ({ password, lang }) => ratePassword(password, lang),
    'vault.create': async ({ password }) => {
      if (ctx.current()) throw new VaultError('VAULT_EXISTS', 'A vault is already open here.');
      const { vault, recoveryKey } = await Vault.create(ctx.opts.vaultDir, password, { kdf: ctx.opts.kdf });
      ctx.unlocked(vault);
      return { recoveryKey };
    },
    'vault.unlock': async ({ password }) => {
      if (ctx.current()) return {};
      let vault: Vault;
      try {
        vault = await Vault.open(ctx.opts.vaultDir, password);
      } catch (e) {
        if (e instanceof VaultError && e.code === 'WRONG_PASSWORD') failedUnlocks.push(new Date().toISOString());
        throw e;
      }
      ctx.unlocked(vault);
      if (failedUnlocks.length) {
        ctx.audit({ action: 'vault.unlockFailed', detail: { count: failedUnlocks.length, first: failedUnlocks[0]!, last: failedUnlocks.at(-1)!, times: failedUnlocks.join(',') } });
        failedUnlocks = [];
      }
      ctx.audit({ action: 'vault.unlocked' });
      return {};
    },
    'vault.lock': async () => {
      await ctx.lock('user');
      return {};
    },
    'vault.changePassword': async ({ current, next }) => {
      await ctx.open().changePassword(current, next);
      return {};
    },
    'vault.recover': async ({ recoveryKey, newPassword }) => {
      if (ctx.current()) throw new VaultError('VAULT_IN_USE', 'Lock the vault before recovering it with the recovery key.');
      await Vault.recover(ctx.opts.vaultDir, recoveryKey, newPassword);
      return {};
    },
    'vault.verify': async () => ctx.open().verify(),
    'items.list': async () => ({ items: ctx.open().listItems() }),
    'items.remove': async ({ id }) => {
      await ctx.open().removeItem(id);
      ctx.audit({ action: 'item.removed', subject: id });
      return {};
    },
  };
}
