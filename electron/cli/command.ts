import type { Options, Parsed } from './args';
import type { Session } from './session';

export interface Command {
  name: string;
  /** one line for `kluis --help` */
  summary: string;
  /** the full text for `kluis NAME --help` */
  help: string;
  options: Options;
  positionals: boolean;
  /** returns the exit code; throws for failures, which main reports */
  run(args: Parsed, session: Session): Promise<number>;
}
