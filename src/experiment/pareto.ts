/**
 * Pareto dominance for two objectives: a cost to minimise and a service to maximise.
 *
 * Point j dominates point i when j costs no more AND serves no worse, and is strictly better
 * in at least one of the two. A point no other point dominates is on the efficient frontier.
 * Points with an undefined (NaN) cost or service are compared with nothing: they neither
 * dominate nor are dominated, and are never on the frontier.
 */

/** One point's means on the two axes. */
export interface ParetoInput {
  cost: number;
  service: number;
}

/** True when `a` dominates `b` (no worse on both axes, strictly better on one). */
export function dominates(a: ParetoInput, b: ParetoInput): boolean {
  if (![a.cost, a.service, b.cost, b.service].every(Number.isFinite)) return false;
  return a.cost <= b.cost && a.service >= b.service && (a.cost < b.cost || a.service > b.service);
}

/** For each point, the indices of the points that dominate it (empty for frontier points). */
export function dominators(points: readonly ParetoInput[]): number[][] {
  return points.map((p) => points.flatMap((q, j) => (dominates(q, p) ? [j] : [])));
}

/**
 * Indices of the efficient points (non-dominated, with finite values), ordered by cost
 * ascending (then service descending), which is also service ascending along the frontier.
 */
export function paretoFront(points: readonly ParetoInput[]): number[] {
  const dom = dominators(points);
  return points
    .map((p, i) => i)
    .filter((i) => dom[i]!.length === 0 && Number.isFinite(points[i]!.cost) && Number.isFinite(points[i]!.service))
    .sort((i, j) => points[i]!.cost - points[j]!.cost || points[j]!.service - points[i]!.service || i - j);
}
