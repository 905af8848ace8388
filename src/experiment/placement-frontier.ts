/**
 * `frontier --placement`: inventory cost against fill rate over a range of service targets,
 * with the guaranteed-service placement re-solved at each target (placement-plan.ts), beside
 * uniform safety stock at the same targets and the scenario's own policies — so a planner sees
 * how much cheaper the same service is with the stock held in the right places.
 *
 * Every point is one Monte Carlo run of the same seed and replication indices (common random
 * numbers). At each target the placement and the uniform plan are compared paired: the
 * difference in inventory cost and in fill rate, with intervals. The efficient points are
 * marked on the means (pareto.ts), as `frontier` does.
 */
import { kpiStat, type KpiStat, type ReplicationVectors } from './results.ts';
import { paretoFront } from './pareto.ts';
import { placementPlans } from './placement-plan.ts';
import { type Alternative, type ExperimentOptions, type ScenarioInput, kpiColumn, openScenario, patchedAlternative, runAlternatives, withRunner } from './variants.ts';

export interface PlacementFrontierOptions extends ExperimentOptions {
  /** Service targets (probabilities in (0, 1)); default 0.80, 0.85, 0.90, 0.95, 0.98, 0.99. */
  targets?: readonly number[];
}

export interface PlacementFrontierPoint {
  /** Null for the scenario's own policies. */
  target: number | null;
  plan: 'current' | 'uniform' | 'placement';
  /** Analytic safety-stock holding cost [money per day]; null for the scenario's policies. */
  analyticCost: number | null;
  fillRate: KpiStat;
  /** The lowest segment fill rate (mean). */
  worstSegmentFillRate: number | null;
  inventoryCost: KpiStat;
  efficient: boolean;
}

/** At one target: placement − uniform, paired. */
export interface PlacementSaving {
  target: number;
  cost: KpiStat;
  fillRate: KpiStat;
}

export interface PlacementFrontierResult {
  kind: 'placement-frontier';
  scenario: string;
  file: string;
  seed: number;
  replications: number;
  confidence: number;
  targets: number[];
  method: string;
  points: PlacementFrontierPoint[];
  savings: PlacementSaving[];
  [extra: string]: unknown;
}

export const DEFAULT_PLACEMENT_TARGETS = [0.8, 0.85, 0.9, 0.95, 0.98, 0.99];

export const PLACEMENT_FRONTIER_METHOD =
  'at each target, the guaranteed-service placement (re-solved) and uniform safety stock as simulated base-stock levels, beside the scenario’s policies, on common random numbers; efficient points on the means';

/** The frontier of placements over the targets. */
export async function placementFrontier(input: ScenarioInput, opts: PlacementFrontierOptions = {}): Promise<PlacementFrontierResult> {
  const src = openScenario(input, opts.sets);
  const targets = [...new Set(opts.targets ?? DEFAULT_PLACEMENT_TARGETS)].sort((a, b) => a - b);
  for (const t of targets) if (!(t > 0 && t < 1)) throw new RangeError(`targets must be strictly between 0 and 1, got ${t}`);
  const alternatives: Alternative[] = [patchedAlternative(src, 'current', [])];
  const meta: Array<Pick<PlacementFrontierPoint, 'target' | 'plan' | 'analyticCost'>> = [{ target: null, plan: 'current', analyticCost: null }];
  for (const t of targets) {
    const p = placementPlans(src, t);
    for (const plan of ['uniform', 'placement'] as const) {
      alternatives.push(p.alternative(`${plan}@${t}`, plan, 1));
      meta.push({ target: t, plan, analyticCost: p.analyticCost[plan] });
    }
  }
  const seed = opts.seed ?? src.base.seed;
  const replications = opts.replications ?? src.base.replications;
  const level = opts.confidence ?? 0.95;
  const vectors = await withRunner(opts, (runner) => runAlternatives(runner, alternatives, { seed, replications, signal: opts.signal, onProgress: opts.onProgress }));
  const column = (v: ReplicationVectors, kpi: string) => kpiColumn(v, kpi);
  const finite = (xs: ArrayLike<number>) => Array.from(xs).filter(Number.isFinite);
  const segments = Object.keys(src.base.segments);
  const points: PlacementFrontierPoint[] = meta.map((m, i) => {
    const v = vectors[i]!;
    const worst = segments
      .map((seg) => kpiStat(finite(column(v, `segment.${seg}.fillRate`)), level).mean)
      .filter((x): x is number => x !== null)
      .reduce<number | null>((a, x) => (a === null || x < a ? x : a), null);
    return { ...m, fillRate: kpiStat(finite(column(v, 'fillRate')), level), worstSegmentFillRate: worst, inventoryCost: kpiStat(finite(column(v, 'inventoryCost')), level), efficient: false };
  });
  for (const i of paretoFront(points.map((p) => ({ cost: p.inventoryCost.mean ?? NaN, service: p.fillRate.mean ?? NaN })))) points[i]!.efficient = true;
  const paired = (a: ReplicationVectors, b: ReplicationVectors, kpi: string) => {
    const x = column(a, kpi);
    const y = column(b, kpi);
    return kpiStat(finite(Array.from(x, (u, r) => u - y[r]!)), level);
  };
  const savings = targets.map((t, k) => ({
    target: t,
    cost: paired(vectors[2 + 2 * k]!, vectors[1 + 2 * k]!, 'inventoryCost'),
    fillRate: paired(vectors[2 + 2 * k]!, vectors[1 + 2 * k]!, 'fillRate'),
  }));
  return {
    kind: 'placement-frontier',
    scenario: src.base.name,
    file: src.file,
    seed,
    replications,
    confidence: level,
    targets,
    method: PLACEMENT_FRONTIER_METHOD,
    points,
    savings,
  };
}
