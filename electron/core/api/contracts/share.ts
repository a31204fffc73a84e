/** The share capability's methods (filled in by its issue). */
export const shareContract = {} as const;
