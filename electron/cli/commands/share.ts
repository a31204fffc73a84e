import type { Command } from '../command';
import { UsageError } from '../errors';

// Placeholder so the command list is wired once; the share issue replaces the body.
export const share: Command = {
  name: 'share',
  summary: 'share (in progress)',
  help: 'Usage: kluis share ...\n',
  options: {},
  positionals: true,
  run() {
    return Promise.reject(new UsageError('kluis share is not built yet.'));
  },
};
