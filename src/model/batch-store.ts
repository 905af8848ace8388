/**
 * Dated batches of a perishable product, in parallel typed arrays: `BatchStore` holds one stock
 * point's batches in issue order (FIFO or FEFO) with the running sums behind the age KPIs;
 * `BatchList` is a plain list of batches (a shipment's contents, the batches just taken).
 * The rules they implement are described in perishables.ts.
 */
import { grown } from '../engine/typed-arrays.ts';
import { MONTH_START, monthOfDay } from './seasonality.ts';
import { EPS } from './tolerance.ts';

/** Start of the month containing day t, in a 365-day year starting on 1 January [days]. */
export function monthStart(t: number): number {
  const year = Math.floor(t / 365);
  const day = t - 365 * year;
  return 365 * year + MONTH_START[monthOfDay(Math.floor(day))]!;
}

/** A list of batches in parallel arrays (a shipment's contents, or the batches just taken). */
export class BatchList {
  /** Units [units], production date [days], expiry date [days], total shelf life [days]. */
  qty = new Float64Array(4);
  produced = new Float64Array(4);
  expiry = new Float64Array(4);
  life = new Float64Array(4);
  count = 0;

  clear(): void {
    this.count = 0;
  }

  push(q: number, produced: number, expiry: number, life: number): void {
    if (this.count === this.qty.length) {
      this.qty = grow(this.qty, this.count);
      this.produced = grow(this.produced, this.count);
      this.expiry = grow(this.expiry, this.count);
      this.life = grow(this.life, this.count);
    }
    const i = this.count++;
    this.qty[i] = q;
    this.produced[i] = produced;
    this.expiry[i] = expiry;
    this.life[i] = life;
  }

  /** Total units [units]. */
  units(): number {
    let s = 0;
    for (let i = 0; i < this.count; i++) s += this.qty[i]!;
    return s;
  }
}

const grow = <T extends Float64Array>(a: T, used: number): T => grown(a, a.length * 2, used);

/**
 * The batches of one perishable stock point, in issue order (FIFO: arrival order; FEFO: by
 * expiry), with the running sums behind the age KPIs. Batches live in [head, head + count) of
 * parallel arrays; taking from the front moves `head`, so the usual case copies nothing.
 */
export class BatchStore {
  /** Issue by expiry (FEFO) rather than by arrival (FIFO). */
  readonly fefo: boolean;
  private qty = new Float64Array(8);
  private produced = new Float64Array(8);
  private expiry = new Float64Array(8);
  private life = new Float64Array(8);
  private head = 0;
  /** Number of batches. */
  count = 0;
  /** Units in the store [units] (equals the stock point's on-hand). */
  units = 0;
  /** Σ units × production date [unit-days]: total age = units × now − this. */
  private producedSum = 0;
  private last = 0;
  /** ∫ units dt [unit-days] and ∫ Σ age × units dt [unit-days²] since the window start. */
  intUnits = 0;
  intAge = 0;
  /** Units expired since the window start [units]. */
  wasted = 0;
  /** The batches handed out by the last `take` (swapped out when they travel on). */
  taken = new BatchList();

  constructor(fefo: boolean) {
    this.fefo = fefo;
  }

  /** Empties the store for a new replication. */
  clear(): void {
    this.head = 0;
    this.count = 0;
    this.units = 0;
    this.producedSum = 0;
    this.taken.clear();
    this.resetStatistics(0);
  }

  /** Integrates units and total age up to `now` [days]. Call before any change. */
  touch(now: number): void {
    const dt = now - this.last;
    if (dt > 0) {
      this.intUnits += this.units * dt;
      // ∫ (units·t − producedSum) dt over [last, now], both constant in between.
      this.intAge += dt * (this.units * 0.5 * (now + this.last) - this.producedSum);
      this.last = now;
    }
  }

  /** Forgets the statistics (end of warm-up), keeps the batches. */
  resetStatistics(now: number): void {
    this.last = now;
    this.intUnits = 0;
    this.intAge = 0;
    this.wasted = 0;
  }

  /** Adds a batch of `q` units at time `now`, in issue order. */
  add(q: number, produced: number, expiry: number, life: number, now: number): void {
    this.touch(now);
    if (this.head + this.count === this.qty.length) this.makeRoom();
    let j = this.head + this.count;
    if (this.fefo) {
      // Insertion from the back: arrivals usually expire last, so this rarely moves anything.
      const start = this.head;
      while (j > start && this.expiry[j - 1]! > expiry) {
        this.move(j - 1, j);
        j--;
      }
    }
    this.qty[j] = q;
    this.produced[j] = produced;
    this.expiry[j] = expiry;
    this.life[j] = life;
    this.count++;
    this.units += q;
    this.producedSum += q * produced;
  }

  /** True when a batch at `i` qualifies for a requester that needs `minLife` of its life left. */
  private fresh(i: number, now: number, minLife: number): boolean {
    return minLife <= 0 || this.expiry[i]! - now + EPS >= minLife * this.life[i]!;
  }

  /** Units that a requester needing a share `minLife` of shelf life left could take now [units]. */
  available(now: number, minLife: number): number {
    if (minLife <= 0) return this.units;
    let s = 0;
    const end = this.head + this.count;
    for (let i = this.head; i < end; i++) if (this.fresh(i, now, minLife)) s += this.qty[i]!;
    return s;
  }

  /**
   * Takes up to `q` units in issue order, skipping batches with less than `minLife` of their
   * shelf life left (they stay). The batches taken are in `taken`; returns the units taken.
   */
  take(q: number, now: number, minLife: number): number {
    this.touch(now);
    const out = this.taken;
    out.clear();
    let rest = q;
    const end = this.head + this.count;
    // Kept batches are compacted into [start, w); leading removals just move `start`.
    let start = this.head;
    let w = start;
    for (let i = this.head; i < end; i++) {
      let keep = true;
      if (rest > EPS && this.fresh(i, now, minLife)) {
        const b = this.qty[i]!;
        const t = b <= rest + EPS ? b : rest;
        out.push(t, this.produced[i]!, this.expiry[i]!, this.life[i]!);
        rest -= t;
        this.units -= t;
        this.producedSum -= t * this.produced[i]!;
        if (b - t > EPS) this.qty[i] = b - t;
        else keep = false;
      }
      if (!keep) {
        if (w === start) w = start = i + 1;
        continue;
      }
      if (w !== i) this.move(i, w);
      w++;
      if (rest <= EPS) {
        // Nothing more to take: shift the untouched tail down over any gap, and stop.
        if (w !== i + 1) for (let k = i + 1; k < end; k++) this.move(k, w++);
        else w = end;
        break;
      }
    }
    this.head = start;
    this.count = w - start;
    this.settle();
    return q - rest;
  }

  /** Removes every batch with expiry ≤ now; returns the units removed (added to `wasted`). */
  expire(now: number): number {
    this.touch(now);
    const end = this.head + this.count;
    let removed = 0;
    let w = this.head;
    for (let i = this.head; i < end; i++) {
      if (this.expiry[i]! <= now) {
        removed += this.qty[i]!;
        this.producedSum -= this.qty[i]! * this.produced[i]!;
        continue;
      }
      if (w !== i) this.move(i, w);
      w++;
    }
    this.count = w - this.head;
    this.units -= removed;
    this.wasted += removed;
    this.settle();
    return removed;
  }

  /** Earliest expiry among the batches [days] (Infinity when empty). */
  firstExpiry(): number {
    let m = Number.POSITIVE_INFINITY;
    const end = this.head + this.count;
    for (let i = this.head; i < end; i++) if (this.expiry[i]! < m) m = this.expiry[i]!;
    return m;
  }

  /** The batches in issue order (for checks and tests, not the hot path). */
  batches(): Array<{ qty: number; produced: number; expiry: number; life: number }> {
    const out = [];
    for (let i = this.head; i < this.head + this.count; i++)
      out.push({ qty: this.qty[i]!, produced: this.produced[i]!, expiry: this.expiry[i]!, life: this.life[i]! });
    return out;
  }

  /** An empty store has exactly zero units and age (no rounding residue carried on). */
  private settle(): void {
    if (this.count === 0) {
      this.head = 0;
      this.units = 0;
      this.producedSum = 0;
    }
  }

  private move(from: number, to: number): void {
    this.qty[to] = this.qty[from]!;
    this.produced[to] = this.produced[from]!;
    this.expiry[to] = this.expiry[from]!;
    this.life[to] = this.life[from]!;
  }

  /** Room for one more batch at the back: slide to the front, or double the arrays. */
  private makeRoom(): void {
    const h = this.head;
    const n = this.count;
    if (h > 0) {
      this.qty.copyWithin(0, h, h + n);
      this.produced.copyWithin(0, h, h + n);
      this.expiry.copyWithin(0, h, h + n);
      this.life.copyWithin(0, h, h + n);
      this.head = 0;
      return;
    }
    this.qty = grow(this.qty, n);
    this.produced = grow(this.produced, n);
    this.expiry = grow(this.expiry, n);
    this.life = grow(this.life, n);
  }
}
