import { z } from 'zod';
import { Empty } from './common';

/** Shorter than a minute would lock while someone is still reading a consent form. */
const AUTO_LOCK_MIN_SECONDS = 60;
const AUTO_LOCK_MAX_SECONDS = 4 * 60 * 60;

const Settings = z.object({ autoLockSeconds: z.number().int() });

/** The vault owner's preferences (stored encrypted in the catalog). */
export const settingsContract = {
  'settings.get': { input: Empty, output: Settings },
  'settings.set': {
    input: z.object({ autoLockSeconds: z.number().int().min(AUTO_LOCK_MIN_SECONDS).max(AUTO_LOCK_MAX_SECONDS).optional() }).strict(),
    output: Settings,
  },
} as const;
