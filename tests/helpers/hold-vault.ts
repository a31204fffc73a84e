/**
 * Child process for the VAULT_IN_USE test: opens a vault, says "open", and keeps it open
 * until its stdin closes (then locks cleanly) or it is killed (then it leaves a stale lock).
 * Usage: node --import tsx tests/helpers/hold-vault.ts <dir> <password>
 */
import { Vault } from '../../electron/core/vault';

// no top-level await: the package is CommonJS, so tsx compiles this file as CJS
async function main(): Promise<void> {
  const [dir, password] = process.argv.slice(2);
  const vault = await Vault.open(dir!, password!);
  process.stdout.write('open\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    void vault.lock().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
