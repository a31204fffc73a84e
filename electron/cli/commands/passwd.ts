import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { getSecret } from '../secrets';
import { PASSWORD_OPTION, VAULT_OPTION } from '../session';

export const passwd: Command = {
  name: 'passwd',
  summary: 'change the password',
  help: `Usage: kluis passwd --vault DIR [--password-file F] --new-password-file F

Changes the password. The current one comes from --password-file, $KLUIS_PASSWORD_FILE
or the terminal; the new one from --new-password-file or the terminal (asked twice).
Only the password slot in the header is rewritten, atomically: after a crash either
the old or the new password works. The recovery key stays the same.
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, 'new-password-file': { type: 'string' } },
  positionals: false,
  async run({ values, positionals }, session) {
    if (positionals.length) throw new UsageError(`passwd takes no arguments besides options (got "${positionals[0]}").`);
    const vault = await session.unlock(values);
    const current = await getSecret({ file: str(values, 'password-file'), envVar: 'KLUIS_PASSWORD_FILE', what: 'password', flag: '--password-file' }, session.signal);
    const next = await getSecret({ file: str(values, 'new-password-file'), what: 'new password', flag: '--new-password-file', confirm: true }, session.signal);
    session.checkpoint();
    await vault.changePassword(current, next);
    process.stderr.write('The password was changed.\n');
    return EXIT.OK;
  },
};
