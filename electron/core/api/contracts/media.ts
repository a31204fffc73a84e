/** Media methods (filled in by its issue). */
export const mediaContract = {} as const;
