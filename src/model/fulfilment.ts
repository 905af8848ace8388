/**
 * Fulfilment: a request (customer order, replenishment order or component request) meets the
 * stock that serves it. Served from on-hand, backordered, or lost; shipped units travel to
 * the requester, a customer's shipment is invoiced, and a finished customer order records its
 * lead time, OTIF and order-to-cash time.
 */
import { aboveReserve, reserveLimit } from './allocation.ts';
import { Ev } from './events.ts';
import type { LaneDef } from './network.ts';
import { shipInternal } from './internal-sourcing.ts';
import { jobReady } from './production-flow.ts';
import { review } from './replenishment.ts';
import type { Replication } from './replication.ts';
import { RequestKind } from './requests.ts';
import type { SegmentState } from './segment.ts';
import type { StockPointState } from './stockpoint.ts';
import { EPS } from './tolerance.ts';

/**
 * Units request r may take from sp now [units]: fresh enough for it (perishables), not set aside
 * for older waiting requests of equal or better priority (no overtaking), and above a reserve its
 * priority may not use (allocation.ts). `count`: record the misses as an arrival does (units
 * too old, reserve refusals); without it the question is only asked (order-lines.ts: which DC
 * can ship this line now?).
 */
export function availableTo(rep: Replication, sp: StockPointState, r: number, count: boolean): number {
  const req = rep.requests;
  const qty = req.remaining[r]!;
  const owner = req.kind[r] === RequestKind.Customer ? req.owner[r]! : -1;
  // Perishable stock: a segment with a minimum remaining life may use only part of it.
  let avail = sp.batches === null ? sp.onHand : rep.perishables!.usable(sp, owner, count ? qty : 0, rep.sim.now);
  const usable = avail;
  if (sp.backordered > EPS && avail > 0) avail = afterSetAside(rep, sp, req.priority[r]!, avail);
  if (req.priority[r]! > sp.reserveFor) avail = reserveLimit(sp, qty, usable, avail, count); // a reserve it may not use
  return avail;
}

/** Request r reaches stock point sp: served from on-hand, backordered, or lost. */
export function demand(rep: Replication, sp: StockPointState, r: number): void {
  const now = rep.sim.now;
  const req = rep.requests;
  sp.touch(now);
  req.demandTime[r] = now;
  const qty = req.remaining[r]!;
  const isCustomer = req.kind[r] === RequestKind.Customer;
  const seg = isCustomer ? rep.segments[req.owner[r]!]! : null;
  sp.demandUnits += qty;
  sp.requests++;
  if (seg) {
    seg.demandUnits += qty;
    seg.ordersAtStock++;
  }
  const avail = availableTo(rep, sp, r, true);
  if (avail + EPS >= qty) {
    const take = qty < avail ? qty : avail;
    sp.onHand -= take;
    sp.unitsFromStock += qty;
    sp.requestsCompleteFromStock++;
    if (seg) {
      seg.unitsFromStock += qty;
      seg.ordersCompleteFromStock++;
    }
    ship(rep, sp, r, qty);
  } else {
    sp.stockoutInCycle = true;
    const partial = seg ? seg.def.partialFill : true;
    const take = partial && avail > 0 ? avail : 0;
    if (take > 0) {
      sp.onHand -= take;
      sp.unitsFromStock += take;
      if (seg) seg.unitsFromStock += take;
      ship(rep, sp, r, take);
    }
    const rest = qty - take;
    if (seg && seg.def.lostSales) lose(rep, sp, seg, r, rest);
    else {
      sp.backordered += rest;
      if (seg) {
        seg.touch(now);
        seg.backordered += rest;
        if (seg.def.patienceDays < Number.POSITIVE_INFINITY) rep.sim.schedule(seg.def.patienceDays, Ev.Patience, r, req.serial[r]!);
      }
      sp.backorders.push(req.priority[r]!, r, req.serial[r]!);
    }
  }
  if (!sp.policy.periodic) review(rep, sp);
}

/**
 * No overtaking: what a newcomer of priority `priority` may take of the `avail` units it could
 * use, while older requests of equal or higher priority wait. The units those requests can use
 * (up to what is owed) stay set aside for them: all of it behind an all-or-nothing order still
 * gathering its units; for perishable stock, the units fresh enough for them, so that units
 * they refuse as too old stay free for others (issued oldest first, see perishables.ts); for a
 * waiter a reserve keeps from (allocation.ts), the units above the reserve.
 */
export function afterSetAside(rep: Replication, sp: StockPointState, priority: number, avail: number): number {
  const req = rep.requests;
  const queues = sp.backorders;
  let usableByWaiters = 0;
  for (let k = 0; k < queues.queues.length && queues.priorities[k]! <= priority; k++) {
    const r = queues.liveHead(k, req);
    if (r < 0) continue;
    const u = aboveReserve(
      sp,
      queues.priorities[k]!,
      sp.batches === null
        ? sp.onHand
        : rep.perishables!.usable(sp, req.kind[r] === RequestKind.Customer ? req.owner[r]! : -1, 0, rep.sim.now),
    );
    if (u > usableByWaiters) usableByWaiters = u;
  }
  const reserved = usableByWaiters < sp.backordered ? usableByWaiters : sp.backordered;
  return avail > reserved ? avail - reserved : 0;
}

/** Sends `q` units of request r from stock point sp to its requester. */
export function ship(rep: Replication, sp: StockPointState, r: number, q: number): void {
  const now = rep.sim.now;
  const req = rep.requests;
  const remaining = req.remaining[r]! - q;
  req.remaining[r] = remaining > EPS ? remaining : 0;
  sp.unitsIssued += q;
  const owner = req.owner[r]!;
  // Perishable stock: the batches leave too (a replenishment carries them in the event payload).
  const batches = sp.batches === null ? 0 : rep.perishables!.issue(rep, sp, r, q);
  switch (req.kind[r]) {
    case RequestKind.Customer: {
      // A ship-complete order gathers its lines before they leave (order-lines.ts).
      if (rep.orderLines !== null && rep.orderLines.onShip(rep, r, q)) return;
      // On a lane with vehicles transport.ts finishes the order when its last part leaves the dock.
      if (!deliverToCustomer(rep, sp, r, q) && req.remaining[r] === 0) finishCustomer(rep, rep.segments[owner]!, r);
      return;
    }
    case RequestKind.Replenishment: {
      // Internal sourcing: a stock with several plant/dc sources ships over the shipping source's lane.
      if (rep.internalSourcing !== null && shipInternal(rep, sp, r, q, batches)) return;
      const dest = rep.stockPoints[owner]!;
      if (dest.def.inbound.vehicles !== undefined) {
        payTransport(rep, dest.def.inbound, q);
        rep.inTransit += q;
        const order = req.order[r]!;
        if (req.remaining[r] === 0) req.release(r);
        return rep.transport!.loadStock(rep, dest.def.inbound.vehicles, owner, batches, q, order);
      }
      const transit = rep.inboundTransit[owner]!.sample(rep.inboundStream[owner]!);
      payTransport(rep, dest.def.inbound, q);
      rep.inTransit += q;
      const route = rep.disruptions === null ? null : rep.disruptions.inbound[owner]!;
      const arrival = route === null ? now + transit : rep.disruptions!.arrival(now, transit, route);
      rep.sim.scheduleAt(arrival, Ev.ShipmentArrival, owner, batches, q, req.order[r]!);
      if (req.remaining[r] === 0) req.release(r);
      return;
    }
    case RequestKind.Component: {
      sp.unitsConsumed += q;
      if (req.remaining[r] === 0) {
        req.release(r);
        if (--rep.jobs.pending[owner]! === 0) jobReady(rep, owner);
      }
      return;
    }
  }
}

/**
 * Sends `q` units of customer request r from sp on their way: transit over the lane from sp's
 * site (the segment's own, or a fallback DC's, order-lines.ts), revenue, invoice, transport.
 * A line travelling with others in one delivery (a ship-complete order) gets that delivery's
 * `transitDays` and, after the first line, a `lane` without the cost per shipment. True when the
 * units wait at the dock of a lane with vehicles (transport.ts finishes the request when they leave).
 */
export function deliverToCustomer(rep: Replication, sp: StockPointState, r: number, q: number, transitDays = -1, lane: LaneDef | null = null): boolean {
  const now = rep.sim.now;
  const req = rep.requests;
  const owner = req.owner[r]!;
  const seg = rep.segments[owner]!;
  const d = seg.def;
  // Shipped from a fallback DC: its own lane (transit, streams, cost, disruption route).
  const alt = sp.def.site === d.site ? null : rep.orderLines!.fallback(owner, sp.def.site);
  const out = alt === null ? d.outbound : alt.outbound;
  // On a lane with vehicles the units wait at the dock: the trip's transit and route apply when it leaves (transport.ts).
  const vehicles = out.vehicles;
  const transit =
    vehicles !== undefined ? 0
    : transitDays >= 0 ? transitDays
    : alt === null ? seg.transit.sample(seg.delivery[sp.def.product]!)
    : alt.transit.sample(alt.delivery[sp.def.product]!);
  const route = rep.disruptions === null || vehicles !== undefined ? null : alt === null ? rep.disruptions.outbound[owner]! : alt.route;
  const delivery = route === null ? now + transit : rep.disruptions!.arrival(now, transit, route);
  // Invoiced when the goods leave (later than now when a closed DC or lane holds them).
  const shipped = route === null ? now : rep.disruptions!.departed;
  if (delivery > req.lastDelivery[r]!) req.lastDelivery[r] = delivery;
  const amount = d.price * q;
  seg.unitsDelivered += q;
  rep.customerUnits[sp.def.index]! += q;
  if (sp.batches !== null) rep.perishables!.deliver(sp, owner, delivery);
  seg.revenue += amount;
  payTransport(rep, lane ?? out, q);
  const pay = shipped + d.paymentTermsDays + seg.lateness.sample(seg.payment);
  if (pay > req.lastPayment[r]!) req.lastPayment[r] = pay;
  rep.finance.invoice(shipped, amount, pay);
  if (vehicles === undefined) return false;
  rep.transport!.loadCustomer(rep, vehicles, sp.def.index, r, q);
  return true;
}

/** Units `rest` of request r are lost; the request ends. */
export function lose(rep: Replication, sp: StockPointState, seg: SegmentState, r: number, rest: number): void {
  sp.lostUnits += rest;
  seg.lostUnits += rest;
  rep.requests.lost[r] = 1;
  rep.requests.remaining[r] = 0;
  finishCustomer(rep, seg, r);
}

/**
 * Customer order r is complete (delivered or lost): its service and cash statistics. One
 * warm-up rule for every per-order KPI: OTIF, customer lead time and order-to-cash count the
 * orders placed in the measured window (requisition-to-payment likewise, in supplier.ts).
 * Order-to-cash runs to the last payment for the part shipped, lost units or not.
 */
export function finishCustomer(rep: Replication, seg: SegmentState, r: number): void {
  if (rep.transport !== null && rep.transport.holds(r)) return; // parts still at a dock: transport.ts finishes it
  const req = rep.requests;
  if (rep.orderLines !== null && rep.orderLines.lineDone(rep, seg, r)) return;
  const ordered = req.orderTime[r]!;
  const lost = req.lost[r] !== 0;
  const lead = req.lastDelivery[r]! - ordered;
  const onTime = !lost && lead <= seg.def.promisedDays + EPS;
  seg.countForRetention(onTime);
  if (ordered >= rep.net.warmupDays) {
    seg.ordersCompleted++;
    if (!lost) seg.leadTimes.push(lead);
    if (onTime) seg.ordersOnTimeInFull++;
    // Paid for what shipped: a last payment exists once any unit was invoiced.
    if (req.lastPayment[r]! >= 0) rep.finance.orderToCash.push(req.lastPayment[r]! - ordered);
  }
  req.release(r);
}

/** A backordered customer's patience ran out: what is still owed is lost (a stale timer does nothing). */
export function patienceExpired(rep: Replication, r: number, serial: number): void {
  const req = rep.requests;
  if (req.serial[r] !== serial || req.remaining[r]! <= 0) return;
  const sp = rep.stockPoints[req.stockPoint[r]!]!;
  const seg = rep.segments[req.owner[r]!]!;
  const rest = req.remaining[r]!;
  const now = rep.sim.now;
  sp.touch(now);
  seg.touch(now);
  sp.backordered -= rest;
  seg.backordered -= rest;
  lose(rep, sp, seg, r, rest);
  // Lost backorders raise the inventory position; no order is triggered by that.
}

/** Transport of `q` units on `lane`: a cost line, paid in cash at once. */
export function payTransport(rep: Replication, lane: LaneDef, q: number): void {
  const transport = lane.costPerUnit * q + lane.costPerShipment;
  rep.costs.transport += transport;
  if (lane.vehicles !== undefined) rep.transport!.charge(lane.vehicles, transport);
  rep.finance.expense(rep.sim.now, transport);
}
