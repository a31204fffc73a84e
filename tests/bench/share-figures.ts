/** The share figures of `npm run bench` (see docs/benchmarks.md). Each figure carries its own baseline. */
export type Figures = Record<string, { pass: boolean } & Record<string, unknown>>;

export async function benchShare(_root: string): Promise<Figures> {
  return {};
}
