/** A failed call as the UI sees it, whichever transport carried it. */
export class KluisError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KluisError';
  }
}

export function toKluisError(e: unknown): KluisError {
  if (e instanceof KluisError) return e;
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return new KluisError(code, message);
  }
  return new KluisError('INTERNAL', e instanceof Error ? e.message : String(e));
}
