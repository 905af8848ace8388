/**
 * Open replenishment orders of every stock point: when each was placed and how many of its
 * units are still to arrive. A replenishment cycle (cycle service level) ends when an order
 * is received in full, however it travels: split between suppliers, shipped in parts by an
 * upstream stock, or produced as one job. Held in a recycled struct of typed arrays, like
 * requests.ts, so the hot path allocates nothing per order.
 */
import { grown } from '../engine/typed-arrays.ts';

export class ReplenishmentOrders {
  /** When the order was placed [days]. */
  placed = new Float64Array(0);
  /** Units ordered and not yet received [units]. */
  outstanding = new Float64Array(0);
  private free = new Int32Array(0);
  private freeCount = 0;
  private used = 0;

  constructor(capacity = 256) {
    this.resize(capacity);
  }

  /** Forgets every order (start of a replication). */
  reset(): void {
    this.freeCount = 0;
    this.used = 0;
  }

  /** Opens an order of `quantity` units placed at `now`; returns its id. */
  open(quantity: number, now: number): number {
    let o: number;
    if (this.freeCount > 0) o = this.free[--this.freeCount]!;
    else {
      if (this.used === this.placed.length) this.resize(this.placed.length * 2);
      o = this.used++;
    }
    this.placed[o] = now;
    this.outstanding[o] = quantity;
    return o;
  }

  /**
   * Books `q` units of order `o` as received; true when that completes the order (its id is
   * then recycled). `tolerance` absorbs the rounding residue of split quantities [units].
   */
  receive(o: number, q: number, tolerance: number): boolean {
    const left = this.outstanding[o]! - q;
    if (left > tolerance) {
      this.outstanding[o] = left;
      return false;
    }
    this.outstanding[o] = 0;
    this.free[this.freeCount++] = o;
    return true;
  }

  private resize(n: number): void {
    this.placed = grown(this.placed, n);
    this.outstanding = grown(this.outstanding, n);
    this.free = grown(this.free, n);
  }
}
