/**
 * The cost vs service frontier: sweep the inventory levers (safety stock or target service
 * level per site, number of open DCs as a swept variant, …), then mark which points are
 * efficient — no other point is at least as cheap AND at least as good, and better in one.
 *
 * Dominance is judged on the means. Because every point runs on common random numbers, a
 * dominance can also be tested replication by replication: a point is *confidently*
 * dominated when, for some dominating point, the paired interval of the cost difference lies
 * at or below 0 and that of the service difference at or above 0 (one of them strictly) —
 * the dominance is then not an accident of the sampled futures.
 *
 * Default axes: `inventoryCost` (holding + ordering) against `fillRate`; the scenario's
 * `frontier:` section or the options choose others (e.g. `logisticsCost` and `otif`, or
 * segment KPIs like `segment.retail.otif`).
 */
import { ScenarioError } from '../scenario/errors.ts';
import { dominators, paretoFront } from './pareto.ts';
import { kpiStat, type KpiStat, type ReplicationVectors } from './results.ts';
import { pairedDifference } from './stats.ts';
import { runSweep, sweepCsv, sweepPlan, sweepResult, type SweepMeta, type SweepOptions, type SweepPointResult, type SweepResult } from './sweep.ts';
import { kpiColumn, kpiProblem, openScenario, problemAt, type ScenarioInput, type ScenarioSource } from './variants.ts';

export interface FrontierOptions extends SweepOptions {
  /** Cost axis (lower is better); default the scenario's `frontier.costKpi`, else inventoryCost. */
  costKpi?: string;
  /** Service axis (higher is better); default the scenario's `frontier.serviceKpi`, else fillRate. */
  serviceKpi?: string;
}

export interface FrontierPoint extends SweepPointResult {
  /** The cost KPI across replications. */
  cost: KpiStat;
  /** The service KPI across replications. */
  service: KpiStat;
  /** Some other point is no worse on both axes and better on one (on the means). */
  dominated: boolean;
  /** Labels of the points that dominate this one. */
  dominatedBy: string[];
  /** Dominated with paired intervals that agree (see the file comment). */
  confidentlyDominated: boolean;
}

/** `kind: 'frontier'` results document. */
export interface FrontierResult extends SweepMeta {
  kind: 'frontier';
  costKpi: string;
  serviceKpi: string;
  points: FrontierPoint[];
  /** Labels of the efficient points, cheapest first. */
  frontier: string[];
  [extra: string]: unknown;
}

/** The axes: options, else the scenario's `frontier:` section, checked against the scenario's KPIs. */
export function frontierAxes(src: ScenarioSource, opts: Pick<FrontierOptions, 'costKpi' | 'serviceKpi'>): { costKpi: string; serviceKpi: string } {
  const section = src.base.frontier;
  const pick = (given: string | undefined, field: 'costKpi' | 'serviceKpi', fallback: string): string => {
    const kpi = given ?? section?.[field] ?? fallback;
    const problem = kpiProblem(src.base, kpi);
    if (problem === null) return kpi;
    if (given === undefined && section) throw problemAt(src, ['frontier', field], problem);
    throw new RangeError(`${field}: ${problem}`);
  };
  return { costKpi: pick(opts.costKpi, 'costKpi', 'inventoryCost'), serviceKpi: pick(opts.serviceKpi, 'serviceKpi', 'fillRate') };
}

/** Pairs without a NaN on either side (a KPI that did not apply in some replication). */
function finitePairs(a: Float64Array, b: Float64Array): [Float64Array, Float64Array] {
  const keep: number[] = [];
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) keep.push(i);
  return [Float64Array.from(keep, (i) => a[i]!), Float64Array.from(keep, (i) => b[i]!)];
}

/** True when j's paired intervals against i show j no costlier and no worse, strictly so on one axis. */
function confidentlyBetter(cost: Float64Array[], service: Float64Array[], j: number, i: number, level: number): boolean {
  const [ci, cj] = finitePairs(cost[i]!, cost[j]!);
  const [si, sj] = finitePairs(service[i]!, service[j]!);
  if (ci.length < 2 || si.length < 2) return false;
  const dc = pairedDifference(ci, cj, level);
  const ds = pairedDifference(si, sj, level);
  return dc.ciHigh <= 0 && ds.ciLow >= 0 && (dc.ciHigh < 0 || ds.ciLow > 0);
}

/** Marks dominance on a finished sweep. Exported for tests and for reports built on a sweep. */
export function frontierOf(
  sweepDoc: SweepResult,
  vectors: readonly ReplicationVectors[],
  costKpi: string,
  serviceKpi: string,
): FrontierResult {
  const level = sweepDoc.confidence;
  const cost = vectors.map((v) => kpiColumn(v, costKpi));
  const service = vectors.map((v) => kpiColumn(v, serviceKpi));
  const stat = (xs: Float64Array) => kpiStat(xs.filter(Number.isFinite), level);
  const costStats = cost.map(stat);
  const serviceStats = service.map(stat);
  const means = costStats.map((c, i) => ({ cost: c.mean ?? Number.NaN, service: serviceStats[i]!.mean ?? Number.NaN }));
  const dom = dominators(means);
  const front = paretoFront(means);
  const points: FrontierPoint[] = sweepDoc.points.map((pt, i) => ({
    ...pt,
    cost: costStats[i]!,
    service: serviceStats[i]!,
    dominated: dom[i]!.length > 0,
    dominatedBy: dom[i]!.map((j) => sweepDoc.points[j]!.label),
    confidentlyDominated: dom[i]!.some((j) => confidentlyBetter(cost, service, j, i, level)),
  }));
  const { kind: _kind, points: _points, ...rest } = sweepDoc;
  return { ...rest, kind: 'frontier', costKpi, serviceKpi, points, frontier: front.map((i) => sweepDoc.points[i]!.label) };
}

/**
 * Sweeps the levers (the scenario's `sweep:` section, or `params`/`parameters`) on common
 * random numbers and returns every point with its cost and service intervals, marking the
 * dominated ones and listing the efficient frontier.
 */
export async function frontier(input: ScenarioInput, opts: FrontierOptions = {}): Promise<FrontierResult> {
  const src = openScenario(input, opts.sets);
  const { costKpi, serviceKpi } = frontierAxes(src, opts);
  const plan = sweepPlan(src, opts);
  if (plan.parameters.length === 0) throw new ScenarioError([{ file: src.file, line: 1, col: 1, path: 'sweep', message: 'nothing to sweep' }]);
  const run = await runSweep(src, plan, opts);
  return frontierOf(sweepResult(run), run.vectors, costKpi, serviceKpi);
}

/** frontier.csv: sweep.csv with the point's `dominated` flag and `dominatedBy` labels after the parameters. */
export function frontierCsv(r: FrontierResult): string {
  return sweepCsv(r, [
    ['dominated', (p) => p.dominated],
    ['confidentlyDominated', (p) => p.confidentlyDominated],
    ['dominatedBy', (p) => p.dominatedBy.join('; ')],
  ]);
}
