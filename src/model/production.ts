/**
 * Production at a plant: jobs (a quantity of one finished good) wait for their components,
 * then queue FIFO for the plant's parallel lines. A job of q units takes the sum of q
 * independent draws of the line's per-unit time (so its variance grows like q, not q²), or
 * q / capacity for a rate-based line.
 */
import type { Sampler } from '../engine/distributions.ts';
import { stdGamma } from '../engine/variates.ts';
import { grown } from '../engine/typed-arrays.ts';
import type { RandomStream } from '../engine/rng.ts';
import type { PlantDef } from './network.ts';
import { RequestQueue } from './requests.ts';

/**
 * Jobs of up to this many whole units draw each unit's time [units]; larger or fractional jobs
 * draw once from the gamma distribution with the sum's mean and variance (exact when unit
 * times are exponential or gamma; by the central limit theorem, close for any other at this size).
 */
const EXACT_SUM_UNITS = 64;

/** Production jobs in a recycled struct of arrays. */
export class JobPool {
  stockPoint = new Int32Array(64);
  quantity = new Float64Array(64);
  /** The replenishment order the job fills (replenishment-orders.ts). */
  order = new Int32Array(64);
  /** Components not yet fully allocated. */
  pending = new Int32Array(64);
  private free = new Int32Array(64);
  private freeCount = 0;
  private used = 0;

  reset(): void {
    this.freeCount = 0;
    this.used = 0;
  }

  alloc(stockPoint: number, quantity: number, order: number): number {
    let j: number;
    if (this.freeCount > 0) j = this.free[--this.freeCount]!;
    else {
      if (this.used === this.stockPoint.length) this.grow();
      j = this.used++;
    }
    this.stockPoint[j] = stockPoint;
    this.quantity[j] = quantity;
    this.order[j] = order;
    this.pending[j] = 0;
    return j;
  }

  release(j: number): void {
    this.free[this.freeCount++] = j;
  }

  private grow(): void {
    const n = this.stockPoint.length * 2;
    this.stockPoint = grown(this.stockPoint, n);
    this.quantity = grown(this.quantity, n);
    this.order = grown(this.order, n);
    this.pending = grown(this.pending, n);
    this.free = grown(this.free, n);
  }
}

export class PlantState {
  readonly def: PlantDef;
  /** Per-line sampler of time per unit [days], or null for a rate-based line. */
  readonly unitTime: Array<Sampler | null>;
  /** Production-time stream of each line. */
  readonly streams: RandomStream[];
  readonly lineBusy: Uint8Array;
  /** Jobs ready to run (components allocated), FIFO. Serial is unused (0). */
  readonly ready = new RequestQueue();
  busy = 0;
  private last = 0;
  /** ∫ busy lines dt [line-days]. */
  intBusy = 0;
  unitsProduced = 0;

  constructor(def: PlantDef, unitTime: Array<Sampler | null>, streams: RandomStream[]) {
    this.def = def;
    this.unitTime = unitTime;
    this.streams = streams;
    this.lineBusy = new Uint8Array(def.lines.length);
  }

  touch(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      this.intBusy += this.busy * dt;
      this.last = now;
    }
  }

  /** Duration of a job of `q` units on line `k` [days]: the sum of q per-unit times. */
  duration(k: number, q: number): number {
    const s = this.unitTime[k];
    if (!s) return q / this.def.lines[k]!.capacityPerDay;
    if (!(s.variance > 0)) return q * s.mean;
    const stream = this.streams[k]!;
    if (q <= EXACT_SUM_UNITS && q === Math.floor(q)) {
      let t = 0;
      for (let i = 0; i < q; i++) t += s.sample(stream);
      return t;
    }
    // Mean q·μ, variance q·σ²: gamma with shape q·μ²/σ² and scale σ²/μ (Marsaglia–Tsang constants inline).
    const shape = (q * s.mean * s.mean) / s.variance;
    const boosted = shape < 1;
    const d = (boosted ? shape + 1 : shape) - 1 / 3;
    return (s.variance / s.mean) * stdGamma(stream, d, 1 / Math.sqrt(9 * d), boosted ? 1 / shape : 0);
  }

  start(): void {
    this.busy = 0;
    this.lineBusy.fill(0);
    this.ready.clear();
    this.resetStatistics(0);
  }

  resetStatistics(now: number): void {
    this.last = now;
    this.intBusy = 0;
    this.unitsProduced = 0;
  }
}
