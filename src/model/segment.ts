/**
 * Runtime state of one customer segment: its random streams, its demand-level draw and its
 * running service statistics.
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import { SampleBuffer } from '../engine/samples.ts';
import type { Simulator } from '../engine/simulator.ts';
import { Ev } from './events.ts';
import type { SegmentDef } from './network.ts';

export class SegmentState {
  readonly def: SegmentDef;
  readonly arrivals: RandomStream;
  readonly sizes: RandomStream;
  readonly mix: RandomStream;
  /**
   * Delivery transit stream of each product, by product index (a segment's stock points are
   * its products at one site); products it does not order share the first entry, never drawn.
   */
  readonly delivery: RandomStream[];
  readonly payment: RandomStream;
  readonly sizeSampler: Sampler;
  readonly interarrival: Sampler | null;
  readonly transit: Sampler;
  readonly lateness: Sampler;
  /**
   * Order-rate multiplier per day index and its maximum (the thinning bound): the definition's,
   * or a per-replication copy with demand surges folded in (disruptions.ts).
   */
  multipliers: Float64Array;
  maxMultiplier: number;
  /**
   * This replication's demand forecast relative to the true rate (1 = exact): the planner
   * derives target-service policies from it, while orders keep arriving at the true rate.
   */
  forecastFactor = 1;
  private readonly levelStream: RandomStream;
  /** Demand factor from service received (retention); stays 1 without `retention`. */
  demandFactor = 1;
  /**
   * Orders finished (delivered or lost) and those on time in full, since the replication began
   * (warm-up included: customers remember), and at the last retention review.
   */
  private retentionCompleted = 0;
  private retentionOnTime = 0;
  private markCompleted = 0;
  private markOnTime = 0;

  private last = 0;
  /** Units on backorder for this segment [units], and ∫ of it [unit-days]. */
  backordered = 0;
  intBackorders = 0;
  /** Units of orders placed and not yet at the stock (in the back office) [units]. */
  unitsInProcessing = 0;
  /** Levels at the start of the measured window [units] (conservation checks). */
  backorderedAtStart = 0;
  unitsInProcessingAtStart = 0;
  orders = 0;
  /** Units ordered (counted on arrival, before the back office) [units]. */
  unitsOrdered = 0;
  /** Units demanded from the stock (counted when the order reaches it) [units]. */
  demandUnits = 0;
  unitsFromStock = 0;
  /** Orders that reached the stock (after the back office): the order fill rate's denominator. */
  ordersAtStock = 0;
  ordersCompleteFromStock = 0;
  ordersCompleted = 0;
  ordersOnTimeInFull = 0;
  unitsDelivered = 0;
  lostUnits = 0;
  revenue = 0;
  readonly leadTimes = new SampleBuffer();
  /** Multi-line orders (order-lines.ts): lines that reached the stock, those served complete
   * from stock, orders with a line sent to a DC other than the home DC. */
  linesAtStock = 0;
  linesCompleteFromStock = 0;
  ordersFromOtherDc = 0;
  /** Units gathered for ship-complete orders, not yet shipped [units], and at window start. */
  unitsHeld = 0;
  unitsHeldAtStart = 0;

  /** `productCount`: products in the network; `productOf`: each stock point's product index. */
  constructor(def: SegmentDef, streams: StreamFactory, productCount: number, productOf: (stockPoint: number) => number) {
    this.def = def;
    const base = `demand/${def.id}`;
    this.arrivals = streams.get(`${base}/arrivals`);
    this.sizes = streams.get(`${base}/size`);
    this.mix = streams.get(`${base}/mix`);
    const own = def.stockPoints.map((_, k) => streams.get(`${def.outbound.stream}/${def.productIds[k]}`));
    this.delivery = new Array<RandomStream>(productCount).fill(own[0]!);
    def.stockPoints.forEach((sp, k) => (this.delivery[productOf(sp)] = own[k]!));
    this.payment = streams.get(`payment/${def.id}`);
    this.sizeSampler = compileDistribution(def.orderSize);
    this.interarrival = def.interarrival !== undefined ? compileDistribution(def.interarrival) : null;
    this.transit = compileDistribution(def.outbound.transitTime);
    this.lateness = compileDistribution(def.paymentLateness);
    this.levelStream = streams.get(`${base}/level`);
    this.multipliers = def.multipliers;
    this.maxMultiplier = def.maxMultiplier;
  }

  /** Draws this replication's forecast (call after the streams are seeded). */
  private drawForecast(): void {
    // The forecast error is drawn once per replication from its own stream, so every variant
    // sees the same standard-normal error and a better forecast (smaller cv) only scales it:
    // common random numbers for demand-visibility options.
    this.forecastFactor = 1;
    const cv = this.def.forecastErrorCv;
    if (cv > 0) {
      const u1 = 1 - this.levelStream.next();
      const u2 = this.levelStream.next();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      this.forecastFactor = Math.max(0, 1 + cv * z);
    }
  }

  touch(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      this.intBackorders += this.backordered * dt;
      this.last = now;
    }
  }

  /** Size of the order drawn last by drawOrder [units]. */
  drawnSize = 0;

  /**
   * Draws an arriving order: its product slot (returned; by the mix weights) and its size (left
   * in drawnSize), then schedules the next arrival. The draw order (mix, size, next arrival) is
   * fixed: single-line and multi-line orders (order-lines.ts) share it, so a first line is drawn
   * exactly as a single-line order.
   */
  drawOrder(sim: Simulator): number {
    const d = this.def;
    let k = 0;
    if (d.stockPoints.length > 1) {
      const u = this.mix.next();
      while (d.cumulativeWeights[k]! < u) k++;
    }
    this.drawnSize = this.sizeSampler.sample(this.sizes);
    const next = this.nextArrivalDelay(sim.now);
    if (Number.isFinite(next)) sim.schedule(next, Ev.OrderArrival, d.index);
    return k;
  }

  /**
   * Days until the next order arrives, by thinning when the rate varies over time. With
   * retention, candidates come at maxFactor × the forecast rate and each is kept with
   * probability demandFactor / maxFactor (the factor current when the candidate is drawn).
   */
  nextArrivalDelay(now: number): number {
    const d = this.def;
    const top = d.retention ? d.retention.maxFactor : 1;
    // A factor at its top keeps every candidate without drawing, so until retention first
    // bites the arrival stream is consumed exactly as without it (common random numbers).
    const full = this.demandFactor >= top;
    if (this.interarrival) {
      let t = 0;
      for (;;) {
        t += this.interarrival.sample(this.arrivals) / top;
        if (full || this.arrivals.next() * top < this.demandFactor) return t;
      }
    }
    const maxRate = d.ordersPerDay * this.maxMultiplier * top;
    if (!(maxRate > 0)) return Number.POSITIVE_INFINITY;
    const m = this.multipliers;
    let t = now;
    for (;;) {
      t += -Math.log(1 - this.arrivals.next()) / maxRate;
      if (m.length === 0 && full) return t - now;
      const day = Math.floor(t);
      // Past the last day of the multipliers is past the horizon: the arrival never runs, so
      // take it rather than thin on (a rate of 0 there would reject candidates for ever).
      if (day >= m.length && m.length !== 0) return t - now;
      const rate = m.length === 0 ? 1 : m[day]!;
      if (this.arrivals.next() * this.maxMultiplier * top < rate * this.demandFactor) return t - now;
    }
  }

  /**
   * Retention review (every `retention.reviewDays`): the demand factor m moves toward the
   * level the OTIF of the orders completed since the last review deserves (lost orders count
   * as not on time): m* = clamp(1 + sensitivity × (OTIF − targetOtif), minFactor, maxFactor),
   * m ← m + (m* − m)(1 − e^(−reviewDays/responseDays)). No orders completed: no news, no
   * change. Deterministic: it draws no random numbers.
   */
  reviewRetention(): void {
    const r = this.def.retention;
    if (!r) return;
    const completed = this.retentionCompleted - this.markCompleted;
    const onTime = this.retentionOnTime - this.markOnTime;
    this.markCompleted = this.retentionCompleted;
    this.markOnTime = this.retentionOnTime;
    if (completed <= 0) return;
    const f = 1 + r.sensitivity * (onTime / completed - r.targetOtif);
    const deserved = f < r.minFactor ? r.minFactor : f > r.maxFactor ? r.maxFactor : f;
    this.demandFactor += (deserved - this.demandFactor) * (1 - Math.exp(-r.reviewDays / r.responseDays));
  }

  /** Counts a finished order for the retention review (every order, warm-up or not). */
  countForRetention(onTime: boolean): void {
    this.retentionCompleted++;
    if (onTime) this.retentionOnTime++;
  }

  start(): void {
    this.drawForecast();
    this.retentionCompleted = this.retentionOnTime = this.markCompleted = this.markOnTime = 0;
    this.demandFactor = 1;
    this.backordered = 0;
    this.unitsInProcessing = 0;
    this.unitsHeld = 0;
    this.resetStatistics(0);
  }

  resetStatistics(now: number): void {
    this.last = now;
    this.intBackorders = 0;
    this.orders = 0;
    this.unitsOrdered = 0;
    this.backorderedAtStart = this.backordered;
    this.unitsInProcessingAtStart = this.unitsInProcessing;
    this.demandUnits = 0;
    this.unitsFromStock = 0;
    this.ordersAtStock = 0;
    this.ordersCompleteFromStock = 0;
    this.ordersCompleted = 0;
    this.ordersOnTimeInFull = 0;
    this.unitsDelivered = 0;
    this.lostUnits = 0;
    this.revenue = 0;
    this.leadTimes.clear();
    this.linesAtStock = this.linesCompleteFromStock = this.ordersFromOtherDc = 0;
    this.unitsHeldAtStart = this.unitsHeld;
  }
}
