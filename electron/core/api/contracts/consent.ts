/** Consent methods (filled in by its issue). */
export const consentContract = {} as const;
