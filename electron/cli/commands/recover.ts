import { Vault } from '../../core/api';
import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { getSecret } from '../secrets';
import { vaultDir, VAULT_OPTION } from '../session';

export const recover: Command = {
  name: 'recover',
  summary: 'set a new password with the recovery key',
  help: `Usage: kluis recover --vault DIR --recovery-key-file F --new-password-file F

Sets a new password using the recovery key printed by "kluis init". Case, spaces and
dashes in the key do not matter; a typo is caught by its last group. Without the
file options both are asked on the terminal. The recovery key keeps working.
`,
  options: { ...VAULT_OPTION, 'recovery-key-file': { type: 'string' }, 'new-password-file': { type: 'string' } },
  positionals: false,
  async run({ values, positionals }, session) {
    if (positionals.length) throw new UsageError(`recover takes no arguments besides options (got "${positionals[0]}").`);
    const dir = await vaultDir(values, { mustExist: true });
    const key = await getSecret({ file: str(values, 'recovery-key-file'), what: 'recovery key', flag: '--recovery-key-file' }, session.signal);
    const next = await getSecret({ file: str(values, 'new-password-file'), what: 'new password', flag: '--new-password-file', confirm: true }, session.signal);
    session.checkpoint();
    await Vault.recover(dir, key, next);
    process.stderr.write('A new password was set; the recovery key still works.\n');
    return EXIT.OK;
  },
};
