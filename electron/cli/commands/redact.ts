import type { Command } from '../command';
import { UsageError } from '../errors';

// Placeholder so the command list is wired once; the redact issue replaces the body.
export const redact: Command = {
  name: 'redact',
  summary: 'redact (in progress)',
  help: 'Usage: kluis redact ...\n',
  options: {},
  positionals: true,
  run() {
    return Promise.reject(new UsageError('kluis redact is not built yet.'));
  },
};
