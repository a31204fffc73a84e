// Shared by the tests beside it; nothing in the product imports this.
/** The error a promise rejects with; a promise that resolves fails the test. */
export async function rejectionOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
