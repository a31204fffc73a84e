/** The redact capability's methods (filled in by its issue). */
export const redactContract = {} as const;
