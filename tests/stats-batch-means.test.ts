import { describe, expect, it } from 'vitest';
import { createStream, type RandomStream } from '../src/engine/rng.ts';
import { batchMeans, confidenceInterval, lag1Autocorrelation } from '../src/experiment/stats.ts';

/** Box–Muller standard normal from a uniform stream (1 − u keeps the log argument in (0, 1]). */
function normal(stream: RandomStream): number {
  return Math.sqrt(-2 * Math.log(1 - stream.next())) * Math.cos(2 * Math.PI * stream.next());
}

/**
 * Stationary AR(1): x_t = μ + φ(x_{t−1} − μ) + ε_t, ε ~ N(0, 1), started from the stationary law
 * N(μ, 1/(1 − φ²)) so that there is no warm-up bias and the true mean is exactly μ.
 */
function ar1(stream: RandomStream, n: number, mu: number, phi: number): Float64Array {
  const xs = new Float64Array(n);
  let x = mu + normal(stream) / Math.sqrt(1 - phi * phi);
  for (let t = 0; t < n; t++) {
    xs[t] = x;
    x = mu + phi * (x - mu) + normal(stream);
  }
  return xs;
}

describe('batchMeans', () => {
  it('matches a hand-computed example, dropping the earliest leftover observation', () => {
    // n = 7, k = 3 → batches of ⌊7/3⌋ = 2; the 7 mod 3 = 1 leftover is the first value (100).
    // Batches [1, 2], [3, 4], [5, 6] → means 1.5, 3.5, 5.5; grand mean 3.5; s² = (4 + 0 + 4)/2 = 4,
    // s = 2; halfWidth = t_0.975(2) · 2/√3 = 4.30265272974946 · 1.15470053837925 = 4.96827542350066.
    const { batchMeans: means, ci } = batchMeans([100, 1, 2, 3, 4, 5, 6], 3);
    expect(Array.from(means)).toEqual([1.5, 3.5, 5.5]);
    expect(ci.mean).toBe(3.5);
    expect(ci.n).toBe(3);
    expect(ci.stdDev).toBe(2);
    expect(ci.halfWidth).toBeCloseTo(4.96827542350066, 12);
    expect(ci.level).toBe(0.95);
  });

  it('uses every observation when k divides the length, and k = n gives the series itself', () => {
    expect(Array.from(batchMeans([1, 2, 3, 4, 5, 6], 3).batchMeans)).toEqual([1.5, 3.5, 5.5]);
    expect(Array.from(batchMeans([4, 8, 6], 3).batchMeans)).toEqual([4, 8, 6]);
    // Default k = 20: 45 observations → batches of 2, the first 5 dropped.
    const series = Array.from({ length: 45 }, (_, i) => i);
    const { batchMeans: means } = batchMeans(series);
    expect(means).toHaveLength(20);
    expect(means[0]).toBe(5.5);
    expect(means[19]).toBe(43.5);
  });

  it('passes the level through to the CI', () => {
    const r = batchMeans([1, 2, 3, 4, 5, 6, 7, 8], 4, 0.9);
    expect(r.ci).toEqual(confidenceInterval(r.batchMeans, 0.9));
  });

  it('rejects impossible batch counts', () => {
    for (const k of [1, 0, -3, 2.5, NaN, Infinity]) expect(() => batchMeans([1, 2, 3, 4], k)).toThrow(RangeError);
    expect(() => batchMeans([1, 2, 3], 4)).toThrow(RangeError);
    expect(() => batchMeans([], 2)).toThrow(RangeError);
    expect(() => batchMeans(new Float64Array(19))).toThrow(RangeError); // default k = 20
  });

  it('covers the known mean of an iid normal series', () => {
    const stream = createStream(11, 0, 'stats/batch-iid');
    const series = Float64Array.from({ length: 20_000 }, () => 10 + 3 * normal(stream));
    const { batchMeans: means, ci } = batchMeans(series);
    expect(ci.n).toBe(20);
    expect(ci.low).toBeLessThanOrEqual(10);
    expect(ci.high).toBeGreaterThanOrEqual(10);
    // Expected half-width ≈ t_0.975(19) · 3/√20000 ≈ 0.044.
    expect(ci.halfWidth).toBeGreaterThan(0.02);
    expect(ci.halfWidth).toBeLessThan(0.08);
    expect(Math.abs(lag1Autocorrelation(means))).toBeLessThan(0.5);
  });

  it('gives about nominal coverage on autocorrelated AR(1) output where the naive CI fails', () => {
    // φ = 0.9: correlation time ~ 1/(1 − φ) = 10 steps, so batches of 200 are nearly independent
    // (they understate the variance of the mean by ~5%, costing ~0.5% coverage), while the iid
    // formula understates it by a factor (1 + φ)/(1 − φ) = 19: its interval is √19 ≈ 4.4 times too
    // narrow and covers with probability P(|Z| < 1.96/4.4) ≈ 35%.
    const runs = 1000;
    let batchCovered = 0;
    let naiveCovered = 0;
    for (let r = 0; r < runs; r++) {
      const series = ar1(createStream(12, r, 'stats/batch-ar1'), 4000, 50, 0.9);
      const { ci } = batchMeans(series, 20);
      if (ci.low <= 50 && 50 <= ci.high) batchCovered++;
      const naive = confidenceInterval(series);
      if (naive.low <= 50 && 50 <= naive.high) naiveCovered++;
    }
    // Binomial(1000, 0.95) has sd 0.7%: ±2.5% is a 3.5-sigma band.
    expect(batchCovered / runs).toBeGreaterThanOrEqual(0.925);
    expect(batchCovered / runs).toBeLessThanOrEqual(0.975);
    expect(naiveCovered / runs).toBeLessThan(0.5);
  });

  it('does not mutate the series', () => {
    const series = Float64Array.from([5, 1, 4, 2, 3, 9, 7]);
    const arr = Array.from(series);
    batchMeans(series, 3);
    batchMeans(arr, 2);
    lag1Autocorrelation(series);
    expect(Array.from(series)).toEqual([5, 1, 4, 2, 3, 9, 7]);
    expect(arr).toEqual([5, 1, 4, 2, 3, 9, 7]);
  });
});

describe('lag1Autocorrelation', () => {
  it('matches hand-computed values', () => {
    // 1..5: deviations −2, −1, 0, 1, 2; Σ d_i d_{i+1} = 2 + 0 + 0 + 2 = 4; Σ d² = 10 → 0.4.
    expect(lag1Autocorrelation([1, 2, 3, 4, 5])).toBeCloseTo(0.4, 15);
    // Alternating ±1: mean 0, Σ d_i d_{i+1} = −3, Σ d² = 4 → −0.75.
    expect(lag1Autocorrelation(Float64Array.from([1, -1, 1, -1]))).toBeCloseTo(-0.75, 15);
  });

  it('is NaN where undefined', () => {
    expect(lag1Autocorrelation([])).toBeNaN();
    expect(lag1Autocorrelation([3])).toBeNaN();
    expect(lag1Autocorrelation([2, 2, 2])).toBeNaN();
  });

  it('estimates φ of an AR(1) series and ~0 for iid noise', () => {
    // The estimator's sd is about √((1 − φ²)/n) ≈ 0.0014 here.
    const series = ar1(createStream(13, 0, 'stats/lag1-ar1'), 100_000, 0, 0.9);
    expect(lag1Autocorrelation(series)).toBeCloseTo(0.9, 2);
    const iid = createStream(13, 1, 'stats/lag1-iid');
    const noise = Float64Array.from({ length: 100_000 }, () => normal(iid));
    expect(Math.abs(lag1Autocorrelation(noise))).toBeLessThan(0.01); // sd ≈ 1/√n = 0.003
  });
});
