import { isVaultError, type VaultErrorCode } from '../core/api';

/** Exit codes; docs/cli.md lists them, scripts depend on them. */
export const EXIT = {
  OK: 0,
  DAMAGED: 1,
  /** import: not every clip was verified (or, with --wipe, wiped) */
  INCOMPLETE: 1,
  USAGE: 2,
  FAILED: 3,
} as const;

/** 128 + signal number, as shells report a process ended by that signal. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
export type HandledSignal = keyof typeof SIGNAL_EXIT;

/** Bad arguments: the user can fix the command line; main adds a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The run was stopped by SIGINT/SIGTERM (or Ctrl-C at a prompt) before it finished. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: HandledSignal) {
    super(`interrupted by ${signal}`);
  }
}

const DAMAGE: ReadonlySet<VaultErrorCode> = new Set(['HEADER_DAMAGED', 'CATALOG_DAMAGED', 'BLOB_DAMAGED']);

export function exitCodeFor(e: unknown): number {
  if (e instanceof UsageError) return EXIT.USAGE;
  if (isVaultError(e) && DAMAGE.has(e.code)) return EXIT.DAMAGED;
  return EXIT.FAILED;
}

/** One sentence for people; the stack only when KLUIS_DEBUG=1 asks for it. */
export function describe(e: unknown, command: string | undefined): string {
  const debug = process.env.KLUIS_DEBUG === '1';
  let text: string;
  if (e instanceof UsageError) {
    text = `kluis${command ? ` ${command}` : ''}: ${e.message}\nRun "kluis${command ? ` ${command}` : ''} --help" for usage.`;
  } else if (isVaultError(e)) {
    text = `kluis: ${e.message}`;
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    text = `kluis: unexpected error: ${msg}${debug ? '' : ' (set KLUIS_DEBUG=1 for details)'}`;
  }
  if (debug && e instanceof Error) {
    text += `\n${e.stack ?? ''}`;
    if (e.cause instanceof Error) text += `\ncaused by: ${e.cause.stack ?? e.cause.message}`;
  }
  return text;
}
