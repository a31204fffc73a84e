/**
 * An error written for people: a code for programs and one sentence that says what went wrong
 * and what to do. Every capability's error (VaultError, MediaError, ShareError, PlanError) is one,
 * so transports pass exactly these across as {code, message}; anything else is a bug and crosses
 * only as INTERNAL, never with its stack or paths.
 */
export class CodedError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
