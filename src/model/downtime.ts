/**
 * Downtime: the windows [start, end) [days] during which something is out of action (a supplier
 * in outage, a plant down, a DC or lane closed), known for a whole replication once it starts.
 * Because the windows are known in advance, the model needs no "outage starts/ends" events: a
 * job or shipment that meets a window computes its delayed time at once (`upAt`, `advance`).
 *
 * Windows are kept sorted and merged (overlapping or touching windows become one). The buffers
 * are reused from one replication to the next.
 */

export class Downtime {
  private starts = new Float64Array(8);
  private ends = new Float64Array(8);
  /** Number of windows. */
  count = 0;
  private sorted = true;

  /** Removes every window (a new replication). */
  clear(): void {
    this.count = 0;
    this.sorted = true;
  }

  /** Adds the window [start, end) [days]; call `finish()` after the last one. */
  add(start: number, end: number): void {
    if (!(end > start)) return;
    if (this.count === this.starts.length) {
      const s = new Float64Array(this.count * 2);
      const e = new Float64Array(this.count * 2);
      s.set(this.starts);
      e.set(this.ends);
      this.starts = s;
      this.ends = e;
    }
    if (this.count > 0 && start < this.starts[this.count - 1]!) this.sorted = false;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Adds every window of `other`. */
  addAll(other: Downtime): void {
    for (let i = 0; i < other.count; i++) this.add(other.starts[i]!, other.ends[i]!);
  }

  /** Sorts and merges the windows. Not on the hot path: once per replication. */
  finish(): void {
    const n = this.count;
    if (n === 0) return;
    if (!this.sorted) {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.starts[a]! - this.starts[b]!);
      const s = order.map((i) => this.starts[i]!);
      const e = order.map((i) => this.ends[i]!);
      for (let i = 0; i < n; i++) {
        this.starts[i] = s[i]!;
        this.ends[i] = e[i]!;
      }
      this.sorted = true;
    }
    let k = 0;
    for (let i = 1; i < n; i++) {
      if (this.starts[i]! <= this.ends[k]!) {
        if (this.ends[i]! > this.ends[k]!) this.ends[k] = this.ends[i]!;
      } else {
        k++;
        this.starts[k] = this.starts[i]!;
        this.ends[k] = this.ends[i]!;
      }
    }
    this.count = k + 1;
  }

  start(i: number): number {
    return this.starts[i]!;
  }

  end(i: number): number {
    return this.ends[i]!;
  }

  /** Index of the first window that ends after t (count when none). */
  private firstEndingAfter(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when t lies in a window. */
  isDown(t: number): boolean {
    const i = this.firstEndingAfter(t);
    return i < this.count && this.starts[i]! <= t;
  }

  /** The earliest time ≥ t outside every window [days]. */
  upAt(t: number): number {
    const i = this.firstEndingAfter(t);
    return i < this.count && this.starts[i]! <= t ? this.ends[i]! : t;
  }

  /**
   * When `work` days of up-time, started at t, are done: work pauses in every window it
   * meets and resumes at the window's end (a job in progress when an outage begins finishes
   * late by the part of the outage it overlapped).
   */
  advance(t: number, work: number): number {
    let i = this.firstEndingAfter(t);
    let cur = t;
    let rem = work;
    for (; i < this.count; i++) {
      const s = this.starts[i]!;
      if (s > cur) {
        if (cur + rem <= s) return cur + rem;
        rem -= s - cur;
      }
      cur = this.ends[i]!;
    }
    return cur + rem;
  }

  /** Number of windows that start in the open interval (a, b). */
  startsBetween(a: number, b: number): number {
    let n = 0;
    for (let i = this.firstEndingAfter(a); i < this.count; i++) {
      const s = this.starts[i]!;
      if (s >= b) break;
      if (s > a) n++;
    }
    return n;
  }

  /** Total time of [a, b) inside windows [days]. */
  overlap(a: number, b: number): number {
    let total = 0;
    for (let i = this.firstEndingAfter(a); i < this.count; i++) {
      const s = this.starts[i]!;
      if (s >= b) break;
      const lo = s > a ? s : a;
      const e = this.ends[i]!;
      const hi = e < b ? e : b;
      if (hi > lo) total += hi - lo;
    }
    return total;
  }
}
