import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

export interface Parsed {
  values: Values;
  positionals: string[];
}

// A secret on the command line shows up in `ps` and in shell history.
const SECRET_FLAGS = /^--(password|new-password|recovery-key|passphrase)(=|$)/;

export function parse(argv: string[], options: Options, allowPositionals: boolean): Parsed {
  const secret = argv.find((a) => SECRET_FLAGS.test(a));
  if (secret) {
    const flag = secret.split('=')[0]!;
    throw new UsageError(`Kluis never takes a secret as an argument (it would show in the process list); use ${flag}-file F instead.`);
  }
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, options), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    // parseArgs' messages name the option and the problem, which is what the user needs.
    throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional.*$/s, '.') : String(e));
  }
}

/**
 * parseArgs takes "-100" after "--range" for an option and refuses it; a suffix range is
 * written that way, so a value that is a dash and digits is joined to its string option.
 */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function required(values: Values, name: string): string {
  const v = str(values, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required.`);
  return v;
}

export function positiveInt(values: Values, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) <= 0) throw new UsageError(`--${name} takes a positive whole number, not "${v}".`);
  return Number(v);
}
