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
      if (!ctx.current()) ctx.unlocked(await Vault.open(ctx.opts.vaultDir, password));
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
      return {};
    },
  };
}
