import { z } from 'zod';
import { AUTO_LOCK_MAX_SECONDS, AUTO_LOCK_MIN_SECONDS } from '../../settings';
import { Empty } from './common';

const Settings = z.object({ autoLockSeconds: z.number().int() });

/** The vault owner's preferences (stored encrypted in the catalog). */
export const settingsContract = {
  'settings.get': { input: Empty, output: Settings },
  'settings.set': {
    input: z.object({ autoLockSeconds: z.number().int().min(AUTO_LOCK_MIN_SECONDS).max(AUTO_LOCK_MAX_SECONDS).optional() }).strict(),
    output: Settings,
  },
} as const;
