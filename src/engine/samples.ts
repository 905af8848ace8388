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

  /**
   * Appends every observation to `other`, in one block copy. Its sum grows by this buffer's
   * sum (which may differ in the last bits from adding the values one by one).
   */
  appendTo(other: SampleBuffer): void {
    const length = other.length + this.length;
    if (length > other.data.length) other.data = grown(other.data, Math.max(length, 2 * other.data.length), other.length);
    other.data.set(this.data.subarray(0, this.length), other.length);
    other.length = length;
    other.sum += this.sum;
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

  /** k-th smallest (0-based); afterwards no element before k is larger and none after it smaller. */
  private select(k: number): number {
    floydRivest(this.data, k, 0, this.length - 1);
    return this.data[k]!;
  }
}

/**
 * Floyd & Rivest's SELECT (1975), as in d3-array's quickselect: partitions `d[left..right]`
 * around its k-th smallest element. On large ranges it first selects within a small sample
 * around the expected rank, so the pivot is almost exact and a p95 over n values costs about
 * n + 0.05 n comparisons instead of quickselect's 2–3 n.
 *
 * The partition is three-way (Dijkstra's Dutch flag: below, equal to, above the pivot), not
 * d3's two-way one: samples are often heavily tied (orders served at once all take 0 days,
 * payments all follow the same terms), and a two-way partition swaps every tied pair and may
 * take many rounds, where a three-way one stops as soon as k falls among the pivot's copies.
 */
function floydRivest(d: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      floydRivest(d, k, newLeft, newRight);
    }
    const t = d[k]!;
    // d[left..below−1] < t, d[below..i−1] = t, d[above+1..right] > t; d[i..above] unseen.
    let below = left;
    let above = right;
    let i = left;
    while (i <= above) {
      const x = d[i]!;
      if (x < t) {
        d[i++] = d[below]!;
        d[below++] = x;
      } else if (x > t) {
        d[i] = d[above]!;
        d[above--] = x;
      } else i++;
    }
    if (k < below) right = below - 1;
    else if (k > above) left = above + 1;
    else return;
  }
}
