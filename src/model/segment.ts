/**
 * Runtime state of one customer segment: its random streams, its demand-level draw and its
 * running service statistics.
 */
import { compileDistribution, type Sampler } from '../engine/distributions.ts';
import type { RandomStream, StreamFactory } from '../engine/rng.ts';
import { SampleBuffer } from '../engine/samples.ts';
import type { SegmentDef } from './network.ts';

export class SegmentState {
  readonly def: SegmentDef;
  readonly arrivals: RandomStream;
  readonly sizes: RandomStream;
  readonly mix: RandomStream;
  readonly delivery: RandomStream;
  readonly payment: RandomStream;
  readonly sizeSampler: Sampler;
  readonly interarrival: Sampler | null;
  readonly transit: Sampler;
  readonly lateness: Sampler;
  /** Realised demand level relative to the forecast (1 = forecast exact). */
  level = 1;
  private readonly levelStream: RandomStream;

  private last = 0;
  /** Units on backorder for this segment [units], and ∫ of it [unit-days]. */
  backordered = 0;
  intBackorders = 0;
  orders = 0;
  demandUnits = 0;
  unitsFromStock = 0;
  ordersCompleteFromStock = 0;
  ordersCompleted = 0;
  ordersOnTimeInFull = 0;
  unitsDelivered = 0;
  lostUnits = 0;
  revenue = 0;
  readonly leadTimes = new SampleBuffer();

  constructor(def: SegmentDef, streams: StreamFactory) {
    this.def = def;
    const base = `demand/${def.id}`;
    this.arrivals = streams.get(`${base}/arrivals`);
    this.sizes = streams.get(`${base}/size`);
    this.mix = streams.get(`${base}/mix`);
    this.delivery = streams.get(def.outbound.stream);
    this.payment = streams.get(`payment/${def.id}`);
    this.sizeSampler = compileDistribution(def.orderSize);
    this.interarrival = def.interarrival !== undefined ? compileDistribution(def.interarrival) : null;
    this.transit = compileDistribution(def.outbound.transitTime);
    this.lateness = compileDistribution(def.paymentLateness);
    this.levelStream = streams.get(`${base}/level`);
  }

  /** Draws this replication's demand level (call after the streams are seeded). */
  private drawLevel(): void {
    // The forecast error is realised once per replication, from its own stream, so it is
    // the same future in every variant (common random numbers) and only its scale changes.
    this.level = 1;
    const cv = this.def.forecastErrorCv;
    if (cv > 0) {
      const u1 = 1 - this.levelStream.next();
      const u2 = this.levelStream.next();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      this.level = Math.max(0, 1 + cv * z);
    }
  }

  touch(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      this.intBackorders += this.backordered * dt;
      this.last = now;
    }
  }

  /** Days until the next order arrives, by thinning when the rate varies over time. */
  nextArrivalDelay(now: number): number {
    if (this.interarrival) return this.interarrival.sample(this.arrivals);
    const d = this.def;
    const maxRate = d.ordersPerDay * this.level * d.maxMultiplier;
    if (!(maxRate > 0)) return Number.POSITIVE_INFINITY;
    const m = d.multipliers;
    let t = now;
    for (;;) {
      t += -Math.log(1 - this.arrivals.next()) / maxRate;
      if (m.length === 0) return t - now;
      const day = Math.floor(t);
      const rate = day < m.length ? m[day]! : m[m.length - 1]!;
      if (this.arrivals.next() * d.maxMultiplier < rate) return t - now;
    }
  }

  start(): void {
    this.drawLevel();
    this.backordered = 0;
    this.resetStatistics(0);
  }

  resetStatistics(now: number): void {
    this.last = now;
    this.intBackorders = 0;
    this.orders = 0;
    this.demandUnits = 0;
    this.unitsFromStock = 0;
    this.ordersCompleteFromStock = 0;
    this.ordersCompleted = 0;
    this.ordersOnTimeInFull = 0;
    this.unitsDelivered = 0;
    this.lostUnits = 0;
    this.revenue = 0;
    this.leadTimes.clear();
  }
}
