/**
 * Output-analysis statistics for replicated simulation experiments.
 *
 * Pure functions: no input is mutated, and every result depends only on the values and order of
 * the inputs (sums run in index order), so a report is bit-for-bit reproducible whichever worker
 * or shard produced the replications.
 *
 * Undefined quantities are NaN, never thrown: e.g. a CI from fewer than two observations has NaN
 * bounds and half-width, and callers print "n/a" (NaN and Infinity both serialize as `null` in
 * JSON, so writers must map them explicitly). Invalid arguments (confidence level outside (0, 1),
 * quantile probability outside [0, 1], mismatched paired samples, impossible batch counts) are
 * programming errors and throw RangeError.
 */

import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from '../engine/special-functions.ts';

export { normalCdf, normalQuantile, studentTCdf, studentTQuantile };

// Descriptive statistics.

/** Mean of xs[start, end): Neumaier-compensated sum in index order, clamped into [min, max]. */
function meanRange(xs: ArrayLike<number>, start: number, end: number): number {
  if (end <= start) return NaN;
  let sum = 0;
  let comp = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const x = xs[i]!;
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const m = (Number.isFinite(sum) ? sum + comp : sum) / (end - start);
  // The quotient can round a hair outside the data (three copies of 0.1); clamping makes the mean
  // of equal values exactly that value, so their variance and CI half-width are exactly 0.
  return m < min ? min : m > max ? max : m;
}

/** Arithmetic mean; NaN when empty. Compensated summation in index order, hence deterministic. */
export function mean(xs: ArrayLike<number>): number {
  return meanRange(xs, 0, xs.length);
}

/**
 * Sample variance (n − 1 divisor) by the corrected two-pass algorithm (Chan, Golub & LeVeque
 * 1983): the correction term removes the residual error of the mean, so a large offset (costs
 * near 1e9 varying by 1) does not destroy it. 0 when n = 1, NaN when n = 0.
 */
export function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n <= 1) return n === 0 || !Number.isFinite(xs[0]!) ? NaN : 0;
  const m = mean(xs);
  let ss = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    ss += d * d;
    s += d;
  }
  const v = (ss - (s * s) / n) / (n - 1);
  return v <= 0 ? 0 : v; // clamp rounding below zero (and −0); NaN passes through
}

/** Sample standard deviation √variance (n − 1 divisor). */
export function standardDeviation(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

/** A two-sided confidence interval for a mean. `stdDev` is of the observations, not the mean. */
export interface ConfidenceInterval { mean: number; low: number; high: number; halfWidth: number; stdDev: number; n: number; level: number }

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/** t_{1−α/2, df}, taken from the small tail so that levels like 0.9999 keep their precision. */
const tCritical = (level: number, df: number): number => -studentTQuantile((1 - level) / 2, df);

/**
 * Student-t CI for the mean at confidence `level` with n − 1 df. For n < 2 the spread is unknown:
 * halfWidth, low and high are NaN and callers print "n/a" (JSON cannot hold Infinity either).
 * All-equal values give halfWidth exactly 0. Throws RangeError unless 0 < level < 1.
 */
export function confidenceInterval(xs: ArrayLike<number>, level = 0.95): ConfidenceInterval {
  checkLevel(level);
  const n = xs.length;
  const m = mean(xs);
  const sd = standardDeviation(xs);
  const halfWidth = n < 2 ? NaN : sd === 0 ? 0 : (tCritical(level, n - 1) * sd) / Math.sqrt(n);
  return { mean: m, low: m - halfWidth, high: m + halfWidth, halfWidth, stdDev: sd, n, level };
}

/** halfWidth / |mean|: Infinity when the mean is 0 and halfWidth > 0, 0 when halfWidth is 0, NaN if halfWidth is. */
export function relativeHalfWidth(ci: ConfidenceInterval): number {
  return ci.halfWidth === 0 ? 0 : ci.halfWidth / Math.abs(ci.mean);
}

/** Type-7 interpolation on an ascending array without NaN. */
function quantileOfSorted(sorted: Float64Array, p: number): number {
  return quantileOfOrderStatistics(sorted.length, p, (i) => sorted[i]!);
}

/**
 * Type-7 quantile at p of n values without NaN, given their order statistics: `at(i)` is the
 * i-th smallest (0-based). Reads only the two it interpolates between, so a caller that kept
 * only the tails of a sample (src/experiment/series-summary.ts) gets the same number as a sort.
 */
export function quantileOfOrderStatistics(n: number, p: number, at: (i: number) => number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const f = h - lo;
  const a = at(lo);
  if (f === 0) return a;
  const b = at(lo + 1);
  if (a === b || a === -Infinity) return a; // the weighted average's limit with infinite ends
  if (b === Infinity) return b;
  const v = Number.isFinite(b - a) ? a + f * (b - a) : (1 - f) * a + f * b;
  return v < a ? a : v > b ? b : v; // rounding must not leave [a, b], or quantiles could cross
}

/**
 * Quantiles by linear interpolation between order statistics (Hyndman–Fan type 7: R's default,
 * numpy's 'linear'): h = (n − 1)p, result x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). Sorts one copy.
 * NaN for empty input or input containing NaN; throws RangeError for p outside [0, 1].
 */
export function quantiles(xs: ArrayLike<number>, ps: readonly number[]): number[] {
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  const sorted = Float64Array.from(xs).sort(); // typed-array sort is numeric, NaN last
  if (sorted.length === 0 || Number.isNaN(sorted[sorted.length - 1]!)) return ps.map(() => NaN);
  return ps.map((p) => quantileOfSorted(sorted, p));
}

/** Type-7 quantile of xs at p ∈ [0, 1] (see `quantiles`); sorts a copy. */
export function quantile(xs: ArrayLike<number>, p: number): number {
  return quantiles(xs, [p])[0]!;
}

/** Quantiles reported for every KPI unless asked otherwise (`--quantiles`). */
export const DEFAULT_QUANTILES: readonly number[] = [0.05, 0.5, 0.95];

/**
 * The results-document key of quantile p: `p` and the percentage, two digits before any
 * decimals: 0.05 → p05, 0.5 → p50, 0.9 → p90, 0.975 → p97.5, 0.999 → p99.9.
 */
export function quantileKey(p: number): `p${string}` {
  const pct = Math.round(p * 1e8) / 1e6;
  const [whole, frac] = String(pct).split('.');
  return `p${whole!.padStart(2, '0')}${frac ? `.${frac}` : ''}`;
}

/** Summary used for every reported KPI. */
export interface KpiSummary { mean: number; ciLow: number; ciHigh: number; stdDev: number; p05: number; p50: number; p95: number; n: number; halfWidth: number }

/** Mean with its t CI (NaN bounds for n < 2), standard deviation, and type-7 5th/50th/95th percentiles. */
export function summarize(xs: ArrayLike<number>, level = 0.95): KpiSummary {
  const ci = confidenceInterval(xs, level);
  const [p05, p50, p95] = quantiles(xs, [0.05, 0.5, 0.95]) as [number, number, number];
  return { mean: ci.mean, ciLow: ci.low, ciHigh: ci.high, stdDev: ci.stdDev, p05, p50, p95, n: ci.n, halfWidth: ci.halfWidth };
}

// Comparisons and steady-state analysis.

/** Paired comparison of an option against a base; shares are of replications with option > / < base. */
export interface PairedDifference { mean: number; ciLow: number; ciHigh: number; halfWidth: number; stdDev: number; n: number; shareGreater: number; shareLess: number }

/**
 * Paired differences d_i = option_i − base_i (same replication i, so common random numbers cancel
 * shared noise): t CI of the mean difference with n − 1 df, and the shares of replications with
 * d_i > 0 ("beats" when higher is better) and d_i < 0; ties count in neither, and shares are NaN
 * when n = 0. Throws RangeError if the lengths differ, since pairing would then be meaningless.
 */
export function pairedDifference(base: ArrayLike<number>, option: ArrayLike<number>, level = 0.95): PairedDifference {
  if (base.length !== option.length) throw new RangeError(`paired samples differ in length: ${base.length} vs ${option.length}`);
  const n = base.length;
  const d = new Float64Array(n);
  let greater = 0;
  let less = 0;
  for (let i = 0; i < n; i++) {
    d[i] = option[i]! - base[i]!;
    if (d[i]! > 0) greater++;
    else if (d[i]! < 0) less++;
  }
  const ci = confidenceInterval(d, level);
  return { mean: ci.mean, ciLow: ci.low, ciHigh: ci.high, halfWidth: ci.halfWidth, stdDev: ci.stdDev, n, shareGreater: greater / n, shareLess: less / n };
}

/**
 * Welch CI for mean(b) − mean(a) from independent samples, with (fractional) Welch–Satterthwaite
 * df; it shows how much wider the interval is without common random numbers. halfWidth and df are
 * NaN unless both samples have n ≥ 2; if both variances are 0, halfWidth is 0 and df = na + nb − 2.
 */
export function welchDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  level = 0.95,
): { mean: number; ciLow: number; ciHigh: number; halfWidth: number; df: number } {
  checkLevel(level);
  const diff = mean(b) - mean(a);
  let halfWidth = NaN;
  let df = NaN;
  if (a.length >= 2 && b.length >= 2) {
    const ua = variance(a) / a.length; // squared standard errors
    const ub = variance(b) / b.length;
    const u = ua + ub;
    // df = u² / (ua²/(na−1) + ub²/(nb−1)), scaled by u so the squares cannot overflow.
    df = u === 0 ? a.length + b.length - 2 : 1 / ((ua / u) ** 2 / (a.length - 1) + (ub / u) ** 2 / (b.length - 1));
    halfWidth = u === 0 ? 0 : tCritical(level, df) * Math.sqrt(u);
  }
  return { mean: diff, ciLow: diff - halfWidth, ciHigh: diff + halfWidth, halfWidth, df };
}

/**
 * Batch means for one long (post-warm-up) run: cut the series into k equal batches of ⌊n/k⌋ and put
 * a t CI with k − 1 df on the mean of the batch means. When k does not divide n the EARLIEST n mod k
 * observations are dropped, since the start of a run carries the most initialisation bias. Throws
 * RangeError unless k is an integer ≥ 2 and series.length ≥ k. Check that
 * `lag1Autocorrelation(batchMeans)` is small before trusting the CI; if not, use fewer, longer batches.
 */
export function batchMeans(series: ArrayLike<number>, k = 20, level = 0.95): { batchMeans: Float64Array; ci: ConfidenceInterval } {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`batch count must be an integer >= 2, got ${k}`);
  const n = series.length;
  if (n < k) throw new RangeError(`series of length ${n} is too short for ${k} batches`);
  const size = Math.floor(n / k);
  const start = n - k * size;
  const means = new Float64Array(k);
  for (let j = 0; j < k; j++) means[j] = meanRange(series, start + j * size, start + (j + 1) * size);
  return { batchMeans: means, ci: confidenceInterval(means, level) };
}

/**
 * Lag-1 sample autocorrelation Σ(x_i − x̄)(x_{i+1} − x̄) / Σ(x_i − x̄)² (the standard estimator,
 * biased toward 0 for short series). NaN for n < 2 or a constant series, where it is undefined.
 */
export function lag1Autocorrelation(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    den += d * d;
    if (i + 1 < n) num += d * (xs[i + 1]! - m);
  }
  return den === 0 ? NaN : num / den;
}
