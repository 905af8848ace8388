/**
 * Policy optimisation by simulation: the cheapest lever values (e.g. a base-stock level or
 * target service level per DC, one safety factor per echelon) whose service meets a target —
 * overall, or for every segment.
 *
 * Method (for levers on which service does not fall as the lever rises, like stock levels;
 * each lever takes the values of a finite ascending grid):
 * 1. Start with every lever at its top value. If that misses the target, stop: infeasible.
 * 2. Coordinate bisection: for each lever in turn, the others fixed, bisect its grid for the
 *    lowest value that still meets the constraint (the current value is known to meet it).
 * 3. Exchange: for each ordered pair (i, j), raise lever i one step, lower lever j one step;
 *    if that still meets the constraint, bisect j lower still, and keep the move when its
 *    mean cost is lower. This trades stock between levers that share a constraint (an overall
 *    fill rate fed by several DCs), which bisection alone cannot.
 * 4. Repeat 2–3 while an exchange was accepted; stop when a pass accepts none (a local optimum
 *    on the grid: no single lever can go lower — bisection only lowers levers, so what it found
 *    infeasible stays infeasible — and no one-step exchange is cheaper) or when the evaluation
 *    budget is spent (status `budget`, the best point so far reported).
 * The monotonicity assumption is checked on every evaluation, and when the top point misses
 * the target, on probes below it (optimize-search.ts): once service is seen to fall
 * significantly as a lever rises, bisection stops and a grid or pattern search over the lever
 * ranges takes over; `search` in the result says which method answered, and why.
 *
 * Every evaluation is a Monte Carlo run with the same seed and replication indices (common
 * random numbers), so two candidate points differ by their levers, not by their luck: sample
 * paths are monotone in the levers more often than not, and cost comparisons are paired.
 * Evaluations are cached by point. The constraint holds when the mean (default) — or, with
 * `verify: 'ciLow'`, the confidence interval's lower bound — reaches the target, for each
 * constrained KPI.
 */
import { kpiStat, type KpiStat } from './results.ts';
import {
  type AlternativeResults,
  type ScenarioInput,
  type ScenarioSource,
  kpiColumn,
  openScenario,
  runAlternatives,
  summarizeAlternative,
  withRunner,
} from './variants.ts';
import type { ExperimentRunner } from './runner.ts';
import type { Scenario } from '../scenario/schema.ts';
import {
  type Evaluated,
  type MonotonicityViolation,
  type SearchReport,
  type ServiceCheck,
  better,
  checkSlack,
  evenIndices,
  fallbackSearch,
  tightest,
  violationBetween,
} from './optimize-search.ts';
import {
  type Constraint,
  type Lever,
  type OptimizeOptions,
  type OptimizeProblem,
  allConstraints,
  checkService,
  judgePoint,
  leverAlternative,
  leverParams,
  leversOf,
  problemOf,
} from './optimize-problem.ts';
import { GRID_LIMIT, gridOptimum, gridPoints, gridTooLarge } from './optimize-grid.ts';

export type { SearchReport, ServiceCheck } from './optimize-search.ts';
export type { Constraint, Lever, LeverSpec, OptimizeOptions, OptimizeProblem } from './optimize-problem.ts';

/** One evaluated point, in the order evaluated. */
export interface Evaluation {
  parameters: Record<string, number>;
  cost: KpiStat;
  feasible: boolean;
  /** The constraint with the least slack. */
  tightest: ServiceCheck | null;
}

/** `kind: 'optimize'` results document. */
export interface OptimizeResult {
  kind: 'optimize';
  scenario: string;
  file: string;
  seed: number;
  replications: number;
  confidence: number;
  method: string;
  /** Which search produced the answer: bisection (monotone service), or the grid/pattern fallback. */
  search: SearchReport;
  problem: OptimizeProblem;
  /**
   * optimal: bisection converged, or the fallback grid/pattern search finished; infeasible: no
   * point meets the target (the top values and the probes below them, or the whole fallback);
   * budget: evaluations ran out.
   */
  status: 'optimal' | 'infeasible' | 'budget';
  /** The best point meeting the constraint (the top point when infeasible, for reference). */
  chosen: { parameters: Record<string, number>; cost: KpiStat; service: ServiceCheck[]; results: AlternativeResults };
  evaluations: number;
  passes: number;
  trace: Evaluation[];
  /** The chosen point re-run on fresh replications (indices first … first + replications − 1), when asked. */
  confirmation: { first: number; replications: number; cost: KpiStat; service: ServiceCheck[]; feasible: boolean } | null;
  [extra: string]: unknown;
}

export const OPTIMIZE_METHOD =
  'coordinate bisection then pairwise exchange on a grid, on common random numbers; stops when a pass changes nothing or the budget is spent';
export const GRID_METHOD =
  'every point of the lever grid evaluated on common random numbers (service fell as a lever rose, so bisection was unsafe); the cheapest point meeting the target';
export const PATTERN_METHOD =
  'coarse grid then compass pattern search with halving steps, on common random numbers (service fell as a lever rose, so bisection was unsafe); a local optimum on the grid';

const DEFAULT_MAX_EVALUATIONS = 200;

/** Raised inside the search when the evaluation budget is spent. */
class BudgetSpent extends Error {}
/** Raised inside bisection when an evaluation contradicts the monotonicity assumption. */
class NotMonotone extends Error {}

/**
 * Finds the cheapest lever values meeting the service constraint (see the file comment for
 * the method and its stopping rule). Every evaluation runs on common random numbers.
 */
export async function optimize(input: ScenarioInput, opts: OptimizeOptions = {}): Promise<OptimizeResult> {
  const src = openScenario(input, opts.sets);
  const levers = leversOf(src, opts);
  const problem = problemOf(src, opts, levers);
  const constraints = allConstraints(src, problem);
  const seed = opts.seed ?? src.base.seed;
  const replications = opts.replications ?? src.base.replications;
  const level = opts.confidence ?? 0.95;
  if (opts.method === 'grid') {
    const tooLarge = gridTooLarge(levers, opts.maxEvaluations ?? GRID_LIMIT);
    if (tooLarge !== null) throw new RangeError(`method: ${tooLarge}`);
    const points = gridPoints(src, levers);
    return withRunner(opts, async (runner) => {
      const alternatives = points.map((p) => ({ name: p.x.join(','), scenario: p.scenario }));
      const vectors = await runAlternatives(runner, alternatives, { seed, replications, signal: opts.signal, onProgress: (d) => opts.onProgress?.(d, points.length * replications) });
      const r = gridOptimum({ src, levers, problem, constraints, seed, replications, level }, points, vectors);
      const chosen = points.findIndex((p) => p.x.every((i, k) => levers[k]!.values[i] === r.chosen.parameters[levers[k]!.path]));
      const done = points.length * replications;
      return { ...r, confirmation: await confirmPoint(runner, points[chosen]!.scenario, constraints, problem, { seed, replications, level, done, opts }) };
    });
  }
  const budget = opts.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  return withRunner(opts, (runner) => search(runner, src, levers, problem, constraints, { seed, replications, level, budget, opts }));
}

/**
 * The chosen point re-run on fresh replications, when asked. The search chose on the same
 * futures it compared on, so its winner's interval is optimistic (a winner's curse); fresh
 * replication indices give an unbiased one.
 */
async function confirmPoint(
  runner: ExperimentRunner,
  scenario: Scenario,
  constraints: Constraint[],
  problem: OptimizeProblem,
  ctx: { seed: number; replications: number; level: number; done: number; opts: OptimizeOptions },
): Promise<OptimizeResult['confirmation']> {
  const { seed, replications, level, done, opts } = ctx;
  if (opts.confirm === undefined || opts.confirm <= 0) return null;
  const first = replications;
  const [v] = await runAlternatives(runner, [{ name: 'confirm', scenario }], {
    seed,
    replications: opts.confirm,
    first,
    signal: opts.signal,
    onProgress: (d) => opts.onProgress?.(done + d, done + opts.confirm!),
  });
  const service = checkService(v!, constraints, problem.verify, level);
  return {
    first,
    replications: opts.confirm,
    cost: kpiStat(kpiColumn(v!, problem.costKpi).filter(Number.isFinite), level),
    service,
    feasible: service.every((c) => c.met),
  };
}

async function search(
  runner: ExperimentRunner,
  src: ScenarioSource,
  levers: Lever[],
  problem: OptimizeProblem,
  constraints: Constraint[],
  ctx: { seed: number; replications: number; level: number; budget: number; opts: OptimizeOptions },
): Promise<OptimizeResult> {
  const { seed, replications, level, budget, opts } = ctx;
  const cache = new Map<string, Evaluated>();
  const trace: Evaluation[] = [];
  let violation: MonotonicityViolation | null = null;
  let method: SearchReport['method'] = 'bisection';
  let probes = 0;

  const evaluate = async (x: number[]): Promise<Evaluated> => {
    const key = x.join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    if (cache.size >= budget) throw new BudgetSpent();
    const alternative = leverAlternative(src, levers, x);
    const before = cache.size * replications;
    const [vectors] = await runAlternatives(runner, [alternative], {
      seed,
      replications,
      signal: opts.signal,
      onProgress: (d) => opts.onProgress?.(before + d, before + replications),
    });
    const e = judgePoint(x, alternative.scenario, vectors!, problem, constraints, level);
    if (violation === null)
      for (const other of cache.values()) if ((violation = violationBetween(other, e, levers, level)) !== null) break;
    cache.set(key, e);
    trace.push(traceEntry(levers, e, problem));
    if (violation !== null && method === 'bisection') throw new NotMonotone();
    return e;
  };
  const feasible = async (x: number[]) => (await evaluate(x)).feasible;

  /** Lowest index of lever i (others as in x) that meets the constraint; x[i] is known to. */
  const bisect = async (x: number[], i: number): Promise<number> => {
    let lo = 0;
    let hi = x[i]!;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await feasible(with_(x, i, mid))) hi = mid;
      else lo = mid + 1;
    }
    return hi;
  };

  let x = levers.map((l) => l.values.length - 1);
  let best: Evaluated | null = null;
  let status: OptimizeResult['status'] = 'optimal';
  let passes = 0;
  const bestEvaluated = () => [...cache.values()].reduce<Evaluated | null>((b, e) => (better(e, b, problem.verify) ? e : b), null)!;
  try {
    best = await evaluate(x);
    if (!best.feasible) {
      // A monotone response would be infeasible everywhere; probe evenly spaced values below
      // the top on each lever, which throws NotMonotone if one of them serves better.
      for (let k = 0; k < levers.length; k++)
        for (const i of evenIndices(levers[k]!.values.length, 5))
          if (i !== x[k]) {
            probes++;
            await evaluate(with_(x, k, i));
          }
      status = 'infeasible';
    } else {
      for (;;) {
        passes++;
        // Bisection only lowers levers, and lower levers never raise service, so what a
        // bisection found infeasible stays so: only an accepted exchange warrants another pass.
        let exchanged = false;
        for (let i = 0; i < levers.length; i++) x = with_(x, i, await bisect(x, i));
        best = await evaluate(x);
        for (let i = 0; i < levers.length; i++)
          for (let j = 0; j < levers.length; j++) {
            if (i === j || x[i]! + 1 >= levers[i]!.values.length || x[j]! === 0) continue;
            let y = with_(with_(x, i, x[i]! + 1), j, x[j]! - 1);
            if (!(await feasible(y))) continue;
            y = with_(y, j, await bisect(y, j));
            const e = await evaluate(y);
            if ((e.cost.mean ?? Infinity) < (best.cost.mean ?? Infinity)) {
              x = y;
              best = e;
              exchanged = true;
            }
          }
        if (!exchanged) break;
      }
    }
    best = cache.get(x.join(','))!;
  } catch (err) {
    if (err instanceof BudgetSpent) {
      status = 'budget';
      best = cache.get(x.join(','))!;
    } else if (err instanceof NotMonotone) {
      method = 'grid';
      try {
        const sizes = levers.map((l) => l.values.length);
        const r = await fallbackSearch(sizes, budget - cache.size, evaluate, bestEvaluated(), problem.verify);
        method = r.method;
        best = r.best;
        status = best.feasible ? 'optimal' : 'infeasible';
      } catch (inner) {
        if (!(inner instanceof BudgetSpent)) throw inner;
        method = 'pattern'; // the grid is only chosen when all of it fits in the budget
        status = 'budget';
        best = bestEvaluated();
      }
    } else throw err;
  }
  best = best!;
  const confirmation = await confirmPoint(runner, best.scenario, constraints, problem, { seed, replications, level, done: cache.size * replications, opts });
  return optimizeDocument(
    { src, levers, problem, seed, replications, level },
    {
      method: method === 'bisection' ? OPTIMIZE_METHOD : method === 'grid' ? GRID_METHOD : PATTERN_METHOD,
      search: { method, monotonicity: violation === null ? 'held' : 'violated', violation, probes },
      status,
      chosen: best,
      evaluations: cache.size,
      passes,
      trace,
      confirmation,
    },
  );
}

/** What the adaptive search and the exhaustive grid both know about a run. */
export interface OptimizeRun {
  src: ScenarioSource;
  levers: readonly Lever[];
  problem: OptimizeProblem;
  seed: number;
  replications: number;
  level: number;
}

/** The trace line of an evaluated point. */
export function traceEntry(levers: readonly Lever[], e: Evaluated, problem: OptimizeProblem): Evaluation {
  return { parameters: leverParams(levers, e.x), cost: e.cost, feasible: e.feasible, tightest: tightest(e.checks, problem) };
}

/** The optimize results document: one shape for the adaptive search and `--method grid`. */
export function optimizeDocument(
  run: OptimizeRun,
  found: Pick<OptimizeResult, 'method' | 'search' | 'status' | 'evaluations' | 'passes' | 'trace' | 'confirmation'> & { chosen: Evaluated },
): OptimizeResult {
  const { src, levers, problem, seed, replications, level } = run;
  const { chosen, ...rest } = found;
  return {
    kind: 'optimize',
    scenario: src.base.name,
    file: src.file,
    seed,
    replications,
    confidence: level,
    method: rest.method,
    search: rest.search,
    problem,
    status: rest.status,
    chosen: {
      parameters: leverParams(levers, chosen.x),
      cost: chosen.cost,
      service: chosen.checks,
      results: summarizeAlternative(chosen.scenario, seed, level, chosen.vectors),
    },
    evaluations: rest.evaluations,
    passes: rest.passes,
    trace: rest.trace,
    confirmation: rest.confirmation,
  };
}

/** A copy of x with x[i] = v. */
function with_(x: readonly number[], i: number, v: number): number[] {
  const y = [...x];
  y[i] = v;
  return y;
}
