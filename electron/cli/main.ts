import { parse } from './args';
import { COMMANDS } from './commands';
import { describe, exitCodeFor, EXIT, Interrupted, SIGNAL_EXIT, UsageError, type HandledSignal } from './errors';
import { isBrokenPipe } from './output';
import { Session } from './session';

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: kluis COMMAND --vault DIR [options]

Kluis keeps recordings in an encrypted vault folder.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

The password comes from --password-file F, or the file named by $KLUIS_PASSWORD_FILE,
or is asked on the terminal; never from an argument.
Exit status: 0 ok, 1 something is damaged (import: not every clip verified/wiped),
2 usage error, 3 any other failure,
130/143 interrupted. Run "kluis COMMAND --help" for a command's options.
`;
}

async function run(argv: string[], session: Session): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(generalHelp());
    return EXIT.OK;
  }
  if (!name) {
    process.stderr.write(generalHelp());
    return EXIT.USAGE;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) throw new UsageError(`There is no command "${name}"; the commands are ${COMMANDS.map((c) => c.name).join(', ')}.`);
  const args = parse(rest, cmd.options, cmd.positionals);
  if (args.values.help) {
    process.stdout.write(cmd.help);
    return EXIT.OK;
  }
  return cmd.run(args, session);
}

async function main(argv: string[]): Promise<number> {
  const session = new Session();
  const onSignal = (sig: HandledSignal): void => {
    // A second signal means "now": the lock file is left behind, and the next unlock takes it over.
    if (session.interruptedBy) process.exit(SIGNAL_EXIT[sig]);
    session.interrupt(sig);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Without a listener an EPIPE on stdout would be thrown as an uncaught exception.
  process.stdout.on('error', () => undefined);
  const commandName = COMMANDS.some((c) => c.name === argv[0]) ? argv[0] : undefined;
  let code: number;
  try {
    code = await run(argv, session);
  } catch (e) {
    if (isBrokenPipe(e)) {
      // The reader of stdout went away (`kluis ls | head -1`): what it wanted, it got.
      code = EXIT.OK;
    } else if (session.interruptedBy || e instanceof Interrupted) {
      const sig = session.interruptedBy ?? (e as Interrupted).signal;
      const detail = e instanceof Interrupted ? 'stopped before finishing' : describe(e, commandName).replace(/^kluis: /, '');
      process.stderr.write(`kluis: interrupted (${sig}): ${detail}\n`);
      code = SIGNAL_EXIT[sig];
    } else {
      process.stderr.write(`${describe(e, commandName)}\n`);
      code = exitCodeFor(e);
    }
  }
  try {
    await session.close();
  } catch (e) {
    process.stderr.write(`${describe(e, commandName)}\n`);
    if (code === EXIT.OK) code = exitCodeFor(e);
  }
  return code;
}

// exitCode rather than exit(): stdout may still be draining into a pipe.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
