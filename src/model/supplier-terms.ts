/**
 * Supplier terms per (supplier, product), applied to each purchase order (each part of a
 * split order is a purchase order of its own, sourcing.ts):
 * - minimum order quantity and order multiple: the order is raised to the MOQ, then rounded
 *   up to the multiple; the extra units join the replenishment order (on order, and the
 *   order's cycle ends when they too have arrived);
 * - capacity per period (`units` every `periodDays`, periods counted from time 0): orders take
 *   capacity first come, first served; an order whose units do not all fit in the current
 *   period waits, whole, until the period in which capacity for its last unit is free, and
 *   its lead time starts then (at that period's start). One order stays one shipment, so it
 *   keeps one price and one bill;
 * - price breaks (all-units discount): every unit of an order of q units costs the price of
 *   the largest break with minQuantity ≤ q (the base price below the first). The price paid
 *   goes into the bill, purchaseSpend and costVariance (price − standard cost, pnl.ts).
 * No random draws: scenarios without terms run exactly as before.
 */
import type { Network } from './network.ts';
import type { Replication } from './replication.ts';
import type { StockPointState } from './stockpoint.ts';

export interface TermsDef {
  /** Minimum order quantity [units] (0: none). */
  moq: number;
  /** Order multiple [units] (0: none). */
  multiple: number;
  /** Capacity per period [units] (Infinity: none) and period length [days]. */
  capacityUnits: number;
  periodDays: number;
  /** Price breaks, minQuantity increasing. */
  breaks: Array<{ minQuantity: number; price: number }>;
  /** Base price [money per unit]. */
  price: number;
  /** Slot of this (supplier, product) in the capacity state. */
  slot: number;
}

/** Units by which MOQ and multiple raise an order of `q` units [units]. */
export function roundedQuantity(t: Pick<TermsDef, 'moq' | 'multiple'>, q: number): number {
  let x = q < t.moq ? t.moq : q;
  if (t.multiple > 0) {
    // A quantity already on a multiple (within rounding residue) is not raised a whole step.
    const n = Math.ceil(x / t.multiple - 1e-9);
    x = n * t.multiple;
  }
  return x;
}

/** Price per unit of an order of `q` units under all-units price breaks [money per unit]. */
export function breakPrice(t: Pick<TermsDef, 'breaks' | 'price'>, q: number): number {
  let p = t.price;
  for (const b of t.breaks) if (q + 1e-9 >= b.minQuantity) p = b.price;
  return p;
}

export class SupplierTerms {
  /** Terms by supplier × product (null where none are given). */
  private readonly defs: Array<TermsDef | null>;
  private readonly products: number;
  /** Capacity state per terms slot: current period index and units taken in it. */
  private readonly period: Float64Array;
  private readonly used: Float64Array;
  // --- per stock point, over the measured window ---
  /** Units added to purchase orders by MOQ and multiples [units]. */
  readonly roundedUp: Float64Array;
  /** Purchase orders that waited for capacity, and Σ of their waits [days]. */
  readonly delayedOrders: Float64Array;
  readonly delaySum: Float64Array;
  /** Units received on terms (from a supplier with terms for the product) and what was paid for them [units], [money]. */
  readonly unitsBought: Float64Array;
  readonly spend: Float64Array;

  private constructor(defs: Array<TermsDef | null>, products: number, slots: number, stockPoints: number) {
    this.defs = defs;
    this.products = products;
    this.period = new Float64Array(slots);
    this.used = new Float64Array(slots);
    this.roundedUp = new Float64Array(stockPoints);
    this.delayedOrders = new Float64Array(stockPoints);
    this.delaySum = new Float64Array(stockPoints);
    this.unitsBought = new Float64Array(stockPoints);
    this.spend = new Float64Array(stockPoints);
  }

  /** The terms of the network, or null when no supplier gives any beyond its price. */
  static build(net: Network): SupplierTerms | null {
    const s = net.scenario;
    const n = net.products.length;
    const defs: Array<TermsDef | null> = new Array(net.suppliers.length * n).fill(null);
    let slots = 0;
    net.suppliers.forEach((sup, k) => {
      const spec = s.sites[net.sites[sup.site]!.id]!;
      if (spec.type !== 'supplier') return;
      net.products.forEach((p, j) => {
        const t = spec.products[p.id];
        if (t === undefined) return;
        if (t.minOrderQuantity === undefined && t.orderMultiple === undefined && t.capacityPerPeriod === undefined && t.priceBreaks === undefined) return;
        defs[k * n + j] = {
          moq: t.minOrderQuantity ?? 0,
          multiple: t.orderMultiple ?? 0,
          capacityUnits: t.capacityPerPeriod?.units ?? Number.POSITIVE_INFINITY,
          periodDays: t.capacityPerPeriod?.periodDays ?? 1,
          breaks: t.priceBreaks ?? [],
          price: t.price,
          slot: slots++,
        };
      });
    });
    return slots > 0 ? new SupplierTerms(defs, n, slots, net.stockPoints.length) : null;
  }

  /** Terms of supplier `k` for product `product`, or null. */
  of(k: number, product: number): TermsDef | null {
    return this.defs[k * this.products + product]!;
  }

  /** Start of a replication: capacity unused, counters zero. */
  start(): void {
    this.period.fill(0);
    this.used.fill(0);
    this.resetStatistics();
  }

  resetStatistics(): void {
    this.roundedUp.fill(0);
    this.delayedOrders.fill(0);
    this.delaySum.fill(0);
    this.unitsBought.fill(0);
    this.spend.fill(0);
  }

  /**
   * Raises purchase order `q` of `sp` (part of replenishment order `order`) to the MOQ and
   * multiple; the extra units go on order. Returns the quantity to order [units].
   */
  round(rep: Replication, sp: StockPointState, t: TermsDef, q: number, order: number): number {
    const x = roundedQuantity(t, q);
    const extra = x - q;
    if (extra <= 0) return q;
    sp.touch(rep.sim.now);
    sp.onOrder += extra;
    sp.unitsOrdered += extra;
    rep.orders.outstanding[order]! += extra;
    this.roundedUp[sp.def.index]! += extra;
    return x;
  }

  /**
   * When an order of `q` units placed at `t0` may start its lead time under the capacity per
   * period: capacity is taken FIFO, period after period [days].
   */
  ready(sp: StockPointState, t: TermsDef, q: number, t0: number): number {
    if (t.capacityUnits === Number.POSITIVE_INFINITY) return t0;
    const i = t.slot;
    const now = Math.floor(t0 / t.periodDays);
    if (this.period[i]! < now) {
      this.period[i] = now;
      this.used[i] = 0;
    }
    const free = t.capacityUnits - this.used[i]!;
    if (q <= free + 1e-9) {
      this.used[i]! += q;
    } else {
      // Whole periods the rest fills, then the part of the last one it uses.
      const rest = q - free;
      const more = Math.ceil(rest / t.capacityUnits - 1e-9);
      this.period[i]! += more;
      this.used[i] = rest - (more - 1) * t.capacityUnits;
    }
    const start = this.period[i]! * t.periodDays;
    if (start <= t0) return t0;
    this.delayedOrders[sp.def.index]!++;
    this.delaySum[sp.def.index]! += start - t0;
    return start;
  }

  /** Records a receipt of `q` units bought at `price` [money per unit]. */
  bought(sp: StockPointState, q: number, price: number): void {
    this.unitsBought[sp.def.index]! += q;
    this.spend[sp.def.index]! += q * price;
  }
}

/**
 * The price paid for a supplier receipt of `q` units at `sp` from sourcing slot `slot`
 * (`base`: the price without terms): a purchase order arrives whole, so its quantity is the
 * receipt's. Counts a receipt on terms for the average price paid.
 */
export function termsPrice(rep: Replication, sp: StockPointState, slot: number, q: number, base: number): number {
  const terms = rep.terms!;
  const k = slot !== 0 ? rep.sourcing![sp.def.index]!.options[slot]!.supplier : sp.def.sourceIndex;
  const t = terms.of(k, sp.def.product);
  if (t === null) return base;
  const price = breakPrice(t, q);
  terms.bought(sp, q, price);
  return price;
}
