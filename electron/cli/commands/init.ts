import { Vault } from '../../core/api';
import { positiveInt, str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { write } from '../output';
import { getSecret } from '../secrets';
import { vaultDir, PASSWORD_OPTION, VAULT_OPTION } from '../session';

export const init: Command = {
  name: 'init',
  summary: 'create a vault; prints its recovery key once',
  help: `Usage: kluis init --vault DIR [--password-file F] [--kdf-memory-mib N --kdf-iterations N]

Creates a new vault in DIR (which must be empty or not exist yet) and prints its
recovery key on stdout, once. Write it down: it is the only way back in when the
password is lost, and Kluis does not store it.

  --password-file F     read the password from F (one trailing newline is ignored);
                        otherwise $KLUIS_PASSWORD_FILE, otherwise asked twice on the terminal
  --kdf-memory-mib N    Argon2id memory in MiB (at least 64; default 256)
  --kdf-iterations N    Argon2id passes (at least 3; default: calibrated to ~0.65 s here)
`,
  options: { ...VAULT_OPTION, ...PASSWORD_OPTION, 'kdf-memory-mib': { type: 'string' }, 'kdf-iterations': { type: 'string' } },
  positionals: false,
  async run({ values, positionals }, session) {
    if (positionals.length) throw new UsageError(`init takes no arguments besides options (got "${positionals[0]}").`);
    const dir = await vaultDir(values, { mustExist: false });
    const memoryMiB = positiveInt(values, 'kdf-memory-mib');
    const iterations = positiveInt(values, 'kdf-iterations');
    const password = await getSecret(
      { file: str(values, 'password-file'), envVar: 'KLUIS_PASSWORD_FILE', what: 'password', flag: '--password-file', confirm: true },
      session.signal,
    );
    session.checkpoint();
    const kdf = { ...(memoryMiB ? { memoryKiB: memoryMiB * 1024 } : {}), ...(iterations ? { iterations } : {}) };
    const { vault, recoveryKey } = await Vault.create(dir, password, { kdf });
    session.adopt(vault);
    // Printed even if a signal came in meanwhile: the vault exists now, and this is the only chance.
    await write(process.stdout, `${recoveryKey}\n`);
    process.stderr.write(`Created a vault in ${dir}. The line above is its recovery key: write it down and keep it apart from the laptop. It is shown only now.\n`);
    return EXIT.OK;
  },
};
