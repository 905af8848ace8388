/**
 * The time series of a run summarised as its replications arrive, without keeping them: per
 * sample point the mean and the 5–95% band across replications, exactly the numbers the
 * results document would compute from every replication's series (results.ts, `seriesStats`).
 *
 * Why: the weekly series are most of a replication's vector (386 of 512 values on the small
 * model), so keeping them for 100,000 replications took ≈ 295 MiB. A summary keeps per point
 * - the sum of the values in replication order and their count (the mean, the same additions
 *   in the same order as before, so byte-identical), and
 * - the smallest and the largest values, as many as the type-7 5th and 95th percentiles of up
 *   to `capacity` replications can interpolate between (≈ 5% of them each, two bounded heaps):
 *   the band is the same order statistics a full sort would give, not an estimate.
 * NaN (not applicable in that replication) counts in neither, as `column` drops it.
 *
 * Replications must be added in index order (the runner reorders batches that finish out of
 * order, src/experiment/runner.ts), so the sums do not depend on workers or batch size.
 */
import type { KpiLayout, SeriesLayout } from '../model/kpis.ts';
import type { SeriesStat } from './results.ts';
import { quantileOfOrderStatistics } from './stats.ts';

/** The band's probabilities (the report's shaded area). */
export const BAND: readonly [number, number] = [0.05, 0.95];

/** a before b in the total order of a typed-array sort (−0 before +0); no NaN here. */
const before = (a: number, b: number): boolean => a < b || (a === 0 && b === 0 && Object.is(a, -0) && !Object.is(b, -0));

/** Order statistics below `p`'s interpolation point that must be kept, for any n ≤ capacity. */
function lowTail(capacity: number, p: number): number {
  let k = 0;
  for (let n = 1; n <= capacity; n++) k = Math.max(k, Math.min(n, Math.floor((n - 1) * p) + 2));
  return k;
}

/** Order statistics from `p`'s interpolation point to the largest, for any n ≤ capacity. */
function highTail(capacity: number, p: number): number {
  let k = 0;
  for (let n = 1; n <= capacity; n++) k = Math.max(k, n - Math.floor((n - 1) * p));
  return k;
}

export class SeriesSummary {
  /** Replications added so far. */
  count = 0;
  /** The series, offsets into a full replication vector. */
  readonly series: SeriesLayout[];
  /** First series entry of a vector (= the layout's KPI count). */
  private readonly start: number;
  /** Series values per replication. */
  readonly points: number;
  private readonly sums: Float64Array;
  /** Values counted per point (not NaN). */
  private readonly ns: Float64Array;
  /** Most values each tail holds (for `capacity` replications). */
  private readonly lowK: number;
  private readonly highK: number;
  /**
   * Room per point in `low`/`high`: grows with the replications added, up to lowK/highK, so a
   * large capacity (a precision rule's cap) costs nothing until replications come.
   */
  private stride = 0;
  /** Per point a max-heap of its smallest values (root: the largest of them), at j·stride. */
  private low = new Float64Array(0);
  private readonly lowSize: Int32Array;
  /** Per point a min-heap of its largest values (root: the smallest of them), at j·stride. */
  private high = new Float64Array(0);
  private readonly highSize: Int32Array;

  constructor(
    layout: KpiLayout,
    /** Most replications this summary will be given (sizes the tails). */
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be a non-negative integer, got ${capacity}`);
    this.series = layout.series;
    this.start = layout.kpiCount;
    this.points = layout.length - layout.kpiCount;
    this.sums = new Float64Array(this.points);
    this.ns = new Float64Array(this.points);
    this.lowK = lowTail(capacity, BAND[0]);
    this.highK = highTail(capacity, BAND[1]);
    this.lowSize = new Int32Array(this.points);
    this.highSize = new Int32Array(this.points);
  }

  /** Adds the next replication: its full vector (KPIs, then series) at `offset` of `vector`. */
  add(vector: Float64Array, offset: number): void {
    if (this.count >= this.capacity) throw new RangeError(`series summary sized for ${this.capacity} replications`);
    this.count++;
    if (this.count > this.stride && this.stride < Math.max(this.lowK, this.highK)) this.grow();
    const at = offset + this.start;
    for (let j = 0; j < this.points; j++) {
      const x = vector[at + j]!;
      if (Number.isNaN(x)) continue;
      this.sums[j]! += x;
      this.ns[j]!++;
      this.keep(this.low, this.lowSize, this.lowK, j, x, true);
      this.keep(this.high, this.highSize, this.highK, j, x, false);
    }
  }

  /** Doubles the room per point (at most to the larger tail), moving every heap to its new place. */
  private grow(): void {
    const stride = Math.min(Math.max(this.lowK, this.highK), Math.max(64, 2 * this.stride));
    const move = (from: Float64Array, sizes: Int32Array) => {
      const to = new Float64Array(this.points * stride);
      for (let j = 0; j < this.points; j++) to.set(from.subarray(j * this.stride, j * this.stride + sizes[j]!), j * stride);
      return to;
    };
    this.low = move(this.low, this.lowSize);
    this.high = move(this.high, this.highSize);
    this.stride = stride;
  }

  /**
   * Offers x to point j's heap of the k most extreme values: `max` keeps the smallest (a
   * max-heap, the root evicted by anything before it), otherwise the largest.
   */
  private keep(heap: Float64Array, sizes: Int32Array, k: number, j: number, x: number, max: boolean): void {
    if (k === 0) return;
    const base = j * this.stride;
    const out = (a: number, b: number) => (max ? before(b, a) : before(a, b)); // a nearer the root than b
    let i: number;
    if (sizes[j]! < k) {
      // Sift up from the end.
      i = sizes[j]!++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!out(x, heap[base + parent]!)) break;
        heap[base + i] = heap[base + parent]!;
        i = parent;
      }
      heap[base + i] = x;
      return;
    }
    if (!out(heap[base]!, x)) return; // not more extreme than the least extreme kept
    // Replace the root and sift down.
    i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= k) break;
      const r = l + 1;
      const c = r < k && out(heap[base + r]!, heap[base + l]!) ? r : l;
      if (!out(heap[base + c]!, x)) break;
      heap[base + i] = heap[base + c]!;
      i = c;
    }
    heap[base + i] = x;
  }

  /** Mean and band per series and sample time, as `seriesStats` computes them from every vector. */
  stats(): Record<string, SeriesStat> {
    const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
    const out: Record<string, SeriesStat> = {};
    for (const s of this.series) {
      const stat: SeriesStat = { times: s.times, mean: [], p05: [], p95: [] };
      for (let t = 0; t < s.times.length; t++) {
        const j = s.offset - this.start + t;
        const n = this.ns[j]!;
        stat.mean.push(num(n > 0 ? this.sums[j]! / n : Number.NaN));
        const [p05, p95] = n > 0 ? this.band(j, n) : [Number.NaN, Number.NaN];
        stat.p05.push(num(p05));
        stat.p95.push(num(p95));
      }
      out[s.name] = stat;
    }
    return out;
  }

  /** Point j's band from its tails: the i-th smallest of its n values is in one of them. */
  private band(j: number, n: number): [number, number] {
    const nLow = this.lowSize[j]!;
    const nHigh = this.highSize[j]!;
    const low = this.low.slice(j * this.stride, j * this.stride + nLow).sort();
    const high = this.high.slice(j * this.stride, j * this.stride + nHigh).sort();
    const at = (i: number): number => {
      if (i < nLow) return low[i]!;
      const h = i - (n - nHigh);
      if (h < 0) throw new Error(`order statistic ${i} of ${n} was not kept`);
      return high[h]!;
    };
    return [quantileOfOrderStatistics(n, BAND[0], at), quantileOfOrderStatistics(n, BAND[1], at)];
  }
}

/**
 * Whole vectors (KPIs, then series) of replications numbered from 0 by the caller (the runner,
 * per run): the KPIs to `data`, the series to the summary in index order, holding batches that
 * finish early until the earlier ones arrive.
 */
export class SeriesSink {
  /** Replications handed to the summary; the next one it takes. */
  next = 0;
  private readonly waiting = new Map<number, Float64Array>();

  constructor(
    private readonly summary: SeriesSummary,
    /** KPI vectors, `L` entries each. */
    private readonly data: Float64Array,
    private readonly L: number,
    /** Entries per whole vector. */
    private readonly W: number,
    /** Called with each vector buffer once read. */
    private readonly release: (v: Float64Array) => void = () => {},
  ) {}

  /** Vectors of replications first, first + 1, … (a whole number of them). */
  put(first: number, vectors: Float64Array): void {
    const { data, L, W } = this;
    for (let r = 0; r * W < vectors.length; r++) data.set(vectors.subarray(r * W, r * W + L), (first + r) * L);
    this.waiting.set(first, vectors);
    for (let v = this.waiting.get(this.next); v !== undefined; v = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      for (let r = 0; r * W < v.length; r++) this.summary.add(v, r * W);
      this.release(v);
      if (v.length === 0) break; // a batch stopped before its first replication ends the unbroken run
      this.next += v.length / W;
    }
  }
}
