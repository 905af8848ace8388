/**
 * Multiple sourcing: a stock bought from several suppliers, each replenishment order split
 * between them by share (`sources: [{site, share}]`), and a fallback supplier
 * (`fallbackSource`) that takes the part of an order whose supplier is in an outage when the
 * order is placed. Each part is a purchase order of its own: its own capacity queue, lead
 * time, lane (with its own transit stream `transit/<supplier>-><site>/<product>`), transport cost,
 * price and bill.
 *
 * Options are numbered by slot: slot 0 is the stock's own source (the first of `sources`, or
 * `source`), which the stock point's definition already describes; slots ≥ 1 are the others.
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import type { Disruptions, Route } from './disruptions.ts';
import { type LaneDef, type Network, SourceKind } from './network.ts';
import type { Replication } from './replication.ts';
import type { StockPointState } from './stockpoint.ts';
import { sendToSupplier, type SupplyStreams, supplyStreams } from './supplier.ts';

export interface SourceOption {
  /** Supplier index. */
  supplier: number;
  /** Share of each order (normalised; 0 for a fallback that is not a regular source). */
  share: number;
  /** Purchase price [money per unit]. */
  price: number;
  lane: LaneDef;
  transit: Sampler;
  stream: RandomStream;
  /** Lead-time, reliability and lateness streams of this supplier for this stock. */
  draws: SupplyStreams;
  /** Disruptions the lane may meet, or null. */
  route: Route | null;
}

export interface SourcingPlan {
  options: SourceOption[];
  /** Slot of the fallback supplier, or -1. */
  fallback: number;
}

/**
 * The sourcing plan of every stock point (null where a stock has one source and no
 * fallback), or null when no stock in the network has one.
 */
export function buildSourcing(net: Network, streams: StreamFactory, disruptions: Disruptions | null): Array<SourcingPlan | null> | null {
  const s = net.scenario;
  let any = false;
  const plans = net.stockPoints.map((sp): SourcingPlan | null => {
    if (sp.sourceKind !== SourceKind.Supplier) return null;
    const siteId = net.sites[sp.site]!.id;
    const productId = net.products[sp.product]!.id;
    const site = s.sites[siteId]!;
    if (site.type === 'supplier') return null;
    const stock = site.stock[productId]!;
    if ((stock.sources?.length ?? 0) <= 1 && stock.fallbackSource === undefined) return null;
    const list = stock.sources ?? [{ site: stock.source ?? (site.type === 'dc' ? site.source! : ''), share: 1 }];
    const total = list.reduce((a, o) => a + o.share, 0);
    const option = (supplierId: string, share: number): SourceOption => {
      const supSite = net.sites.find((x) => x.id === supplierId)!.index;
      const supplier = net.supplierOfSite[supSite]!;
      const spec = s.sites[supplierId]!;
      const lane = s.lanes.find((l) => l.from === supplierId && l.to === siteId) ?? s.defaultLane;
      const laneDef: LaneDef = {
        transitTime: lane?.transitTime ?? 0,
        costPerUnit: lane?.costPerUnit ?? 0,
        costPerShipment: lane?.costPerShipment ?? 0,
        stream: `transit/${supplierId}->${siteId}/${productId}`,
      };
      return {
        supplier,
        share,
        price: spec.type === 'supplier' ? (spec.products[productId]?.price ?? 0) : 0,
        lane: laneDef,
        transit: compileDistribution(laneDef.transitTime),
        stream: streams.get(laneDef.stream),
        draws: supplyStreams(streams, supplierId, `${siteId}/${productId}`),
        route: disruptions === null ? null : disruptions.route(supSite, sp.site),
      };
    };
    const options = list.map((o) => option(o.site, o.share / total));
    let fallback = -1;
    if (stock.fallbackSource !== undefined) {
      fallback = list.findIndex((o) => o.site === stock.fallbackSource);
      if (fallback < 0) {
        fallback = options.length;
        options.push(option(stock.fallbackSource, 0));
      }
    }
    any = true;
    return { options, fallback };
  });
  return any ? plans : null;
}

/** True when supplier `k` is in an outage at time t. */
function down(dis: Disruptions | null, k: number, t: number): boolean {
  if (dis === null) return false;
  const d = dis.supplierDown[k];
  return d !== null && d !== undefined && d.isDown(t);
}

/**
 * Places replenishment order `order` of `q` units for `sp` under its sourcing plan: one
 * purchase order per share, all parts of the one replenishment order (one cycle).
 */
export function orderSourced(rep: Replication, sp: StockPointState, q: number, plan: SourcingPlan, order: number): void {
  const now = rep.sim.now;
  const dis = rep.disruptions;
  const fb = plan.fallback;
  const fallbackUp = fb >= 0 && !down(dis, plan.options[fb]!.supplier, now);
  for (let k = 0; k < plan.options.length; k++) {
    const o = plan.options[k]!;
    if (!(o.share > 0)) continue;
    const slot = fallbackUp && k !== fb && down(dis, o.supplier, now) ? fb : k;
    sendToSupplier(rep, sp, q * o.share, slot, order);
  }
}
