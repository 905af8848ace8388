/**
 * Perishable products: stock held as batches with a production date and an expiry date, issued
 * FIFO or FEFO, expiring by events and counted as waste.
 *
 * A product with `shelfLifeDays` is perishable. Every stock point of it gets a `BatchStore`
 * (`sp.batches`); every other stock point has `sp.batches === null`, and that null check is all
 * a non-perishable model pays: no batch bookkeeping, no expiry events.
 *
 * Where a batch's date comes from:
 * - a supplier batch is produced when the supplier dispatches it (after its capacity queue and
 *   lead time, outages included), so lane transit already ages it;
 * - a production batch is produced when its job completes;
 * - a shipment between stock points carries the batches taken upstream, dates unchanged
 *   (a side record recycled here; its index rides in the ShipmentArrival event, see events.ts);
 * - initial stock is produced at time 0.
 * With `dating: month` a batch is dated from the start of the month it was produced in (a
 * 365-day year, day 0 = 1 January, as in seasonality.ts): its age and expiry count from there.
 * A batch's shelf life is drawn when it is produced, from the stream `shelf-life/<stock point>`
 * of the stock that received it from its supplier or plant (or held it at time 0).
 *
 * Issuing: FIFO takes batches in the order they arrived at the site, FEFO the one that expires
 * first (arrival order among equal expiries). A customer segment with `minRemainingLife` (a
 * fraction of the batch's total shelf life) is only given batches with at least that share of
 * their life left at the moment of shipping; older batches are skipped and stay for other
 * requesters (replenishments and production take any unexpired batch).
 *
 * Expiry: one Ev.Expiry event per received batch, at its expiry time. The event removes every
 * batch of the stock with expiry ≤ now: the units leave on-hand (the level's integrals are
 * touched first), count as waste (units, value at unit cost, disposal cost paid at once), and a continuous-review policy checks its reorder point as after a
 * sale (a periodic one sees the drop at its next review). A batch that arrives already expired
 * is wasted on receipt.
 *
 * Freshness KPIs: kpi-freshness.ts.
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import { Ev } from './events.ts';
import { BatchList, BatchStore, monthStart } from './batch-store.ts';
import type { Network } from './network.ts';
import { review } from './replenishment.ts';
import type { Replication } from './replication.ts';
import { RequestKind } from './requests.ts';
import type { StockPointState } from './stockpoint.ts';
import { EPS } from './tolerance.ts';

/** Bit position of (batch record + 1) in the ShipmentArrival event's `b` payload (events.ts). */
export const BATCH_RECORD_SHIFT = 8;

/**
 * The perishable side of a replication: the batch stores, shelf-life draws, shipment records
 * and the freshness counters. Built only when some product is perishable (`build` returns null
 * otherwise); the Replication calls it from a handful of hooks guarded by `sp.batches !== null`.
 */
export class Perishables {
  /** Batch store per stock point (null: not perishable). */
  readonly stores: Array<BatchStore | null>;
  /** Minimum remaining life each segment accepts [fraction of shelf life] (0: any). */
  readonly minRemainingLife: Float64Array;
  /** Per segment, over the window: units delivered from batches [units], Σ units × age at
   * delivery [unit-days], demand units that found on-hand too old for them [units]. */
  readonly deliveredUnits: Float64Array;
  readonly deliveredAgeSum: Float64Array;
  readonly tooOldUnits: Float64Array;
  /** Disposal cost of expired units in the window [money]. */
  wasteCost = 0;
  private readonly shelfLife: Array<Sampler | null>;
  private readonly lifeStreams: Array<RandomStream | null>;
  private readonly monthDated: Uint8Array;
  private readonly disposalPerUnit: Float64Array;
  /** Shipment records (batches in transit between stock points), recycled through `free`. */
  private readonly records: BatchList[] = [];
  private readonly free: number[] = [];

  /** The perishable side of `net`, or null when no product has a shelf life. */
  static build(net: Network, stockPoints: StockPointState[], streams: StreamFactory): Perishables | null {
    const products = net.scenario.products;
    if (!net.products.some((p) => products[p.id]?.shelfLifeDays !== undefined)) return null;
    return new Perishables(net, stockPoints, streams);
  }

  private constructor(net: Network, stockPoints: StockPointState[], streams: StreamFactory) {
    const s = net.scenario;
    const n = stockPoints.length;
    this.stores = new Array(n).fill(null);
    this.shelfLife = new Array(n).fill(null);
    this.lifeStreams = new Array(n).fill(null);
    this.monthDated = new Uint8Array(n);
    this.disposalPerUnit = new Float64Array(n);
    for (const sp of stockPoints) {
      const d = sp.def;
      const productId = net.products[d.product]!.id;
      const product = s.products[productId]!;
      if (product.shelfLifeDays === undefined) continue;
      const site = s.sites[net.sites[d.site]!.id]!;
      const issuing = site.type === 'supplier' ? undefined : site.stock[productId]?.issuing;
      const store = new BatchStore(issuing === 'FEFO');
      this.stores[d.index] = store;
      sp.batches = store;
      this.shelfLife[d.index] = compileDistribution(product.shelfLifeDays);
      this.lifeStreams[d.index] = streams.get(`shelf-life/${d.id}`);
      this.monthDated[d.index] = product.dating === 'month' ? 1 : 0;
      this.disposalPerUnit[d.index] = product.disposalCostPerUnit;
    }
    const m = net.segments.length;
    this.minRemainingLife = Float64Array.from(net.segments, (g) => s.segments[g.id]?.minRemainingLife ?? 0);
    this.deliveredUnits = new Float64Array(m);
    this.deliveredAgeSum = new Float64Array(m);
    this.tooOldUnits = new Float64Array(m);
  }

  /** Starts a replication: empty stores, initial stock as one batch produced at time 0. */
  start(rep: Replication): void {
    this.free.length = 0;
    for (let i = this.records.length - 1; i >= 0; i--) {
      this.records[i]!.clear();
      this.free.push(i);
    }
    this.resetStatistics(0);
    for (const sp of rep.stockPoints) {
      const store = sp.batches;
      if (store === null) continue;
      store.clear();
      if (sp.onHand > 0) this.produce(rep, sp, sp.onHand, 0);
    }
  }

  /** Forgets the window statistics (end of warm-up); batches and their ages stay. */
  resetStatistics(now: number): void {
    for (const store of this.stores)
      if (store !== null) {
        store.touch(now);
        store.resetStatistics(now);
      }
    this.deliveredUnits.fill(0);
    this.deliveredAgeSum.fill(0);
    this.tooOldUnits.fill(0);
    this.wasteCost = 0;
  }

  /** Integrates every store up to `now` (end of the run). */
  touch(now: number): void {
    for (const store of this.stores) if (store !== null) store.touch(now);
  }

  /** The date a batch produced at `t` carries: t, or the start of its month. */
  private dated(sp: number, t: number): number {
    return this.monthDated[sp] === 1 ? monthStart(t) : t;
  }

  /**
   * A supplier batch of `q` units for `sp`, produced (dispatched) at `produced`: records it and
   * returns the bits to add to the ShipmentArrival payload.
   */
  supplierBatch(sp: StockPointState, q: number, produced: number): number {
    const i = sp.def.index;
    const life = this.shelfLife[i]!.sample(this.lifeStreams[i]!);
    const date = this.dated(i, produced);
    const rec = this.allocRecord();
    this.records[rec]!.push(q, date, date + life, life);
    return (rec + 1) << BATCH_RECORD_SHIFT;
  }

  /**
   * Units on hand that request owner `seg` (a segment index, or −1 for an internal requester)
   * may take now [units]. With `qty` > 0 (an order reaching the stock) it also counts the
   * order as "too old" when on-hand in total would have covered it but fresh-enough stock not.
   */
  usable(sp: StockPointState, seg: number, qty: number, now: number): number {
    const min = seg < 0 ? 0 : this.minRemainingLife[seg]!;
    if (min <= 0) return sp.onHand;
    const fresh = sp.batches!.available(now, min);
    const avail = fresh < sp.onHand ? fresh : sp.onHand;
    if (qty > 0 && avail + EPS < qty && sp.onHand + EPS >= qty) this.tooOldUnits[seg]! += qty;
    return avail;
  }

  /**
   * Takes the batches of `q` units shipped for request r. Returns the bits to add to the
   * ShipmentArrival payload (a replenishment carries its batches to the next stock), else 0.
   */
  issue(rep: Replication, sp: StockPointState, r: number, q: number): number {
    const req = rep.requests;
    const kind = req.kind[r];
    const store = sp.batches!;
    store.take(q, rep.sim.now, kind === RequestKind.Customer ? this.minRemainingLife[req.owner[r]!]! : 0);
    if (kind !== RequestKind.Replenishment) return 0;
    // The taken list itself travels; the store gets the record's empty list in exchange.
    const rec = this.allocRecord();
    const spare = this.records[rec]!;
    this.records[rec] = store.taken;
    store.taken = spare;
    return (rec + 1) << BATCH_RECORD_SHIFT;
  }

  /** The batches just issued to segment `seg` reach it at `delivery` [days]: age KPIs. */
  deliver(sp: StockPointState, seg: number, delivery: number): void {
    const t = sp.batches!.taken;
    let units = 0;
    let age = 0;
    for (let i = 0; i < t.count; i++) {
      const q = t.qty[i]!;
      units += q;
      age += q * (delivery - t.produced[i]!);
    }
    this.deliveredUnits[seg]! += units;
    this.deliveredAgeSum[seg]! += age;
  }

  /**
   * A vehicle takes `q` units of a shipment whose ShipmentArrival payload is `source`
   * (transport.ts): moves its first q units (record order) to a record of their own and returns
   * the payload of that part; the rest stays in the original record.
   */
  split(source: number, q: number): number {
    const rec = (source >> BATCH_RECORD_SHIFT) - 1;
    if (rec < 0) return source;
    const part = this.allocRecord();
    const from = this.records[rec]!;
    const to = this.records[part]!;
    let left = q;
    let i = 0;
    for (; i < from.count && left > EPS; i++) {
      const take = from.qty[i]! < left ? from.qty[i]! : left;
      to.push(take, from.produced[i]!, from.expiry[i]!, from.life[i]!);
      left -= take;
      from.qty[i]! -= take;
      if (from.qty[i]! > EPS) break;
    }
    let w = 0;
    for (let k = 0; k < from.count; k++) {
      if (!(from.qty[k]! > EPS)) continue;
      from.qty[w] = from.qty[k]!;
      from.produced[w] = from.produced[k]!;
      from.expiry[w] = from.expiry[k]!;
      from.life[w] = from.life[k]!;
      w++;
    }
    from.count = w;
    return (source & ((1 << BATCH_RECORD_SHIFT) - 1)) | ((part + 1) << BATCH_RECORD_SHIFT);
  }

  /**
   * `q` units were received at `sp` (its on-hand already raised by q), from the source in the
   * ShipmentArrival payload `source`: store their batches and schedule their expiry.
   */
  receive(rep: Replication, sp: StockPointState, q: number, source: number): void {
    const rec = (source >> BATCH_RECORD_SHIFT) - 1;
    if (rec < 0) {
      // Own production (no record): produced now.
      this.produce(rep, sp, q, rep.sim.now);
      return;
    }
    const list = this.records[rec]!;
    for (let i = 0; i < list.count; i++) this.stock(rep, sp, list.qty[i]!, list.produced[i]!, list.expiry[i]!, list.life[i]!);
    list.clear();
    this.free.push(rec);
  }

  /** A new batch of `q` units produced at `t` enters `sp` (already counted in on-hand). */
  private produce(rep: Replication, sp: StockPointState, q: number, t: number): void {
    const i = sp.def.index;
    const life = this.shelfLife[i]!.sample(this.lifeStreams[i]!);
    const date = this.dated(i, t);
    this.stock(rep, sp, q, date, date + life, life);
  }

  private stock(rep: Replication, sp: StockPointState, q: number, produced: number, expiry: number, life: number): void {
    const now = rep.sim.now;
    if (expiry <= now) {
      // Expired before it arrived: straight to waste.
      sp.onHand -= q;
      if (sp.onHand < EPS) sp.onHand = 0;
      sp.batches!.wasted += q;
      this.dispose(rep, sp, q);
      return;
    }
    sp.batches!.add(q, produced, expiry, life, now);
    rep.sim.scheduleAt(expiry, Ev.Expiry, sp.def.index);
  }

  /** Ev.Expiry at `sp`: expired units leave stock as waste; the policy sees the drop. */
  expire(rep: Replication, sp: StockPointState): void {
    const store = sp.batches!;
    const now = rep.sim.now;
    // Most expiry events find their batch already issued.
    if (store.count === 0 || store.firstExpiry() > now) return;
    sp.touch(now);
    const units = store.expire(now);
    sp.onHand -= units;
    // An emptied store re-synchronises on-hand exactly (no rounding residue left behind).
    if (store.count === 0 || sp.onHand < EPS) sp.onHand = 0;
    this.dispose(rep, sp, units);
    if (!sp.policy.periodic) review(rep, sp);
  }

  private dispose(rep: Replication, sp: StockPointState, units: number): void {
    const cost = units * this.disposalPerUnit[sp.def.index]!;
    if (cost === 0) return;
    this.wasteCost += cost;
    rep.finance.expense(rep.sim.now, cost);
  }

  private allocRecord(): number {
    const r = this.free.pop();
    if (r !== undefined) return r;
    this.records.push(new BatchList());
    return this.records.length - 1;
  }
}

// ---------------------------------------------------------------- KPIs (end of a replication)
