/**
 * `optimize --method grid`: every point of the lever grid, evaluated on common random numbers,
 * reduced to the cheapest point meeting every constraint. Unlike the adaptive search, the
 * points are known up front, so the grid can be cut into shards like a sweep (shard-kinds.ts);
 * `gridOptimum` is the one reduction both the local run and `scsim merge` use, so their
 * results.json are byte for byte the same.
 */
import type { ReplicationVectors } from './results.ts';
import type { ScenarioSource } from './variants.ts';
import type { Scenario } from '../scenario/schema.ts';
import { type Evaluated, type MonotonicityViolation, better, evenIndices, product, violationBetween } from './optimize-search.ts';
import { type Constraint, type Lever, type OptimizeProblem, judgePoint, leverAlternative } from './optimize-problem.ts';
import { type Evaluation, type OptimizeResult, optimizeDocument, traceEntry } from './optimize.ts';

/** Most grid points `--method grid` evaluates (unless --max-evaluations says otherwise) [points]. */
export const GRID_LIMIT = 5000;

export const EXHAUSTIVE_GRID_METHOD =
  'every point of the lever grid evaluated on common random numbers (--method grid); the cheapest point meeting every constraint';

/** One grid point: lever indices, its label and its scenario. */
export interface GridPoint {
  x: number[];
  label: string;
  scenario: Scenario;
}

/** The number of grid points, or a message when it exceeds the limit. */
export function gridTooLarge(levers: readonly Lever[], limit: number): string | null {
  const total = levers.reduce((n, l) => n * l.values.length, 1);
  if (total <= limit) return null;
  const sizes = levers.map((l) => `${l.path}: ${l.values.length} values`).join(' × ');
  return `--method grid: the lever grid has ${total} points (${sizes}), more than ${limit}; coarsen the lever steps${limit === GRID_LIMIT ? '' : ' or raise --max-evaluations'}`;
}

/** Every point of the lever grid, the last lever varying fastest, as the search materializes them. */
export function gridPoints(src: ScenarioSource, levers: readonly Lever[]): GridPoint[] {
  return product(levers.map((l) => evenIndices(l.values.length, l.values.length))).map((x) => ({
    x,
    label: levers.map((l, k) => `${l.path}=${l.values[x[k]!]}`).join(' '),
    scenario: leverAlternative(src, levers, x).scenario,
  }));
}

/** What the reduction needs besides the points and their vectors. */
export interface GridContext {
  src: ScenarioSource;
  levers: readonly Lever[];
  problem: OptimizeProblem;
  constraints: readonly Constraint[];
  seed: number;
  replications: number;
  level: number;
}

/** The optimize result of a fully evaluated grid (vectors in point order); no confirmation. */
export function gridOptimum(ctx: GridContext, points: readonly GridPoint[], vectors: readonly ReplicationVectors[]): OptimizeResult {
  const { levers, problem, constraints, level } = ctx;
  const evaluated: Evaluated[] = [];
  const trace: Evaluation[] = [];
  let violation: MonotonicityViolation | null = null;
  let best: Evaluated | null = null;
  points.forEach((p, i) => {
    const e = judgePoint(p.x, p.scenario, vectors[i]!, problem, constraints, level);
    // The same check, in the same order, as the adaptive search runs on each new evaluation.
    if (violation === null) for (const other of evaluated) if ((violation = violationBetween(other, e, levers, level)) !== null) break;
    evaluated.push(e);
    trace.push(traceEntry(levers, e, problem));
    if (better(e, best, problem.verify)) best = e;
  });
  const chosen = best as Evaluated | null;
  if (chosen === null) throw new Error('optimize --method grid: no grid point');
  return optimizeDocument(ctx, {
    method: EXHAUSTIVE_GRID_METHOD,
    search: { method: 'grid', monotonicity: violation === null ? 'held' : 'violated', violation, probes: 0 },
    status: chosen.feasible ? 'optimal' : 'infeasible',
    chosen,
    evaluations: points.length,
    passes: 0,
    trace,
    confirmation: null,
  });
}
