/**
 * A customer segment as the simulation sees it: its stock points and how an order picks one,
 * its demand process, promise, priority and money terms, all resolved to integer ids
 * (built once per network by buildNetwork, network.ts).
 */
import type { DistributionSpec } from '../scenario/distribution-schema.ts';
import type { RetentionSpec, Scenario, SegmentSpec } from '../scenario/schema.ts';
import type { LaneDef, StockPointDef } from './network.ts';
import { buildOrderLines, homeSite, type OrderLinesDef } from './order-lines-def.ts';
import { demandMultipliers } from './seasonality.ts';

export interface SegmentDef {
  index: number;
  id: string;
  site: number;
  /** Stock points ordered from, with cumulative weights for choosing one per order. */
  stockPoints: number[];
  /** Product id of each of those stock points. */
  productIds: string[];
  cumulativeWeights: number[];
  /** Poisson rate [orders per day], or 0 when arrivals are a renewal process. */
  ordersPerDay: number;
  interarrival: DistributionSpec | undefined;
  /** Rate multiplier per day index (seasonality, trend, promotions); empty when flat. */
  multipliers: Float64Array;
  maxMultiplier: number;
  orderSize: DistributionSpec;
  promisedDays: number;
  priority: number;
  lostSales: boolean;
  partialFill: boolean;
  /** Backorders older than this are lost [days]; Infinity when customers wait. */
  patienceDays: number;
  price: number;
  backorderCostPerUnitDay: number;
  lostSalePenaltyPerUnit: number;
  paymentTermsDays: number;
  paymentLateness: DistributionSpec;
  forecastErrorCv: number;
  /** Demand that answers to the segment's OTIF (see SegmentState.reviewRetention), or null. */
  retention: RetentionSpec | null;
  outbound: LaneDef;
  /** Multi-line orders and fallback DCs (order-lines-def.ts), or null: single-line orders from one site. */
  lines: OrderLinesDef | null;
}

/** The definition of segment `id` (index `index`); marks the stock points it orders from as customer-facing. */
export function buildSegment(
  id: string,
  seg: SegmentSpec,
  index: number,
  s: Scenario,
  siteIndex: Map<string, number>,
  spIndex: Map<string, number>,
  stockPoints: StockPointDef[],
  findLane: (from: string, to: string) => LaneDef,
): SegmentDef {
  const home = homeSite(seg.servedBy);
  const mix: Array<[string, number]> = seg.product !== undefined ? [[seg.product, 1]] : Object.entries(seg.productMix!);
  const total = mix.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  const sps: number[] = [];
  const cumulativeWeights: number[] = [];
  for (const [product, w] of mix) {
    const sp = spIndex.get(`${home}/${product}`);
    if (sp === undefined) throw new Error(`segments.${id}: ${home} does not stock ${product}`);
    stockPoints[sp]!.customerFacing = true;
    sps.push(sp);
    acc += w / total;
    cumulativeWeights.push(acc);
  }
  cumulativeWeights[cumulativeWeights.length - 1] = 1;
  const multipliers = seg.seasonality ? demandMultipliers(seg.seasonality, s.horizonDays) : new Float64Array(0);
  let maxMultiplier = 1;
  if (multipliers.length > 0) maxMultiplier = multipliers.reduce((m, v) => (v > m ? v : m), 0);
  return {
    index,
    id,
    site: siteIndex.get(home)!,
    stockPoints: sps,
    productIds: mix.map(([product]) => product),
    cumulativeWeights,
    ordersPerDay: seg.ordersPerDay ?? 0,
    interarrival: seg.interarrival,
    multipliers,
    maxMultiplier,
    orderSize: seg.orderSize,
    promisedDays: seg.promisedDays,
    priority: seg.priority,
    lostSales: seg.onStockout === 'lost',
    partialFill: seg.partialFill,
    patienceDays: seg.patienceDays ?? Number.POSITIVE_INFINITY,
    price: seg.price,
    backorderCostPerUnitDay: seg.backorderCostPerUnitDay,
    lostSalePenaltyPerUnit: seg.lostSalePenaltyPerUnit,
    paymentTermsDays: seg.paymentTermsDays,
    paymentLateness: seg.paymentLateness,
    forecastErrorCv: seg.forecastErrorCv ?? s.forecast.errorCv,
    retention: seg.retention ?? null,
    outbound: findLane(home, id),
    lines: buildOrderLines(id, seg, mix, sps, siteIndex, spIndex, stockPoints, findLane),
  };
}
