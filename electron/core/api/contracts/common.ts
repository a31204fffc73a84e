import { z } from 'zod';

/** Shapes several capabilities' contracts share. */
export const Empty = z.object({}).strict();
