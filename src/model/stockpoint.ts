/**
 * Runtime state of one stock point (one product at one site) and its running statistics.
 * Levels change only through the methods here, which first integrate the old level over the
 * time since the last change: time averages are exact integrals, not samples.
 */
import type { StockPointDef } from './network.ts';
import type { BatchStore } from './batch-store.ts';
import { type CompiledPolicy, copyPolicy } from './policies.ts';
import { BackorderQueues } from './requests.ts';

export class StockPointState {
  readonly def: StockPointDef;
  readonly policy: CompiledPolicy;
  readonly backorders: BackorderQueues;
  /** Units on hand [units]. */
  onHand = 0;
  /** Units ordered and not yet received [units]. */
  onOrder = 0;
  /** Units owed to requesters [units]. */
  backordered = 0;
  /** A stock-out happened since the last receipt (cycle service level). */
  stockoutInCycle = false;
  /** The units on hand as dated batches, for a perishable product; null otherwise (perishables.ts). */
  batches: BatchStore | null = null;
  /** Reserve (allocation.ts): requests of priority > reserveFor may not take on-hand below reserveUnits [units]. */
  readonly reserveFor: number;
  readonly reserveUnits: number;
  /** Receipts shared among waiting requests in proportion to what they owe (allocation.ts). */
  readonly fairShare: boolean;

  // --- running statistics since the start of the measured window ---
  private last = 0;
  /** ∫ on-hand dt [unit-days]. */
  intOnHand = 0;
  /** ∫ on-order dt [unit-days]. */
  intOnOrder = 0;
  /** ∫ backorders dt [unit-days]. */
  intBackorders = 0;
  /** Time with on-hand > 0 [days]. */
  timePositive = 0;
  /** Units demanded by every requester [units]. */
  demandUnits = 0;
  /** Units served from on-hand at the moment of demand [units]. */
  unitsFromStock = 0;
  requests = 0;
  requestsCompleteFromStock = 0;
  /** Units lost at this stock point (lost sales) [units]. */
  lostUnits = 0;
  cycles = 0;
  cyclesWithoutStockout = 0;
  ordersPlaced = 0;
  unitsOrdered = 0;
  unitsReceived = 0;
  /** Σ units × (receipt − order time) [unit-days]. */
  unitLeadTimeSum = 0;
  unitsIssued = 0;
  /** Units served from backorder [units] and Σ units × wait [unit-days]. */
  backorderedUnitsServed = 0;
  backorderDelaySum = 0;
  /** Units issued to production jobs at this site (components consumed) [units]. */
  unitsConsumed = 0;
  /** Levels at the start of the measured window [units]: the levels are not reset at the end
   * of warm-up, so conservation checks (src/model/conservation.ts) balance their changes. */
  onHandAtStart = 0;
  onOrderAtStart = 0;
  backorderedAtStart = 0;
  /** Orders refused units by the reserve on arrival, and those units [units] (allocation.ts). */
  reserveRefusals = 0;
  reserveHeldUnits = 0;

  constructor(def: StockPointDef, priorities: Iterable<number>) {
    this.def = def;
    // A copy: policies derived from a forecast get this replication's levels (see replication.ts).
    this.policy = copyPolicy(def.policy);
    this.backorders = new BackorderQueues([1, ...priorities]);
    this.reserveFor = def.allocation ? def.allocation.reserveFor : Number.POSITIVE_INFINITY;
    this.reserveUnits = def.allocation ? def.allocation.reserveUnits : 0;
    this.fairShare = def.allocation ? def.allocation.fairShare : false;
  }

  /** Inventory position [units]. */
  position(): number {
    return this.onHand + this.onOrder - this.backordered;
  }

  /** Integrates levels up to `now` [days]. Call before any level changes. */
  touch(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      this.intOnHand += this.onHand * dt;
      this.intOnOrder += this.onOrder * dt;
      this.intBackorders += this.backordered * dt;
      if (this.onHand > 1e-9) this.timePositive += dt;
      this.last = now;
    }
  }

  /** Starts a new replication at time 0 with `initial` units on hand. */
  start(initial: number): void {
    this.onHand = initial;
    this.onOrder = 0;
    this.backordered = 0;
    this.stockoutInCycle = false;
    this.backorders.clear();
    this.resetStatistics(0);
  }

  /** Forgets statistics (end of warm-up) but keeps the state. */
  resetStatistics(now: number): void {
    this.last = now;
    this.intOnHand = 0;
    this.intOnOrder = 0;
    this.intBackorders = 0;
    this.timePositive = 0;
    this.demandUnits = 0;
    this.unitsFromStock = 0;
    this.requests = 0;
    this.requestsCompleteFromStock = 0;
    this.lostUnits = 0;
    this.cycles = 0;
    this.cyclesWithoutStockout = 0;
    this.ordersPlaced = 0;
    this.unitsOrdered = 0;
    this.unitsReceived = 0;
    this.unitLeadTimeSum = 0;
    this.unitsIssued = 0;
    this.backorderedUnitsServed = 0;
    this.backorderDelaySum = 0;
    this.unitsConsumed = 0;
    this.reserveRefusals = 0;
    this.reserveHeldUnits = 0;
    this.onHandAtStart = this.onHand;
    this.onOrderAtStart = this.onOrder;
    this.backorderedAtStart = this.backordered;
  }
}
