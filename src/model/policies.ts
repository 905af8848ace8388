/**
 * Inventory policies: compiled parameters, the ordering rule, and parameters derived from a
 * target service level and the demand forecast.
 *
 * Inventory position IP = on-hand + on-order − backorders [units]. The rule runs after every
 * change of IP under continuous review, and at each review instant under periodic review:
 * - base-stock S: if IP < S, order S − IP (one-for-one under unit demand);
 * - (s,S): if IP ≤ s, order S − IP;
 * - (r,Q): if IP ≤ r, order the smallest multiple of Q that lifts IP above r;
 * - (R,S): base-stock S reviewed every R days;
 * - make-to-order: base-stock with S = 0, so every demand is passed upstream as it comes.
 */
import { compileDistribution } from '../engine/distributions.ts';
import { normalQuantile } from '../engine/special-functions.ts';
import type { PolicySpec } from '../scenario/schema.ts';
import { internalShares } from './internal-shares.ts';
import { type Network, SourceKind } from './network.ts';
import { plannedDockWait } from './transport-def.ts';

export const enum PolicyKind {
  BaseStock = 0,
  SS = 1,
  RQ = 2,
}

export interface CompiledPolicy {
  kind: PolicyKind;
  /** Reorder point s or r [units]. */
  s: number;
  /** Order-up-to level S [units]. */
  S: number;
  /** Order quantity Q [units]. */
  Q: number;
  periodic: boolean;
  /** Review period [days]. */
  period: number;
  /** First review [days]. */
  offset: number;
  /** Target cycle service level to derive missing parameters from, or NaN. */
  targetServiceLevel: number;
  /** Starting on-hand when the scenario gives none [units]. */
  initialStock: number;
  /** Human label, e.g. "(s,S) = (20, 60)". */
  label: string;
  /** The levels as the scenario gave them (NaN where left to derivation). */
  given: { s: number; S: number; Q: number };
  /** True when some level is derived from the target service level and the forecast. */
  derived: boolean;
}

export function compilePolicy(p: PolicySpec): CompiledPolicy {
  let kind = PolicyKind.BaseStock;
  let s = Number.NaN;
  let S = Number.NaN;
  let Q = Number.NaN;
  let review: { period: number; offset: number } | undefined;
  let target = 'targetServiceLevel' in p && p.targetServiceLevel !== undefined ? p.targetServiceLevel : Number.NaN;
  switch (p.type) {
    case 'base-stock':
      S = p.S ?? Number.NaN;
      review = p.review;
      break;
    case 'sS':
      kind = PolicyKind.SS;
      s = p.s ?? Number.NaN;
      S = p.S ?? Number.NaN;
      review = p.review;
      break;
    case 'rQ':
      kind = PolicyKind.RQ;
      s = p.r ?? Number.NaN;
      Q = p.Q ?? Number.NaN;
      review = p.review;
      break;
    case 'RS':
      S = p.S ?? Number.NaN;
      review = { period: p.R, offset: p.offset };
      break;
    case 'make-to-order':
      S = 0;
      target = Number.NaN;
      break;
  }
  const c = copyPolicy({
    kind,
    s,
    S,
    Q,
    periodic: review !== undefined,
    period: review?.period ?? 0,
    offset: review?.offset ?? 0,
    targetServiceLevel: target,
    initialStock: 0,
    label: '',
    given: { s, S, Q },
    derived: false,
  });
  finish(c);
  return c;
}

/**
 * A copy of `p` with every key in one fixed order; every policy record (compiled, or copied per
 * stock point) is built here, so policies of every kind share one object shape and the hot
 * path's reads (`policy.kind`, `.periodic`, `.s`, `.S`) stay monomorphic. (Built by spreading
 * per kind, the shapes differed and each read went through V8's megamorphic lookup: ≈ 3% of the
 * default scenario's instructions.)
 */
export function copyPolicy(p: CompiledPolicy): CompiledPolicy {
  return {
    kind: p.kind,
    s: p.s,
    S: p.S,
    Q: p.Q,
    periodic: p.periodic,
    period: p.period,
    offset: p.offset,
    targetServiceLevel: p.targetServiceLevel,
    initialStock: p.initialStock,
    label: p.label,
    given: p.given,
    derived: p.derived,
  };
}

function finish(c: CompiledPolicy): void {
  const review = c.periodic ? `, review every ${c.period} d` : '';
  if (c.kind === PolicyKind.BaseStock) {
    c.initialStock = c.S;
    c.label = c.S === 0 && !c.periodic ? 'make-to-order' : `base-stock S = ${c.S}${review}`;
  } else if (c.kind === PolicyKind.SS) {
    c.initialStock = c.S;
    c.label = `(s,S) = (${c.s}, ${c.S})${review}`;
  } else {
    c.initialStock = c.s + c.Q;
    c.label = `(r,Q) = (${c.s}, ${c.Q})${review}`;
  }
}

/**
 * Units to order now under policy `p` at inventory position `ip` [units]; 0 when none.
 * Hot path: called after every demand under continuous review.
 */
export function orderQuantity(p: CompiledPolicy, ip: number): number {
  switch (p.kind) {
    case PolicyKind.BaseStock:
      return ip < p.S ? p.S - ip : 0;
    case PolicyKind.SS:
      return ip <= p.s ? p.S - ip : 0;
    case PolicyKind.RQ:
      return ip <= p.s ? (Math.floor((p.s - ip) / p.Q) + 1) * p.Q : 0;
  }
}

interface Moments {
  mean: number;
  variance: number;
}

/**
 * Fills in policy parameters given as a target cycle service level α:
 * protection interval L' = lead time (+ review period), demand per day with mean μ and
 * variance σ², lead time with mean L and variance V_L, forecast error cv e (relative sd of
 * the planned daily rate):
 *   σ_P² = L'·σ² + μ²·V_L + (e·μ·L')²,   level = μ·L' + z_α·σ_P.
 * This is the textbook normal approximation (Silver, Pyke & Thomas, ch. 6), with the
 * forecast-error term that makes demand visibility matter: a better forecast (smaller e)
 * needs less stock for the same α. The reorder point s (or r) is that level: it carries the
 * safety stock z_α·σ_P. The lot size (S − s for (s,S), Q for (r,Q), unless given) is the
 * economic order quantity with ordering cost K [money per order] and holding cost h [money per
 * unit-day], at least one review period's demand (one day's under continuous review):
 *   Q = max(√(2·K·μ/h), μ·max(1, R)),   rounded up to a whole unit, at least 1.
 * Without an ordering or a holding cost the EOQ is undefined and Q is the period's demand.
 */
export function derivePolicies(net: Network): void {
  const levels = derivedLevels(net);
  for (const sp of net.stockPoints) {
    const l = levels[sp.index];
    if (!l) continue;
    const p = sp.policy;
    p.s = l.s;
    p.S = l.S;
    p.Q = l.Q;
    p.derived = true;
    finish(p);
  }
}

/**
 * The derived (s, S) of every stock point whose policy has a target service level (null for
 * the others), planned on the forecast `forecastFactors[segment] × planned rate` of each
 * segment (1 = the scenario's rates). Pure; used once at build time with the scenario's
 * rates, and at the start of each replication with that replication's forecast.
 */
export function derivedLevels(net: Network, forecastFactors?: ArrayLike<number>): Array<{ s: number; S: number; Q: number } | null> {
  const demand = demandMoments(net, forecastFactors);
  return net.stockPoints.map((sp) => {
    const p = sp.policy;
    if (Number.isNaN(p.targetServiceLevel)) return null;
    const d = demand[sp.index]!;
    const lt = leadTimeMoments(net, sp.index, d.mean);
    const protection = lt.mean + (p.periodic ? p.period : 0);
    const e = forecastErrorCv(net, sp.index);
    const sd = Math.sqrt(protection * d.variance + d.mean * d.mean * lt.variance + (e * d.mean * protection) ** 2);
    const z = normalQuantile(Math.min(Math.max(p.targetServiceLevel, 1e-6), 1 - 1e-6));
    const level = Math.max(0, Math.ceil(d.mean * protection + z * sd));
    const given = p.given;
    const q = Number.isNaN(given.Q) ? lotSize(d.mean, sp.orderCost, sp.holdingCostPerUnitDay, p.period) : given.Q;
    if (p.kind === PolicyKind.BaseStock) return { s: p.s, S: Number.isNaN(given.S) ? level : given.S, Q: p.Q };
    if (p.kind === PolicyKind.SS) {
      const s = Number.isNaN(given.s) ? level : given.s;
      return { s, S: Number.isNaN(given.S) ? s + q : given.S, Q: p.Q };
    }
    return { s: Number.isNaN(given.s) ? level : given.s, S: p.S, Q: q };
  });
}

/**
 * The lot size of a derived policy [units]: the economic order quantity √(2·K·μ/h) for demand
 * μ [units/day], ordering cost K [money] and holding cost h [money per unit-day], at least one
 * review period's demand (a day's under continuous review), a whole number, at least 1.
 */
export function lotSize(demandPerDay: number, orderCost: number, holdingPerUnitDay: number, period: number): number {
  const periodDemand = demandPerDay * Math.max(1, period);
  const eoq = orderCost > 0 && holdingPerUnitDay > 0 ? Math.sqrt((2 * orderCost * demandPerDay) / holdingPerUnitDay) : 0;
  return Math.max(1, Math.ceil(Math.max(eoq, periodDemand)));
}

/**
 * Demand visibility: the planner sets target-service policies from this replication's
 * forecast (each segment's true rate × its forecast factor), not from the true rates. A
 * forecast that is too low leaves too little stock; the safety stock's forecast-error term
 * covers for it, so a better forecast (smaller cv) needs less stock for the same service.
 */
export function planOnForecast(
  net: Network,
  stockPoints: ReadonlyArray<{ def: { index: number }; policy: CompiledPolicy }>,
  forecastFactors: ArrayLike<number>,
): void {
  const levels = derivedLevels(net, forecastFactors);
  for (const sp of stockPoints) {
    const l = levels[sp.def.index];
    if (!l) continue;
    sp.policy.s = l.s;
    sp.policy.S = l.S;
    sp.policy.Q = l.Q;
  }
}

/** The largest forecast-error cv among the segments whose demand reaches a stock point. */
function forecastErrorCv(net: Network, sp: number): number {
  let e = 0;
  for (const seg of net.segments) if (reaches(net, seg.stockPoints, sp)) e = Math.max(e, seg.forecastErrorCv);
  return e;
}

function reaches(net: Network, from: number[], target: number): boolean {
  const seen = new Set<number>();
  const stack = [...from];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (i === target) return true;
    if (seen.has(i)) continue;
    seen.add(i);
    const sp = net.stockPoints[i]!;
    if (sp.sourceKind === SourceKind.StockPoint) stack.push(sp.sourceIndex);
    for (const b of net.bom[i]!) stack.push(b.componentStockPoint);
  }
  return false;
}

/** Mean and variance of demand per day at each stock point [units/day, units²/day]. */
export function demandMoments(net: Network, forecastFactors?: ArrayLike<number>): Moments[] {
  const own: Moments[] = net.stockPoints.map(() => ({ mean: 0, variance: 0 }));
  for (const seg of net.segments) {
    const size = compileDistribution(seg.orderSize);
    let rate = seg.ordersPerDay * (forecastFactors ? forecastFactors[seg.index]! : 1);
    if (seg.interarrival !== undefined) rate = (forecastFactors ? forecastFactors[seg.index]! : 1) / compileDistribution(seg.interarrival).mean;
    // Seasonal demand: plan for the peak rate, as a planner with one static policy must.
    else if (seg.multipliers.length > 0) rate *= seg.maxMultiplier;
    let prev = 0;
    seg.stockPoints.forEach((sp, k) => {
      // A multi-line order reaches each product's stock with its inclusion probability.
      const w = seg.lines !== null ? seg.lines.inclusion[k]! : seg.cumulativeWeights[k]! - prev;
      prev = seg.cumulativeWeights[k]!;
      // Compound Poisson: mean λ·E[X], variance λ·E[X²].
      own[sp]!.mean += rate * w * size.mean;
      own[sp]!.variance += rate * w * (size.variance + size.mean * size.mean);
    });
  }
  const memo: Array<Moments | undefined> = [];
  const consumers: Array<Array<[number, number]>> = net.stockPoints.map(() => []);
  const bomUse: Array<Array<[number, number]>> = net.stockPoints.map(() => []);
  // A stock split between plants/dcs passes each its share of every order (internal-shares.ts).
  for (const sp of net.stockPoints)
    if (sp.sourceKind === SourceKind.StockPoint) for (const [from, w] of internalShares(net, sp)) consumers[from]!.push([sp.index, w]);
  net.bom.forEach((lines, parent) => lines.forEach((l) => bomUse[l.componentStockPoint]!.push([parent, l.quantityPerUnit])));
  const total = (i: number, depth: number): Moments => {
    const m = memo[i];
    if (m) return m;
    if (depth > net.stockPoints.length) throw new Error('replenishment cycle in the network');
    const r = { ...own[i]! };
    for (const [c, w] of consumers[i]!) {
      const d = total(c, depth + 1);
      r.mean += w * d.mean;
      r.variance += w * w * d.variance;
    }
    for (const [parent, q] of bomUse[i]!) {
      const d = total(parent, depth + 1);
      r.mean += q * d.mean;
      r.variance += q * q * d.variance;
    }
    memo[i] = r;
    return r;
  };
  return net.stockPoints.map((sp) => total(sp.index, 0));
}

/** Mean and variance of the replenishment lead time of a stock point [days, days²]. */
export function leadTimeMoments(net: Network, spIndex: number, demandPerDay: number): Moments {
  const sp = net.stockPoints[spIndex]!;
  const lane = compileDistribution(sp.inbound.transitTime);
  let mean = lane.mean;
  let variance = lane.variance;
  if (sp.inbound.vehicles !== undefined) {
    // Shipments wait at the dock for a vehicle before the transit (transport.ts).
    // Periodic orders from an upstream stock leave at their review times; others at random moments.
    const periodic = sp.policy.periodic && sp.sourceKind === SourceKind.StockPoint;
    const wait = plannedDockWait(net.transportLanes[sp.inbound.vehicles]!, periodic ? { period: sp.policy.period, offset: sp.policy.offset } : null);
    mean += wait.mean;
    variance += wait.variance;
  }
  if (sp.sourceKind === SourceKind.Supplier) {
    const sup = net.suppliers[sp.sourceIndex]!;
    const lt = compileDistribution(sup.leadTime);
    const late = compileDistribution(sup.lateness);
    const p = sup.onTimeProbability;
    mean += lt.mean + (1 - p) * late.mean;
    variance += lt.variance + (1 - p) * late.variance + p * (1 - p) * late.mean * late.mean;
  } else if (sp.sourceKind === SourceKind.Production) {
    const line = net.plants[sp.sourceIndex]!.lines[0]!;
    const unit = line.processingTime !== undefined ? compileDistribution(line.processingTime).mean : 1 / line.capacityPerDay;
    // A day's demand made as one job: a rough but honest estimate of production lead time.
    mean += unit * Math.max(1, demandPerDay);
  }
  return { mean, variance };
}
