/**
 * External suppliers: an order waits for the supplier's capacity (FIFO, a fluid rate), then
 * takes the supplier's lead time — plus a lateness draw when the order is late — then the
 * lane's transit. The bill is raised on receipt and paid after the supplier's terms.
 * Outages of the supplier pause both its capacity and its lead time (disruptions.ts).
 */
import type { Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import { Ev } from './events.ts';
import { payTransport } from './fulfilment.ts';
import type { Replication } from './replication.ts';
import { orderSourced } from './sourcing.ts';
import { breakPrice } from './supplier-terms.ts';
import type { StockPointState } from './stockpoint.ts';

export interface SupplierState {
  leadTime: Sampler;
  lateness: Sampler;
  /** When the supplier's capacity is next free [days]. */
  freeAt: number;
}

/**
 * The random streams of one supplier serving one buying stock (one product at one site): its
 * lead time, whether an order is late, and how late. Keyed by (supplier, buying stock) so
 * that a change at one buyer never shifts the draws seen by another buyer of that supplier.
 */
export interface SupplyStreams {
  lead: RandomStream;
  reliability: RandomStream;
  lateness: RandomStream;
}

/** The streams `supplier/<supplier>/{leadtime,reliability,lateness}/<site>/<product>`. */
export function supplyStreams(streams: StreamFactory, supplierId: string, stockId: string): SupplyStreams {
  return {
    lead: streams.get(`supplier/${supplierId}/leadtime/${stockId}`),
    reliability: streams.get(`supplier/${supplierId}/reliability/${stockId}`),
    lateness: streams.get(`supplier/${supplierId}/lateness/${stockId}`),
  };
}

/** Places an order of `q` units from stock point `sp` with its supplier (or suppliers). */
export function orderFromSupplier(rep: Replication, sp: StockPointState, q: number, order: number): void {
  const plan = rep.sourcing === null ? null : rep.sourcing[sp.def.index]!;
  if (plan !== null) orderSourced(rep, sp, q, plan, order);
  else sendToSupplier(rep, sp, q, 0, order);
}

/**
 * Sends a purchase order of `q` units for `sp` to the supplier of sourcing slot `slot` (0: the
 * stock's own source; see sourcing.ts), as part of replenishment order `order`. A supplier outage pauses its capacity and lead time
 * (work resumes when it ends); the lane and the receiving DC may delay the shipment further.
 */
export function sendToSupplier(rep: Replication, sp: StockPointState, q: number, slot: number, order: number): void {
  const now = rep.sim.now;
  const d = sp.def;
  let k = d.sourceIndex;
  let price = d.purchasePrice;
  let lane = d.inbound;
  let transitTime = rep.inboundTransit[d.index]!;
  let transitStream = rep.inboundStream[d.index]!;
  let draws = rep.supplyStreams[d.index]!;
  const dis = rep.disruptions;
  let route = dis === null ? null : dis.inbound[d.index]!;
  if (slot > 0) {
    const o = rep.sourcing![d.index]!.options[slot]!;
    k = o.supplier;
    price = o.price;
    lane = o.lane;
    transitTime = o.transit;
    transitStream = o.stream;
    draws = o.draws;
    route = o.route;
  }
  const sup = rep.suppliers[k]!;
  const def = rep.net.suppliers[k]!;
  const down = dis === null ? null : dis.supplierDown[k]!;
  // Supplier terms: MOQ and multiple raise the order, price breaks set its price (supplier-terms.ts).
  const terms = rep.terms === null ? null : rep.terms.of(k, d.product);
  if (terms !== null) {
    q = rep.terms!.round(rep, sp, terms, q, order);
    price = breakPrice(terms, q);
  }
  let dispatch = now;
  if (def.capacityPerDay < Number.POSITIVE_INFINITY) {
    const start = sup.freeAt > now ? sup.freeAt : now;
    sup.freeAt = down === null ? start + q / def.capacityPerDay : down.advance(start, q / def.capacityPerDay);
    dispatch = sup.freeAt;
  }
  if (terms !== null) dispatch = rep.terms!.ready(sp, terms, q, dispatch);
  let lead = sup.leadTime.sample(draws.lead);
  if (def.onTimeProbability < 1 && draws.reliability.next() >= def.onTimeProbability)
    lead += sup.lateness.sample(draws.lateness);
  // A lane with vehicles: the goods reach its dock at dispatch and are billed there (transport.ts).
  const vehicles = rep.transport === null ? -1 : rep.transport.supplierLane(rep, d.index, slot);
  const transit = vehicles >= 0 ? 0 : transitTime.sample(transitStream);
  if (down !== null) dispatch = down.advance(dispatch, lead);
  else dispatch += lead;
  const arrival = vehicles >= 0 ? dispatch : route === null ? dispatch + transit : dis!.arrival(dispatch, transit, route);
  payTransport(rep, lane, q);
  if (vehicles >= 0 && lane.vehicles === undefined) rep.transport!.charge(vehicles, lane.costPerUnit * q + lane.costPerShipment);
  const pay = arrival + def.paymentTermsDays;
  rep.finance.bill(arrival, price * q, pay);
  if (now >= rep.net.warmupDays) rep.finance.requisitionToPayment.push(pay - now);
  rep.inTransit += q;
  // A perishable batch is produced when dispatched; its record rides in the payload too (events.ts).
  const batch = sp.batches === null ? 0 : rep.perishables!.supplierBatch(sp, q, dispatch);
  // The slot rides in the event's source-kind payload (kind 1 = supplier), for the price at receipt.
  rep.sim.scheduleAt(arrival, vehicles >= 0 ? Ev.TransportReady : Ev.ShipmentArrival, d.index, 1 | (slot << 2) | batch, q, order);
}
