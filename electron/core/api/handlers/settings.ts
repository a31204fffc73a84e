import { readSettings, writeSettings } from '../../settings';
import type { settingsContract } from '../contracts/settings';
import type { HandlersOf, ServiceContext } from './context';

export function settingsHandlers(ctx: ServiceContext): HandlersOf<typeof settingsContract> {
  return {
    'settings.get': async () => readSettings(ctx.open()),
    'settings.set': async (input) => {
      const vault = ctx.open();
      const before = readSettings(vault);
      const after = writeSettings(vault, input);
      // a shorter or longer lock delay changes how exposed the vault is: worth a line in the log
      if (after.autoLockSeconds !== before.autoLockSeconds) ctx.audit({ action: 'settings.changed', subject: 'autoLockSeconds', detail: { from: before.autoLockSeconds, to: after.autoLockSeconds } });
      return after;
    },
  };
}
