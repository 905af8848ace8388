/**
 * External suppliers: an order waits for the supplier's capacity (FIFO, a fluid rate), then
 * takes the supplier's lead time — plus a lateness draw when the order is late — then the
 * lane's transit. The bill is raised on receipt and paid after the supplier's terms.
 */
import type { Sampler } from '../engine/distributions.ts';
import type { RandomStream } from '../engine/rng.ts';
import { Ev } from './events.ts';
import type { Replication } from './replication.ts';
import type { StockPointState } from './stockpoint.ts';

export interface SupplierState {
  leadTime: Sampler;
  lateness: Sampler;
  leadStream: RandomStream;
  reliabilityStream: RandomStream;
  /** When the supplier's capacity is next free [days]. */
  freeAt: number;
}

/** Places an order of `q` units from stock point `sp` with its supplier. */
export function orderFromSupplier(rep: Replication, sp: StockPointState, q: number): void {
  const now = rep.sim.now;
  const d = sp.def;
  const sup = rep.suppliers[d.sourceIndex]!;
  const def = rep.net.suppliers[d.sourceIndex]!;
  let dispatch = now;
  if (def.capacityPerDay < Number.POSITIVE_INFINITY) {
    const start = sup.freeAt > now ? sup.freeAt : now;
    sup.freeAt = start + q / def.capacityPerDay;
    dispatch = sup.freeAt;
  }
  let lead = sup.leadTime.sample(sup.leadStream);
  if (def.onTimeProbability < 1 && sup.reliabilityStream.next() >= def.onTimeProbability)
    lead += sup.lateness.sample(sup.leadStream);
  const transit = rep.inboundTransit[d.index]!.sample(rep.inboundStream[d.index]!);
  const arrival = dispatch + lead + transit;
  const transport = d.inbound.costPerUnit * q + d.inbound.costPerShipment;
  rep.costs.transport += transport;
  rep.finance.expense(now, transport);
  const pay = arrival + def.paymentTermsDays;
  rep.finance.bill(arrival, d.purchasePrice * q, pay);
  if (now >= rep.net.warmupDays) rep.finance.requisitionToPayment.push(pay - now);
  rep.inTransit += q;
  rep.sim.scheduleAt(arrival, Ev.ShipmentArrival, d.index, 1, q, now);
}
