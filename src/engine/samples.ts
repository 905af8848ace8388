/**
 * A growable buffer of observations within one replication (e.g. customer lead times), for
 * exact means and quantiles at the end of the run. Reused across replications, so memory
 * stays flat however many replications run.
 */
import { grown } from './typed-arrays.ts';

export class SampleBuffer {
  private data = new Float64Array(1024);
  length = 0;
  sum = 0;

  clear(): void {
    this.length = 0;
    this.sum = 0;
  }

  push(x: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, this.data.length * 2);
    this.data[this.length++] = x;
    this.sum += x;
  }

  /** Appends every observation to `other`. */
  appendTo(other: SampleBuffer): void {
    for (let i = 0; i < this.length; i++) other.push(this.data[i]!);
  }

  mean(): number {
    return this.length > 0 ? this.sum / this.length : Number.NaN;
  }

  /**
   * Quantile p ∈ [0,1] with linear interpolation between order statistics (type 7).
   * Reorders the buffer (selection), which is fine at the end of a replication.
   */
  quantile(p: number): number {
    const n = this.length;
    if (n === 0) return Number.NaN;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = this.select(lo);
    if (lo + 1 >= n) return a;
    // The (lo+1)-th order statistic is the minimum of the part above lo after selection.
    let b = Number.POSITIVE_INFINITY;
    for (let i = lo + 1; i < n; i++) if (this.data[i]! < b) b = this.data[i]!;
    return a + (h - lo) * (b - a);
  }

  /** k-th smallest (0-based) by Hoare's quickselect with median-of-three pivots. */
  private select(k: number): number {
    const d = this.data;
    let lo = 0;
    let hi = this.length - 1;
    while (hi > lo) {
      const mid = (lo + hi) >> 1;
      const pivot = median3(d[lo]!, d[mid]!, d[hi]!);
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (d[i]! < pivot) i++;
        while (d[j]! > pivot) j--;
        if (i <= j) {
          const t = d[i]!;
          d[i] = d[j]!;
          d[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else break;
    }
    return d[k]!;
  }
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
