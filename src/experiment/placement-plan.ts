/**
 * `optimize --placement`: where in a multi-echelon network to hold safety stock. Builds the
 * guaranteed-service model (placement.ts) from a scenario's stocks, solves it, turns the plan
 * into base-stock levels per stock, and simulates it on common random numbers beside two
 * references: the scenario's own policies, and "uniform" safety stock (every stock decoupled:
 * it covers its own replenishment time at the same safety factor, the textbook single-echelon
 * rule applied everywhere).
 *
 * From scenario to model, per stock (site × product) that some demand reaches:
 * - processing time T: the mean replenishment time of its own step (supplier lead time incl.
 *   expected lateness and the lane, or the lane from an upstream stock, or the production
 *   estimate of policies.ts), rounded to the nearest whole day (the model is in integer
 *   days; the exact mean is reported beside it);
 * - a stock bought from a supplier has external inbound service time 0 (the supplier's lead
 *   time is in T); a stock served by another stock, or made from components, is linked to it;
 * - σ and μ per day: the demand of everything it feeds (policies.ts demandMoments, compound
 *   Poisson, root-sum-square across branches);
 * - h: its holding cost per unit-day; customer-facing stocks quote 0 days (serve from stock);
 * - z = Φ⁻¹(target): the demand bound of the model (a cycle service level per stage).
 * Base-stock level = ⌈μ·NLT + z·σ·√NLT⌉ (a pass-through stock with NLT = 0 holds none); a stock
 * with a fixed cost per order gets (r, Q) with that level as reorder point and the economic lot.
 * The model ignores lead-time variability and capacity, and guarantees service by assuming
 * demand beyond the bound is met some other way; the simulation shows what is left of the
 * promise when it is not, which is why the plan is verified (and corrected) by simulation.
 *
 * Correction by simulation: the analytic plans (uniform and placement) need not give the
 * target service when simulated, so each is scaled — base stock μ·NLT + k·z·σ·√NLT with one
 * factor k for all its stocks — to the smallest k on a grid (0 … 4, step 0.05) whose simulated
 * fill rate meets the target in every segment, by bisection on common random numbers (more
 * stock everywhere does not lower the fill rate of a non-perishable network). The two corrected
 * plans then give the same service, and their paired cost difference is the saving.
 */
import { normalQuantile } from '../engine/special-functions.ts';
import { buildNetwork, type Network, SourceKind } from '../model/network.ts';
import { demandMoments, leadTimeMoments, lotSize } from '../model/policies.ts';
import type { Patch } from '../scenario/load.ts';
import { kpiStat, type KpiStat, type ReplicationVectors } from './results.ts';
import { type GsmEdge, type GsmSolution, type GsmStage, solveGsm, stagePlan } from './placement.ts';
import {
  type Alternative,
  type AlternativeResults,
  type ExperimentOptions,
  type ScenarioInput,
  type ScenarioSource,
  kpiColumn,
  openScenario,
  patchedAlternative,
  runAlternatives,
  summarizeAlternative,
  withRunner,
} from './variants.ts';

export interface PlacementOptions extends ExperimentOptions {
  /** Service target: z = Φ⁻¹(target) [probability]; default 0.95. */
  target?: number;
}

/** One stock's place in the plan. */
export interface PlacementStock {
  stock: string;
  site: string;
  product: string;
  /** Processing time T [days]: the mean replenishment time of its own step, rounded. */
  processingTime: number;
  /** That mean before rounding [days]. */
  meanReplenishmentDays: number;
  /** Mean and standard deviation of the demand it serves [units/day, units/√day]. */
  demandMean: number;
  demandSd: number;
  /** Holding cost [money per unit-day]. */
  holdingCost: number;
  /** The guaranteed-service plan: committed service times [days], net lead time [days], levels [units]. */
  S: number;
  SI: number;
  netLeadTime: number;
  safetyStock: number;
  baseStock: number;
  /** Uniform reference: the same stock decoupled (S = SI = 0), its base-stock level [units]. */
  uniformBaseStock: number;
}

/** One simulated policy set. */
export interface PlacementArm {
  /** The scenario's policies; the analytic plans; the plans scaled to meet the target. */
  name: 'current' | 'uniform' | 'placement' | 'uniform-corrected' | 'placement-corrected';
  /** Scale k of the plan's safety stock (1 = analytic; null for the scenario's policies). */
  safetyFactor: number | null;
  /** Analytic safety-stock holding cost × k [money per day] (null for the scenario's policies). */
  analyticCost: number | null;
  /** Every segment's simulated fill rate (mean) meets the target. */
  metTarget: boolean;
  fillRate: KpiStat;
  /** The lowest segment fill rate (mean) and its segment. */
  worstSegment: { segment: string; fillRate: KpiStat } | null;
  inventoryCost: KpiStat;
  /** Paired difference of inventory cost (this − uniform; corrected placement − corrected uniform) [money]. */
  costVsUniform: KpiStat | null;
  results: AlternativeResults;
}

export interface PlacementResult {
  kind: 'placement';
  scenario: string;
  file: string;
  seed: number;
  replications: number;
  confidence: number;
  target: number;
  z: number;
  method: string;
  /** Analytic safety-stock holding cost of each plan [money per day]. */
  analyticCost: { uniform: number; placement: number };
  stocks: PlacementStock[];
  arms: PlacementArm[];
  /** Simulated policy sets (each one Monte Carlo run on the same seed and replications). */
  evaluations: number;
  [extra: string]: unknown;
}

/** Grid of the correction factor k: 0 … K_STEPS·K_STEP. */
const K_STEP = 0.05;
const K_STEPS = 80;

export const PLACEMENT_METHOD =
  'guaranteed-service model (Graves & Willems 2000): committed service times by dynamic programming over the stocks’ tree, minimising safety-stock holding cost at z = Φ⁻¹(target); base-stock levels simulated on common random numbers beside the scenario’s policies and uniform (decoupled) safety stock';

/** The guaranteed-service model of a scenario's network: its stages and links. */
export function placementModel(net: Network, z: number): { stages: GsmStage[]; edges: GsmEdge[]; index: number[] } {
  const demand = demandMoments(net);
  const index = net.stockPoints.filter((sp) => demand[sp.index]!.mean > 0).map((sp) => sp.index);
  const inModel = new Set(index);
  const stages: GsmStage[] = [];
  const edges: GsmEdge[] = [];
  for (const i of index) {
    const sp = net.stockPoints[i]!;
    const d = demand[i]!;
    const T = Math.round(leadTimeMoments(net, i, d.mean).mean);
    stages.push({
      id: sp.id,
      processingTime: Math.max(0, T),
      holdingCost: sp.holdingCostPerUnitDay,
      sigma: Math.sqrt(d.variance),
      mean: d.mean,
      z,
      ...(sp.customerFacing ? { maxOutboundCst: 0 } : {}),
    });
    if (sp.sourceKind === SourceKind.StockPoint && inModel.has(sp.sourceIndex)) edges.push({ from: net.stockPoints[sp.sourceIndex]!.id, to: sp.id });
    for (const b of net.bom[i]!) if (inModel.has(b.componentStockPoint)) edges.push({ from: net.stockPoints[b.componentStockPoint]!.id, to: sp.id });
  }
  return { stages, edges, index };
}

/** A level as whole units, rounded up (never −0). */
const units = (x: number) => Math.max(0, Math.ceil(x - 1e-9));

/**
 * Patches setting each stock's policy to its planned level: base-stock S = level, or, for a
 * stock with a fixed cost per order, (r, Q) with reorder point r = level and Q the economic lot
 * (policies.ts lotSize) — one order per demand would pay the order cost every time, and the
 * lot adds cycle stock on top of the planned safety stock without changing the reorder point.
 */
function levelPatches(net: Network, levels: Map<string, number>, label: string): Patch[] {
  const demand = demandMoments(net);
  const patch: Record<string, unknown> = {};
  for (const sp of net.stockPoints) {
    const level = levels.get(sp.id);
    if (level === undefined) continue;
    const policy =
      sp.orderCost > 0
        ? { type: 'rQ', r: level, Q: lotSize(demand[sp.index]!.mean, sp.orderCost, sp.holdingCostPerUnitDay, 0) }
        : { type: 'base-stock', S: level };
    patch[`sites.${net.sites[sp.site]!.id}.stock.${net.products[sp.product]!.id}.policy`] = policy;
  }
  return [{ patch, origin: { file: label, line: 1, col: 1, label } }];
}

/** The analytic plans of a scenario at one target: the placement, uniform safety stock, and simulated alternatives of either scaled by k. */
export interface PlacementPlans {
  z: number;
  stocks: PlacementStock[];
  /** Analytic safety-stock holding cost [money per day]. */
  analyticCost: { uniform: number; placement: number };
  /** The scenario with a plan's levels (safety stock × k) as its stocks' policies. */
  alternative: (name: string, plan: 'uniform' | 'placement', k: number) => Alternative;
}

/** Builds the guaranteed-service model of the scenario, solves it at z = Φ⁻¹(target), and the uniform reference. */
export function placementPlans(src: ScenarioSource, target: number): PlacementPlans {
  if (!(target > 0 && target < 1)) throw new RangeError(`target must be strictly between 0 and 1, got ${target}`);
  const z = normalQuantile(target);
  const net = buildNetwork(src.base);
  const model = placementModel(net, z);
  let sol: GsmSolution;
  try {
    sol = solveGsm(model.stages, model.edges);
  } catch (err) {
    if (err instanceof RangeError) throw new RangeError(`placement: ${err.message} (the analytic placement needs tree-shaped supply: one source per stock, no shared components)`);
    throw err;
  }
  const stocks: PlacementStock[] = model.stages.map((st, k) => {
    const sp = net.stockPoints[model.index[k]!]!;
    const p = sol.stages[st.id]!;
    return {
      stock: st.id,
      site: net.sites[sp.site]!.id,
      product: net.products[sp.product]!.id,
      processingTime: st.processingTime,
      meanReplenishmentDays: leadTimeMoments(net, sp.index, st.mean!).mean,
      demandMean: st.mean!,
      demandSd: st.sigma,
      holdingCost: st.holdingCost,
      S: p.S,
      SI: p.SI,
      netLeadTime: p.netLeadTime,
      safetyStock: p.safetyStock,
      baseStock: units(p.baseStock),
      uniformBaseStock: units(stagePlan(st, 0, 0).baseStock),
    };
  });
  const uniformCost = model.stages.reduce((a, st) => a + stagePlan(st, 0, 0).cost, 0);
  /** Levels of a plan with its safety stock scaled by k. */
  const levels = (plan: 'uniform' | 'placement', k: number) =>
    new Map(
      model.stages.map((st) => {
        const p = plan === 'uniform' ? stagePlan(st, 0, 0) : sol.stages[st.id]!;
        return [st.id, units(st.mean! * p.netLeadTime + k * p.safetyStock)];
      }),
    );
  return {
    z,
    stocks,
    analyticCost: { uniform: uniformCost, placement: sol.cost },
    alternative: (name, plan, k) => patchedAlternative(src, name, levelPatches(net, levels(plan, k), `${plan} safety stock × ${k.toFixed(2)}`)),
  };
}

/** Solves the placement and simulates it beside the current and the uniform policies. */
export async function placement(input: ScenarioInput, opts: PlacementOptions = {}): Promise<PlacementResult> {
  const src = openScenario(input, opts.sets);
  const target = opts.target ?? src.base.optimize?.target ?? 0.95;
  const { z, stocks, analyticCost, alternative } = placementPlans(src, target);
  const uniformCost = analyticCost.uniform;
  const sol = { cost: analyticCost.placement };
  const seed = opts.seed ?? src.base.seed;
  const replications = opts.replications ?? src.base.replications;
  const level = opts.confidence ?? 0.95;
  const segments = Object.keys(src.base.segments);
  const finite = (v: ReplicationVectors, kpi: string) => kpiColumn(v, kpi).filter(Number.isFinite);
  const meetsTarget = (v: ReplicationVectors) =>
    segments.every((seg) => {
      const s = kpiStat(finite(v, `segment.${seg}.fillRate`), level);
      return s.n === 0 || s.mean! >= target - 1e-12;
    });
  return withRunner(opts, async (runner) => {
    let done = 0;
    const run = async (alts: Alternative[]) => {
      const before = done;
      done += alts.length * replications;
      return runAlternatives(runner, alts, { seed, replications, signal: opts.signal, onProgress: (d) => opts.onProgress?.(before + d, done) });
    };
    const base = [patchedAlternative(src, 'current', []), alternative('uniform', 'uniform', 1), alternative('placement', 'placement', 1)];
    const vectors = await run(base);
    /** The smallest k on the grid meeting the target, by bisection (top of the grid if none does). */
    const correct = async (plan: 'uniform' | 'placement') => {
      const cache = new Map<number, { alt: Alternative; v: ReplicationVectors }>();
      const at = async (i: number) => {
        const hit = cache.get(i);
        if (hit) return hit;
        const alt = alternative(`${plan}-corrected`, plan, Math.round(i * K_STEP * 100) / 100);
        const [v] = await run([alt]);
        const e = { alt, v: v! };
        cache.set(i, e);
        return e;
      };
      let lo = 0;
      let hi = K_STEPS;
      const met = meetsTarget((await at(hi)).v);
      if (met)
        while (lo < hi) {
          const mid = Math.floor((lo + hi) / 2);
          if (meetsTarget((await at(mid)).v)) hi = mid;
          else lo = mid + 1;
        }
      return { k: Math.round(hi * K_STEP * 100) / 100, met, evaluations: cache.size, ...(await at(hi)) };
    };
    const cu = await correct('uniform');
    const cp = await correct('placement');
    const arm = (name: PlacementArm['name'], alt: Alternative, v: ReplicationVectors, k: number | null, analyticCost: number | null, vs: ReplicationVectors | null, metTarget: boolean): PlacementArm => {
      let worst: PlacementArm['worstSegment'] = null;
      for (const seg of segments) {
        const st = kpiStat(finite(v, `segment.${seg}.fillRate`), level);
        if (st.mean !== null && (worst === null || st.mean < worst.fillRate.mean!)) worst = { segment: seg, fillRate: st };
      }
      const a = kpiColumn(v, 'inventoryCost');
      const b = vs ? kpiColumn(vs, 'inventoryCost') : null;
      return {
        name,
        safetyFactor: k,
        analyticCost: analyticCost === null || k === null ? null : analyticCost * k,
        metTarget,
        fillRate: kpiStat(finite(v, 'fillRate'), level),
        worstSegment: worst,
        inventoryCost: kpiStat(finite(v, 'inventoryCost'), level),
        costVsUniform: b ? kpiStat(Array.from(a, (x, r) => x - b[r]!).filter(Number.isFinite), level) : null,
        results: summarizeAlternative(alt.scenario, seed, level, v),
      };
    };
    const arms: PlacementArm[] = [
      arm('current', base[0]!, vectors[0]!, null, null, vectors[1]!, meetsTarget(vectors[0]!)),
      arm('uniform', base[1]!, vectors[1]!, 1, uniformCost, null, meetsTarget(vectors[1]!)),
      arm('placement', base[2]!, vectors[2]!, 1, sol.cost, vectors[1]!, meetsTarget(vectors[2]!)),
      arm('uniform-corrected', cu.alt, cu.v, cu.k, uniformCost, null, cu.met),
      arm('placement-corrected', cp.alt, cp.v, cp.k, sol.cost, cu.v, cp.met),
    ];
    const result: PlacementResult = {
      kind: 'placement',
      scenario: src.base.name,
      file: src.file,
      seed,
      replications,
      confidence: level,
      target,
      z,
      method: PLACEMENT_METHOD,
      analyticCost: { uniform: uniformCost, placement: sol.cost },
      stocks,
      arms,
      evaluations: 3 + cu.evaluations + cp.evaluations,
    };
    return result;
  });
}
