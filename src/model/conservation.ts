/**
 * Conservation of units in a finished replication: every unit that enters a stock, a
 * customer's order book or the network is accounted for by what left it and what is still
 * there. A violated balance means a unit was created or destroyed by a counting bug, so these
 * checks guard every KPI built on the counters (fill rate, throughput, average on-hand).
 *
 * All balances are over the measured window [warm-up, horizon]: flow counters are reset at
 * the end of warm-up, levels are not, so each level enters as (at end − at window start).
 *
 * Per stock point (one product at one site):
 * - on-hand:    onHand(start) + received − issued − expired             = onHand(end)
 *   (expired: perishable units wasted, see perishables.ts; their batches add up to on-hand)
 * - pipeline:   onOrder(start) + ordered − received                     = onOrder(end)
 * - requests:   demanded − issued − lost                                = backordered(end) − backordered(start)
 *   ("demanded" counts every requester: customers, downstream stocks, production jobs).
 * Per customer segment:
 * - order book: units ordered (on arrival) − units demanded from the stock (after the back
 *               office)                                                 = Δ units in the back office
 * - service:    units demanded − units delivered − units lost            = Δ units on backorder
 * - and, over all segments, units on backorder = units still owed to the customer requests
 *   waiting in the stock points' backorder queues (an independent view of the same level).
 * Network-wide (units of all products added up; a BOM turns components into finished goods):
 * - ordered from suppliers + produced − components consumed − delivered to customers − expired
 *                                                                       = Δ on-hand + Δ in transit
 *   where supplier orders are in transit from the moment they are placed (lead time included).
 */
import { SourceKind } from './network.ts';
import { RequestKind } from './requests.ts';
import type { Replication } from './replication.ts';

/** Relative tolerance of a balance: |lhs − rhs| ≤ tol × max(1, |terms|). */
export const CONSERVATION_TOLERANCE = 1e-6;

/**
 * Checks every balance of a replication that has finished `run`. Returns one line per
 * violated balance (empty when all hold).
 */
export function checkConservation(rep: Replication, tolerance = CONSERVATION_TOLERANCE): string[] {
  const problems: string[] = [];
  /** Records a violation when lhs and rhs differ by more than the tolerance relative to the largest term. */
  const balance = (what: string, lhs: number, rhs: number, ...terms: number[]) => {
    let scale = 1;
    for (const t of [lhs, rhs, ...terms]) scale = Math.max(scale, Math.abs(t));
    const gap = lhs - rhs;
    if (!(Math.abs(gap) <= tolerance * scale)) problems.push(`${what}: ${fmt(lhs)} ≠ ${fmt(rhs)} (off by ${fmt(gap)})`);
  };
  const nonNegative = (what: string, x: number) => {
    if (!(x >= -tolerance)) problems.push(`${what} is negative: ${fmt(x)}`);
  };

  let onHandChange = 0;
  let fromSuppliers = 0;
  let consumed = 0;
  let expired = 0;
  // Σ segment backorders, compared with the open customer requests in the backorder queues.
  let segmentBackorders = 0;
  for (const sp of rep.stockPoints) {
    const id = `stock ${sp.def.id}`;
    const wasted = sp.batches === null ? 0 : sp.batches.wasted;
    balance(
      `${id}: on-hand at start + received − issued − expired = on-hand at end`,
      sp.onHandAtStart + sp.unitsReceived - sp.unitsIssued - wasted,
      sp.onHand,
      sp.onHandAtStart,
      sp.unitsReceived,
      sp.unitsIssued,
    );
    if (sp.batches !== null) balance(`${id}: units in batches = on-hand`, sp.batches.units, sp.onHand, sp.onHand);
    balance(`${id}: on-order at start + ordered − received = on-order at end`, sp.onOrderAtStart + sp.unitsOrdered - sp.unitsReceived, sp.onOrder, sp.onOrderAtStart, sp.unitsOrdered, sp.unitsReceived);
    balance(
      `${id}: demanded − issued − lost = change of backorders`,
      sp.demandUnits - sp.unitsIssued - sp.lostUnits,
      sp.backordered - sp.backorderedAtStart,
      sp.demandUnits,
      sp.unitsIssued,
    );
    nonNegative(`${id}: on-hand`, sp.onHand);
    nonNegative(`${id}: on-order`, sp.onOrder);
    nonNegative(`${id}: backorders`, sp.backordered);
    onHandChange += sp.onHand - sp.onHandAtStart;
    consumed += sp.unitsConsumed;
    expired += wasted;
    if (sp.def.sourceKind === SourceKind.Supplier) fromSuppliers += sp.unitsOrdered;
  }

  let delivered = 0;
  let held = 0;
  for (const s of rep.segments) {
    const id = `segment ${s.def.id}`;
    balance(
      `${id}: units ordered − units demanded from stock = change of units in the back office`,
      s.unitsOrdered - s.demandUnits,
      s.unitsInProcessing - s.unitsInProcessingAtStart,
      s.unitsOrdered,
      s.demandUnits,
    );
    balance(
      `${id}: demanded − delivered − lost − change of units gathered for ship-complete orders = change of backorders`,
      s.demandUnits - s.unitsDelivered - s.lostUnits - (s.unitsHeld - s.unitsHeldAtStart),
      s.backordered - s.backorderedAtStart,
      s.demandUnits,
      s.unitsDelivered,
    );
    nonNegative(`${id}: backorders`, s.backordered);
    nonNegative(`${id}: units in the back office`, s.unitsInProcessing);
    delivered += s.unitsDelivered;
    held += s.unitsHeld - s.unitsHeldAtStart;
    segmentBackorders += s.backordered;
  }
  balance(
    'customer backorders: Σ segments = Σ open customer requests',
    segmentBackorders,
    openCustomerBackorders(rep),
    segmentBackorders,
  );

  let produced = 0;
  for (const p of rep.plants) produced += p.unitsProduced;
  balance(
    'network: from suppliers + produced − consumed − delivered − expired = Δ on-hand + Δ in transit + Δ gathered for ship-complete orders',
    fromSuppliers + produced - consumed - delivered - expired - held,
    onHandChange + (rep.inTransit - rep.inTransitAtStart),
    fromSuppliers,
    produced,
    consumed,
    delivered,
  );
  nonNegative('network: units in transit', rep.inTransit);
  return problems;
}

/**
 * Units still owed to customers on backorder, read from the stock points' backorder queues
 * (an independent view of what the segments' counters claim). A queue entry whose request
 * was recycled (its serial moved on) or already served is skipped.
 */
function openCustomerBackorders(rep: Replication): number {
  const req = rep.requests;
  let total = 0;
  for (const sp of rep.stockPoints)
    for (const q of sp.backorders.queues)
      q.forEach((r, serial) => {
        if (req.serial[r] === serial && req.kind[r] === RequestKind.Customer) total += req.remaining[r]!;
      });
  return total;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(10));
