/**
 * Issue 8: cold start to the unlock screen, and unlock to the first library page, each beside a
 * baseline measured in the same run. (Placeholder until the figures are written.)
 */
export async function benchApp(_root: string): Promise<Record<string, { pass: boolean }>> {
  return {};
}
