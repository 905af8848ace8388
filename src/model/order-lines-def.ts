/**
 * How a segment's orders are built and routed when it uses multi-line orders or an ordered
 * list of DCs (`linesPerOrder`, `fulfilment`, `servedBy: [dc, …]`): the definition part, built
 * once per network (the runtime is order-lines.ts).
 */
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
  return { linesPerOrder: seg.linesPerOrder ?? null, shipComplete: seg.fulfilment === 'shipComplete', dcs };
}
