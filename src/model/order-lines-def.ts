/**
 * How a segment's orders are built and routed when it uses multi-line orders or an ordered
 * list of DCs (`linesPerOrder`, `fulfilment`, `servedBy: [dc, …]`): the definition part, built
 * once per network (the runtime is order-lines.ts).
 */
import { compileDistribution } from '../engine/distributions.ts';
import { StreamFactory } from '../engine/rng.ts';
import type { DistributionSpec } from '../scenario/distribution-schema.ts';
import type { SegmentSpec } from '../scenario/schema.ts';
import type { LaneDef, StockPointDef } from './network.ts';

/** One DC that may ship to the segment: the home DC first, then the fallbacks in order. */
export interface ServingDc {
  site: number;
  id: string;
  /** Its stock point of each product of the segment's mix (mix order); −1 where it stocks none. */
  stockPoints: number[];
  /** Its delivery lane to the segment (lanes, else a zero lane as for the home DC). */
  outbound: LaneDef;
}

export interface OrderLinesDef {
  /** Lines per order (rounded, clamped to [1, products in the mix]); null: one line. */
  linesPerOrder: DistributionSpec | null;
  /** The order leaves in one delivery once every line is gathered (else each line ships as it can). */
  shipComplete: boolean;
  /** Home DC first, then fallbacks; a single entry when the segment has one DC. */
  dcs: ServingDc[];
  /**
   * Probability that an order holds a line of each mix product (mix order): the planner's
   * share of the segment's orders that reach each stock (policies.ts, offered-load.ts).
   */
  inclusion: number[];
}

/** The home (first) site of a `servedBy` value: a site id or an ordered list of DCs. */
export function homeSite(servedBy: string | string[]): string {
  return typeof servedBy === 'string' ? servedBy : servedBy[0]!;
}

/**
 * The order-lines definition of segment `id`, or null when it uses none of the keys (orders
 * then stay single-line from one site, exactly as before the keys existed). `mix`: products
 * and weights; `homeStockPoints`: the home DC's stock point of each. Marks the fallback DCs'
 * stock points customer-facing.
 */
export function buildOrderLines(
  id: string,
  seg: SegmentSpec,
  mix: Array<[string, number]>,
  homeStockPoints: number[],
  siteIndex: Map<string, number>,
  spIndex: Map<string, number>,
  stockPoints: StockPointDef[],
  findLane: (from: string, to: string) => LaneDef,
): OrderLinesDef | null {
  const list = typeof seg.servedBy === 'string' ? [seg.servedBy] : seg.servedBy;
  if (seg.linesPerOrder === undefined && seg.fulfilment === undefined && list.length === 1) return null;
  const dcs: ServingDc[] = list.map((dc, k) => {
    const sps =
      k === 0
        ? homeStockPoints
        : mix.map(([product]) => {
            const sp = spIndex.get(`${dc}/${product}`);
            if (sp === undefined) return -1;
            stockPoints[sp]!.customerFacing = true;
            return sp;
          });
    return { site: siteIndex.get(dc)!, id: dc, stockPoints: sps, outbound: findLane(dc, id) };
  });
  const total = mix.reduce((a, [, w]) => a + w, 0);
  const weights = mix.map(([, w]) => w / total);
  const linesPerOrder = seg.linesPerOrder ?? null;
  return { linesPerOrder, shipComplete: seg.fulfilment === 'shipComplete', dcs, inclusion: inclusion(weights, lineCounts(linesPerOrder, weights.length)) };
}

/**
 * P(an order has n lines), n = 0…m, as order-lines.ts draws them (rounded, clamped to [1, m]):
 * exact for a constant, else the shares of 20,000 draws of a fixed stream (a planning figure,
 * the same in every run).
 */
function lineCounts(spec: DistributionSpec | null, m: number): number[] {
  const p = new Array<number>(m + 1).fill(0);
  const clamp = (x: number) => Math.min(m, Math.max(1, Math.round(x)));
  if (spec === null) p[1] = 1;
  else {
    const sampler = compileDistribution(spec);
    if (sampler.variance === 0) p[clamp(sampler.mean)] = 1;
    else {
      const draws = 20000;
      const rng = new StreamFactory(0, 0).get('planning/lines-per-order');
      for (let i = 0; i < draws; i++) p[clamp(sampler.sample(rng))]! += 1 / draws;
    }
  }
  return p;
}

/**
 * Inclusion probability of each product in an order whose lines are drawn one by one without
 * replacement, each with probability ∝ its weight among the products not yet drawn, and
 * `counts[n]` = P(n lines). Exact, over the sets of products drawn first (2^m of them); beyond
 * 16 products, the linear approximation min(1, E[lines] × weight).
 */
function inclusion(weights: number[], counts: number[]): number[] {
  const m = weights.length;
  const pi = new Array<number>(m).fill(0);
  if (m > 16) {
    const mean = counts.reduce((a, p, n) => a + p * n, 0);
    return weights.map((w) => Math.min(1, mean * w));
  }
  const first = new Float64Array(1 << m);
  first[0] = 1;
  for (let set = 0; set < first.length; set++) {
    const p = first[set]!;
    if (p === 0) continue;
    let size = 0;
    let used = 0;
    for (let k = 0; k < m; k++)
      if (set & (1 << k)) {
        size++;
        used += weights[k]!;
      }
    if (size > 0) for (let k = 0; k < m; k++) if (set & (1 << k)) pi[k]! += p * counts[size]!;
    if (size === m || used >= 1 - 1e-12) continue;
    for (let k = 0; k < m; k++) if (!(set & (1 << k))) first[set | (1 << k)]! += (p * weights[k]!) / (1 - used);
  }
  return pi;
}
