/**
 * The problem `optimize` solves, from options and the scenario's `optimize:` section: the
 * levers and their grids, the cost, and the constraints — the service KPI overall or per
 * segment at a target, plus any `--constraint KPI>=value` / `KPI<=value` on any KPI
 * (overall, `segment.<id>.<kpi>`, `site.<id>.<kpi>`).
 */
import { ScenarioError } from '../scenario/errors.ts';
import { locate, type PatchOrigin } from '../scenario/load.ts';
import type { OptimizeSpec } from '../scenario/schema.ts';
import { kpiStat, type ReplicationVectors } from './results.ts';
import { formatParamValue, parseParamArg, parseRange } from './sweep.ts';
import { type Alternative, type ExperimentOptions, type ScenarioSource, kpiColumn, kpiProblem, patchedAlternative, problemAt, wildcardPatch } from './variants.ts';
import { type Evaluated, type ServiceCheck, checkSlack } from './optimize-search.ts';

/** A lever's values: a range or a list. */
export type LeverSpec = { min: number; max: number; step?: number } | readonly number[];

/** A lever: a field path (wildcards allowed) and its ascending grid of values. */
export interface Lever {
  path: string;
  values: number[];
  origin: PatchOrigin;
}

export interface OptimizeOptions extends ExperimentOptions {
  /** `path=lo:hi[:step]` or `path=v1,v2,…` arguments; they replace the section's levers. */
  levers?: readonly string[];
  /** Levers as data (path → spec), for library callers. */
  leverSpecs?: Record<string, LeverSpec>;
  serviceKpi?: 'fillRate' | 'otif';
  target?: number;
  per?: 'overall' | 'segment';
  costKpi?: string;
  verify?: 'mean' | 'ciLow';
  /** Most Monte Carlo evaluations (points) to run; default 200 (with method `grid`: the grid's bound, default GRID_LIMIT). */
  maxEvaluations?: number;
  /** auto: bisection then exchanges, falling back to a grid or pattern search; grid: every point of the lever grid (optimize-grid.ts). */
  method?: 'auto' | 'grid';
  /** More constraints, `KPI>=value` or `KPI<=value` (e.g. `site.dc-north.fillRate>=0.9`, `segment.retail.otif>=0.97`). */
  constraints?: readonly string[];
  /** Re-run the chosen point on this many fresh replications (indices after the search's) and report its interval. */
  confirm?: number;
}

/** One constraint: a KPI id, a direction and a bound. */
export interface Constraint {
  kpi: string;
  op: '>=' | '<=';
  target: number;
}

export interface OptimizeProblem {
  levers: Array<{ path: string; min: number; max: number; values: number }>;
  serviceKpi: 'fillRate' | 'otif';
  /** Service target of `serviceKpi` (overall or per segment); null when only `constraints` constrain. */
  target: number | null;
  per: 'overall' | 'segment';
  costKpi: string;
  verify: 'mean' | 'ciLow';
  /** Constraints besides the service target (`--constraint`). */
  constraints: Constraint[];
}

/** A lever spec as an ascending grid. */
function leverValues(spec: LeverSpec): number[] {
  if (Array.isArray(spec)) return [...new Set(spec as number[])].sort((a, b) => a - b);
  const { min, max, step = 1 } = spec as { min: number; max: number; step?: number };
  return parseRange(`${min}:${max}:${step}`) ?? [];
}

/** The levers: arguments, else data, else the scenario's `optimize.levers`. */
export function leversOf(src: ScenarioSource, opts: OptimizeOptions): Lever[] {
  let levers: Lever[];
  if (opts.levers && opts.levers.length > 0) {
    levers = opts.levers.map((arg, i) => {
      const p = parseParamArg(arg, i, '--lever');
      if (!p.values.every((v) => typeof v === 'number' && Number.isFinite(v)))
        throw new ScenarioError([{ ...p.origin, path: p.path, message: `lever values must be numbers (lo:hi:step or v1,v2,…), got ${p.values.map(formatParamValue).join(', ')}` }]);
      return { path: p.path, values: leverValues(p.values as number[]), origin: p.origin };
    });
  } else if (opts.leverSpecs && Object.keys(opts.leverSpecs).length > 0) {
    levers = Object.entries(opts.leverSpecs).map(([path, spec], i) => ({
      path,
      values: leverValues(spec),
      origin: { file: 'levers', line: i + 1, col: 1, label: `lever ${path}` },
    }));
  } else {
    const section = src.base.optimize;
    if (!section) throw problemAt(src, [], 'nothing to optimise: declare an optimize: section, or give --lever path=lo:hi[:step]');
    levers = Object.entries(section.levers).map(([path, spec]) => ({
      path,
      values: leverValues(spec),
      origin: { ...locate(src.doc, ['optimize', 'levers', path], true).loc, label: `optimize lever ${path}` },
    }));
  }
  for (const l of levers)
    if (l.values.length === 0) throw new ScenarioError([{ ...l.origin, path: l.path, message: 'a lever needs at least one value (min ≤ max)' }]);
  return levers;
}

/** The problem: options first, then the scenario's `optimize:` section, then defaults. */
export function problemOf(src: ScenarioSource, opts: OptimizeOptions, levers: Lever[]): OptimizeProblem {
  const s: Partial<OptimizeSpec> = src.base.optimize ?? {};
  const target = opts.target ?? s.target ?? null;
  const extra = (opts.constraints ?? []).map((arg) => parseConstraint(src, arg));
  if (target === null && extra.length === 0)
    throw problemAt(src, [], 'no service target: give --target (e.g. 0.95), optimize.target or --constraint KPI>=value');
  if (target !== null && !(target >= 0 && target <= 1)) throw new RangeError(`target must be between 0 and 1, got ${target}`);
  const costKpi = opts.costKpi ?? s.costKpi ?? 'inventoryCost';
  const problem = kpiProblem(src.base, costKpi);
  if (problem !== null) {
    if (opts.costKpi === undefined && s.costKpi !== undefined) throw problemAt(src, ['optimize', 'costKpi'], problem);
    throw new RangeError(`costKpi: ${problem}`);
  }
  return {
    levers: levers.map((l) => ({ path: l.path, min: l.values[0]!, max: l.values[l.values.length - 1]!, values: l.values.length })),
    serviceKpi: opts.serviceKpi ?? s.serviceKpi ?? 'fillRate',
    target,
    per: opts.per ?? s.per ?? 'segment',
    costKpi,
    verify: opts.verify ?? s.verify ?? 'mean',
    constraints: extra,
  };
}

/** Every constraint checked at each point: the service target's (overall, or each segment's), then the extra ones. */
export function allConstraints(src: ScenarioSource, p: OptimizeProblem): Constraint[] {
  const { target, serviceKpi } = p;
  const service: Constraint[] =
    target === null
      ? []
      : p.per === 'overall'
        ? [{ kpi: serviceKpi, op: '>=', target }]
        : Object.keys(src.base.segments).map((id) => ({ kpi: `segment.${id}.${serviceKpi}`, op: '>=' as const, target }));
  return [...service, ...p.constraints];
}

/** `KPI>=value` or `KPI<=value`, the KPI one the scenario reports. */
function parseConstraint(src: ScenarioSource, arg: string): Constraint {
  const m = /^\s*([^<>=\s]+)\s*(>=|<=)\s*(\S+)\s*$/.exec(arg);
  const value = m ? Number(m[3]) : NaN;
  if (!m || !Number.isFinite(value)) throw new RangeError(`constraint: "${arg}" is not KPI>=value or KPI<=value (e.g. site.dc-north.fillRate>=0.9)`);
  const problem = kpiProblem(src.base, m[1]!);
  if (problem !== null) throw new RangeError(`constraint: ${problem}`);
  return { kpi: m[1]!, op: m[2] as '>=' | '<=', target: value };
}

/** Checks every constraint; a KPI undefined in every replication (no demand) is met trivially. */
export function checkService(v: ReplicationVectors, constraints: readonly Constraint[], verify: 'mean' | 'ciLow', level: number): ServiceCheck[] {
  return constraints.map(({ kpi, op, target }) => {
    const s = kpiStat(kpiColumn(v, kpi).filter(Number.isFinite), level);
    const c: ServiceCheck = { kpi, op, target, mean: s.mean, ciLow: s.ciLow, ciHigh: s.ciHigh, met: false };
    const slack = checkSlack(c, verify);
    c.met = s.n === 0 || (slack !== null && slack >= -1e-12);
    return c;
  });
}


/** The lever values of grid point x (indices into each lever's values), by lever path. */
export function leverParams(levers: readonly Lever[], x: readonly number[]): Record<string, number> {
  return Object.fromEntries(levers.map((l, k) => [l.path, l.values[x[k]!]!]));
}

/** The scenario of grid point x, keyed by its indices (the search and the grid build it alike). */
export function leverAlternative(src: ScenarioSource, levers: readonly Lever[], x: readonly number[]): Alternative {
  const patches = levers.map((l, k) => wildcardPatch(src, l.path, l.values[x[k]!], l.origin));
  return patchedAlternative(src, x.join(','), patches);
}

/** Grid point x judged on its replications: the cost KPI's statistic and every constraint's check. */
export function judgePoint(
  x: readonly number[],
  scenario: Evaluated['scenario'],
  vectors: ReplicationVectors,
  problem: OptimizeProblem,
  constraints: readonly Constraint[],
  level: number,
): Evaluated {
  const cost = kpiStat(kpiColumn(vectors, problem.costKpi).filter(Number.isFinite), level);
  const checks = checkService(vectors, constraints, problem.verify, level);
  return { x: [...x], scenario, vectors, cost, checks, feasible: checks.every((c) => c.met) };
}
