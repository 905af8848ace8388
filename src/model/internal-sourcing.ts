/**
 * Internal sourcing: a stock replenished by several plants or dcs. `sources: [{site, share}]`
 * naming plants/dcs splits every replenishment order by share, each part a replenishment
 * request on that source's stock over its own lane; `fallbackSources: [site, …]` name the
 * plants/dcs, in order, that take the part of an order its source cannot ship from stock at
 * the moment of ordering. What no one can ship now stays with the part's own source (it is
 * backordered there, the ordinary way). This gives plant-to-plant transfers and dc-to-dc
 * transshipment.
 *
 * All parts carry the one replenishment order (replenishment-orders.ts), so a cycle ends when
 * every part has arrived. Slot 0 is the stock's own source (the first of `sources`, or
 * `source`): its lane is the stock point's inbound lane, drawn from the stream it always
 * used; every other source has its own lane and stream `transit/<from>-><to>/<product>`.
 * "Available" at a source is on-hand less what it already owes its backorders [units].
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import type { Disruptions, Route } from './disruptions.ts';
import { Ev } from './events.ts';
import { demand, payTransport } from './fulfilment.ts';
import { type LaneDef, type Network, SourceKind } from './network.ts';
import type { Replication } from './replication.ts';
import { RequestKind } from './requests.ts';
import type { StockPointState } from './stockpoint.ts';
import { EPS } from './tolerance.ts';

export interface InternalOption {
  /** Stock point that ships this part. */
  stockPoint: number;
  /** Share of each order (normalised; 0 for a fallback only). */
  share: number;
  lane: LaneDef;
  transit: Sampler;
  stream: RandomStream;
  /** Disruptions the lane may meet, or null. */
  route: Route | null;
}

export interface InternalPlan {
  options: InternalOption[];
  /** Slots of the fallback sources, in order of preference. */
  fallbacks: number[];
}

/** Per-stock-point counters of the measured window (reset with the other statistics). */
export class InternalSourcingStats {
  /** Units dispatched to the stock by its plant/dc sources [units]. */
  readonly transferUnits: Float64Array;
  /** Units ordered from a fallback source in place of the part's own source (shipped at once) [units]. */
  readonly fallbackUnits: Float64Array;
  constructor(n: number) {
    this.transferUnits = new Float64Array(n);
    this.fallbackUnits = new Float64Array(n);
  }
  reset(): void {
    this.transferUnits.fill(0);
    this.fallbackUnits.fill(0);
  }
}

/**
 * The internal-sourcing plan of every stock point (null where a stock has one plant/dc
 * source and no fallback), or null when no stock in the network has one.
 */
export function buildInternalSourcing(net: Network, streams: StreamFactory, disruptions: Disruptions | null): Array<InternalPlan | null> | null {
  const s = net.scenario;
  let any = false;
  const spOf = new Map(net.stockPoints.map((sp) => [sp.id, sp.index]));
  const plans = net.stockPoints.map((sp): InternalPlan | null => {
    if (sp.sourceKind !== SourceKind.StockPoint) return null;
    const siteId = net.sites[sp.site]!.id;
    const productId = net.products[sp.product]!.id;
    const site = s.sites[siteId]!;
    if (site.type === 'supplier') return null;
    const stock = site.stock[productId]!;
    if ((stock.sources?.length ?? 0) <= 1 && stock.fallbackSources === undefined) return null;
    const own = net.stockPoints[sp.sourceIndex]!;
    const list = stock.sources ?? [{ site: net.sites[own.site]!.id, share: 1 }];
    const total = list.reduce((a, o) => a + o.share, 0);
    const option = (srcId: string, share: number, slot: number): InternalOption => {
      const from = spOf.get(`${srcId}/${productId}`)!;
      if (slot === 0) {
        // The stock's own source: its inbound lane and stream, exactly as without this plan.
        return { stockPoint: from, share, lane: sp.inbound, transit: compileDistribution(sp.inbound.transitTime), stream: streams.get(sp.inbound.stream), route: disruptions === null ? null : disruptions.inbound[sp.index]! };
      }
      const spec = s.lanes.find((l) => l.from === srcId && l.to === siteId) ?? s.defaultLane;
      const lane: LaneDef = {
        transitTime: spec?.transitTime ?? 0,
        costPerUnit: spec?.costPerUnit ?? 0,
        costPerShipment: spec?.costPerShipment ?? 0,
        stream: `transit/${srcId}->${siteId}/${productId}`,
      };
      const vehicles = net.transportLaneOf(srcId, siteId);
      if (vehicles >= 0) lane.vehicles = vehicles;
      return {
        stockPoint: from,
        share,
        lane,
        transit: compileDistribution(lane.transitTime),
        stream: streams.get(lane.stream),
        route: disruptions === null ? null : disruptions.route(net.stockPoints[from]!.site, sp.site),
      };
    };
    const options = list.map((o, k) => option(o.site, o.share / total, k));
    const fallbacks: number[] = [];
    for (const f of stock.fallbackSources ?? []) {
      let k = list.findIndex((o) => o.site === f);
      if (k < 0) {
        k = options.length;
        options.push(option(f, 0, k));
      }
      fallbacks.push(k);
    }
    any = true;
    return { options, fallbacks };
  });
  return any ? plans : null;
}

/** Units stock point `sp` could ship now without taking from its backorders [units]. */
function available(sp: StockPointState): number {
  const a = sp.onHand - sp.backordered;
  return a > 0 ? a : 0;
}

/**
 * Places replenishment order `order` of `q` units for `sp` under its internal plan: one part
 * per share; of each part, what its source cannot ship from stock goes to the fallbacks in
 * order, and what none can ship stays with the part's own source.
 */
export function orderInternal(rep: Replication, sp: StockPointState, q: number, plan: InternalPlan, order: number): void {
  const opts = plan.options;
  for (let k = 0; k < opts.length; k++) {
    const part = q * opts[k]!.share;
    if (!(part > 0)) continue;
    let rest = part;
    if (plan.fallbacks.length > 0) {
      const own = available(rep.stockPoints[opts[k]!.stockPoint]!);
      if (own + EPS < part) {
        rest = part - own;
        for (const f of plan.fallbacks) {
          if (f === k || rest <= EPS) continue;
          const take = Math.min(rest, available(rep.stockPoints[opts[f]!.stockPoint]!));
          if (take > EPS) {
            // Shipped at once (take ≤ what it has free), so counted here as fallback units.
            rep.internalStats!.fallbackUnits[sp.def.index]! += take;
            request(rep, sp, opts[f]!.stockPoint, take, order);
            rest -= take;
          }
        }
        rest += own; // the part's own source ships what it has, and owes the rest
      }
    }
    if (rest > EPS) request(rep, sp, opts[k]!.stockPoint, rest, order);
  }
}

/** A replenishment request of `q` units from stock point `from` for `sp`, part of `order`. */
function request(rep: Replication, sp: StockPointState, from: number, q: number, order: number): void {
  const r = rep.requests.alloc(RequestKind.Replenishment, sp.def.index, from, q, 1, rep.sim.now);
  rep.requests.order[r] = order;
  demand(rep, rep.stockPoints[from]!, r);
}

/**
 * Ships `q` units of replenishment request r from stock point `sp` when its requester has an
 * internal-sourcing plan: over the lane from `sp`'s site (transit, transport cost, disruption
 * route), to arrive as part of the request's replenishment order. False when the requester
 * has no plan (the caller ships over the inbound lane as usual). `batches`: the perishable
 * payload (events.ts).
 */
export function shipInternal(rep: Replication, sp: StockPointState, r: number, q: number, batches: number): boolean {
  const req = rep.requests;
  const owner = req.owner[r]!;
  const plan = rep.internalSourcing![owner]!;
  if (plan === null) return false;
  const opts = plan.options;
  let k = 0;
  while (k < opts.length - 1 && opts[k]!.stockPoint !== sp.def.index) k++;
  const via = opts[k]!;
  const now = rep.sim.now;
  rep.internalStats!.transferUnits[owner]! += q;
  const transit = via.transit.sample(via.stream);
  payTransport(rep, via.lane, q);
  rep.inTransit += q;
  if (via.lane.vehicles !== undefined) {
    // The units wait at the lane's dock; the trip's transit applies when it leaves (transport.ts).
    const order = req.order[r]!;
    if (req.remaining[r] === 0) req.release(r);
    rep.transport!.loadStock(rep, via.lane.vehicles, owner, batches, q, order);
    return true;
  }
  const arrival = via.route === null ? now + transit : rep.disruptions!.arrival(now, transit, via.route);
  rep.sim.scheduleAt(arrival, Ev.ShipmentArrival, owner, batches, q, req.order[r]!);
  if (req.remaining[r] === 0) req.release(r);
  return true;
}
