/**
 * Replenishment: the ordering rule applied at the inventory position, orders placed with the
 * source (supplier, upstream stock point or own production), receipts, and backorders served
 * from what arrives (highest priority first, FIFO within a class).
 */
import { aboveReserve, fairShare } from './allocation.ts';
import { demand, ship } from './fulfilment.ts';
import { SourceKind } from './network.ts';
import { orderInternal } from './internal-sourcing.ts';
import { termsPrice } from './supplier-terms.ts';
import { orderQuantity } from './policies.ts';
import { createJob } from './production-flow.ts';
import type { Replication } from './replication.ts';
import { RequestKind } from './requests.ts';
import type { StockPointState } from './stockpoint.ts';
import { orderFromSupplier } from './supplier.ts';
import { EPS } from './tolerance.ts';

/** Applies the policy at the current inventory position. */
export function review(rep: Replication, sp: StockPointState): void {
  let q = orderQuantity(sp.policy, sp.position());
  if (q > EPS && sp.def.storageLimit < Number.POSITIVE_INFINITY) q = capToStorage(rep, sp, q);
  if (q > EPS) placeOrder(rep, sp, q);
}

/**
 * A site's storage limit caps what it orders: on-hand plus on-order of all its products
 * never exceeds the limit, so space is reserved when ordering and no receipt is refused.
 */
function capToStorage(rep: Replication, sp: StockPointState, q: number): number {
  let used = 0;
  for (const i of rep.net.stockPointsOfSite[sp.def.site]!) used += rep.stockPoints[i]!.onHand + rep.stockPoints[i]!.onOrder;
  const room = sp.def.storageLimit - used;
  return room > 0 ? (q < room ? q : room) : 0;
}

function placeOrder(rep: Replication, sp: StockPointState, q: number): void {
  const now = rep.sim.now;
  const d = sp.def;
  sp.touch(now);
  sp.onOrder += q;
  sp.ordersPlaced++;
  sp.unitsOrdered += q;
  rep.costs.ordering += d.orderCost;
  rep.finance.expense(now, d.orderCost);
  const order = rep.orders.open(q, now);
  switch (d.sourceKind) {
    case SourceKind.Supplier:
      return orderFromSupplier(rep, sp, q, order);
    case SourceKind.StockPoint: {
      const plan = rep.internalSourcing === null ? null : rep.internalSourcing[d.index]!;
      if (plan !== null) return orderInternal(rep, sp, q, plan, order);
      const r = rep.requests.alloc(RequestKind.Replenishment, d.index, d.sourceIndex, q, 1, now);
      rep.requests.order[r] = order;
      demand(rep, rep.stockPoints[d.sourceIndex]!, r);
      return;
    }
    case SourceKind.Production:
      return createJob(rep, sp, q, order);
  }
}

/**
 * Units of replenishment order `order` arrive at a stock point (from a supplier, an upstream
 * site or production); the order's full receipt ends a replenishment cycle (cycle service
 * level), however many shipments it came in. Receipt source: 0 upstream site, 1 supplier,
 * 2 own production; a supplier
 * receipt carries its sourcing slot above the low two bits (1 | slot << 2, see supplier.ts),
 * and a perishable receipt its batch record from bit 8 (the layout: Ev.ShipmentArrival).
 */
export function receive(rep: Replication, sp: StockPointState, q: number, order: number, source: number): void {
  const now = rep.sim.now;
  const fromSupplier = source & 3;
  sp.touch(now);
  if (fromSupplier !== 2) rep.inTransit -= q;
  sp.onHand += q;
  if (sp.batches !== null) rep.perishables!.receive(rep, sp, q, source);
  sp.onOrder -= q;
  if (sp.onOrder < EPS) sp.onOrder = 0;
  sp.unitsReceived += q;
  sp.unitLeadTimeSum += q * (now - rep.orders.placed[order]!);
  if (fromSupplier === 1) {
    const slot = (source >> 2) & 63;
    let price = slot !== 0 ? rep.sourcing![sp.def.index]!.options[slot]!.price : sp.def.purchasePrice;
    if (rep.terms !== null) price = termsPrice(rep, sp, slot, q, price);
    const spend = price * q;
    rep.costs.purchase += spend;
    rep.costs.variance += spend - sp.def.unitCost * q; // price paid vs standard cost (P&L costVariance)
  }
  if (rep.orders.receive(order, q, RECEIPT_TOLERANCE * q)) {
    sp.cycles++;
    if (!sp.stockoutInCycle) sp.cyclesWithoutStockout++;
    sp.stockoutInCycle = false;
  }
  if (sp.backordered > 0) serveBackorders(rep, sp);
  if (!sp.policy.periodic) review(rep, sp);
}

/** Relative rounding residue of an order split into shares (q × share summed back) [1]. */
const RECEIPT_TOLERANCE = 1e-9;

/**
 * Allocates on-hand to waiting requests, strictly highest priority first, FIFO within a class:
 * an all-or-nothing head that cannot be filled whole stops the allocation there (the stock
 * stays set aside for it; no later request passes it). Perishable stock too old for a class's
 * head is left to the next class; so is stock a reserve keeps from a class (allocation.ts).
 */
function serveBackorders(rep: Replication, sp: StockPointState): void {
  const now = rep.sim.now;
  const req = rep.requests;
  const queues = sp.backorders.queues;
  if (sp.fairShare) fairShare(rep, sp); // first shares what cannot cover everyone (allocation.ts)
  for (let k = 0; k < queues.length && sp.onHand > EPS; k++) {
    const queue = queues[k]!;
    while (queue.size > 0 && sp.onHand > EPS) {
      const r = queue.peekId();
      if (req.serial[r] !== queue.peekSerial() || req.remaining[r]! <= 0) {
        queue.shift();
        continue;
      }
      const isCustomer = req.kind[r] === RequestKind.Customer;
      const seg = isCustomer ? rep.segments[req.owner[r]!]! : null;
      const want = req.remaining[r]!;
      // Perishable stock: only what this requester accepts; too old for it stays for the others.
      const usable = sp.batches === null ? sp.onHand : rep.perishables!.usable(sp, seg ? seg.def.index : -1, 0, now);
      const avail = aboveReserve(sp, sp.backorders.priorities[k]!, usable); // a reserve it may not use (allocation.ts)
      if (avail <= EPS) break; // too old for this class, or held in a reserve: left to the next
      if (seg && !seg.def.partialFill && avail + EPS < want) return;
      const q = want < avail ? want : avail;
      sp.onHand -= q;
      sp.backordered -= q;
      if (sp.backordered < EPS) sp.backordered = 0;
      sp.backorderedUnitsServed += q;
      sp.backorderDelaySum += q * (now - req.demandTime[r]!);
      if (seg) {
        seg.touch(now);
        seg.backordered -= q;
        if (seg.backordered < EPS) seg.backordered = 0;
      }
      if (q + EPS >= want) queue.shift();
      ship(rep, sp, r, q);
    }
  }
}
