import { describe, expect, it } from 'vitest';
import { createStream, type RandomStream } from '../src/engine/rng.ts';
import {
  confidenceInterval,
  mean,
  relativeHalfWidth,
  standardDeviation,
  summarize,
  variance,
  type ConfidenceInterval,
} from '../src/experiment/stats.ts';

/** Box–Muller standard normal from a uniform stream (1 − u keeps the log argument in (0, 1]). */
function normal(stream: RandomStream): number {
  return Math.sqrt(-2 * Math.log(1 - stream.next())) * Math.cos(2 * Math.PI * stream.next());
}

describe('mean / variance / standardDeviation', () => {
  it('computes small hand examples', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // [2,4,4,4,5,5,7,9]: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, variance 32/7.
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(variance(xs)).toBeCloseTo(32 / 7, 14);
    expect(standardDeviation(xs)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(mean(Float64Array.from(xs))).toBe(mean(xs));
  });

  it('handles empty and one-element inputs', () => {
    expect(mean([])).toBeNaN();
    expect(variance([])).toBeNaN();
    expect(standardDeviation([])).toBeNaN();
    expect(mean([4.2])).toBe(4.2);
    expect(variance([4.2])).toBe(0);
    expect(variance([NaN])).toBeNaN();
  });

  it('sums stably, in index order', () => {
    // Naive left-to-right summation gives 0 here; the compensated sum keeps both 1s.
    expect(mean([1, 1e100, 1, -1e100])).toBe(0.5);
    // A large offset must not destroy the variance: exactly 1e9 + {1, 2, 3}.
    const offset = [1e9 + 1, 1e9 + 2, 1e9 + 3];
    expect(mean(offset)).toBe(1e9 + 2);
    expect(variance(offset)).toBe(1);
    // The mean of equal values is that value (no 0.30000000000000004/3 drift), so variance is 0.
    expect(mean([0.1, 0.1, 0.1])).toBe(0.1);
    expect(variance([0.1, 0.1, 0.1])).toBe(0);
  });

  it('propagates non-finite values instead of hiding them', () => {
    expect(mean([1, NaN, 3])).toBeNaN();
    expect(mean([1, Infinity])).toBe(Infinity);
    expect(variance([1, Infinity])).toBeNaN();
  });
});

describe('confidenceInterval', () => {
  it('matches a hand-computed example', () => {
    // xs = 1..5: mean 3; squared deviations 4+1+0+1+4 = 10; s² = 10/4 = 2.5; s = 1.5811388300841898.
    // Standard error s/√5 = √0.5 = 0.70710678118654752. t_0.975(4) = 2.77644510519779 (t table),
    // so halfWidth = 2.77644510519779 · 0.70710678118654752 = 1.96324316147756,
    // low = 3 − 1.96324316147756 = 1.03675683852244, high = 4.96324316147756.
    const ci = confidenceInterval([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.n).toBe(5);
    expect(ci.level).toBe(0.95);
    expect(ci.stdDev).toBeCloseTo(1.5811388300841898, 14);
    expect(ci.halfWidth).toBeCloseTo(1.96324316147756, 12);
    expect(ci.low).toBeCloseTo(1.03675683852244, 12);
    expect(ci.high).toBeCloseTo(4.96324316147756, 12);
    // At 90%: t_0.95(4) = 2.13184678632665 → halfWidth 2.13184678632665 · √0.5 = 1.50744331906232.
    expect(confidenceInterval([1, 2, 3, 4, 5], 0.9).halfWidth).toBeCloseTo(1.50744331906232, 12);
  });

  it('returns NaN bounds for n < 2 (callers print "n/a")', () => {
    const none = confidenceInterval([]);
    expect(none.n).toBe(0);
    for (const v of [none.mean, none.low, none.high, none.halfWidth, none.stdDev]) expect(v).toBeNaN();
    const one = confidenceInterval([7.5]);
    expect(one).toMatchObject({ mean: 7.5, stdDev: 0, n: 1 });
    for (const v of [one.low, one.high, one.halfWidth]) expect(v).toBeNaN();
  });

  it('has exactly zero width when all values are equal', () => {
    expect(confidenceInterval([7, 7, 7])).toMatchObject({ mean: 7, low: 7, high: 7, halfWidth: 0, stdDev: 0 });
    expect(confidenceInterval([0.1, 0.1, 0.1, 0.1]).halfWidth).toBe(0);
  });

  it('rejects confidence levels outside (0, 1)', () => {
    for (const level of [0, 1, 95, -0.5, NaN]) expect(() => confidenceInterval([1, 2, 3], level)).toThrow(RangeError);
  });

  it('covers the true mean of normal samples 95% ± 1.5% of the time', () => {
    // 2000 samples of size 10 from N(5, 2²), one named stream per sample (deterministic).
    // For normal data the t interval is exact, so coverage ~ Binomial(2000, 0.95)/2000 with
    // sd 0.49%: ±1.5% is a 3-sigma band.
    let covered95 = 0;
    let covered80 = 0;
    for (let i = 0; i < 2000; i++) {
      const stream = createStream(20240601, i, 'stats/ci-coverage');
      const xs = new Float64Array(10);
      for (let j = 0; j < 10; j++) xs[j] = 5 + 2 * normal(stream);
      const ci = confidenceInterval(xs);
      if (ci.low <= 5 && 5 <= ci.high) covered95++;
      const ci80 = confidenceInterval(xs, 0.8);
      if (ci80.low <= 5 && 5 <= ci80.high) covered80++;
    }
    expect(covered95 / 2000).toBeGreaterThanOrEqual(0.935);
    expect(covered95 / 2000).toBeLessThanOrEqual(0.965);
    expect(covered80 / 2000).toBeGreaterThanOrEqual(0.8 - 0.027); // sd 0.89%, 3 sigma
    expect(covered80 / 2000).toBeLessThanOrEqual(0.8 + 0.027);
  });
});

describe('relativeHalfWidth', () => {
  const ci = (mean: number, halfWidth: number): ConfidenceInterval => ({
    mean,
    halfWidth,
    low: mean - halfWidth,
    high: mean + halfWidth,
    stdDev: 1,
    n: 10,
    level: 0.95,
  });

  it('divides by |mean| with the documented special cases', () => {
    expect(relativeHalfWidth(ci(-4, 2))).toBe(0.5);
    expect(relativeHalfWidth(ci(8, 2))).toBe(0.25);
    expect(relativeHalfWidth(ci(0, 1))).toBe(Infinity);
    expect(relativeHalfWidth(ci(0, 0))).toBe(0);
    expect(relativeHalfWidth(ci(3, 0))).toBe(0);
    expect(relativeHalfWidth(ci(3, NaN))).toBeNaN();
    expect(relativeHalfWidth(confidenceInterval([1, 2, 3, 4, 5]))).toBeCloseTo(1.96324316147756 / 3, 12);
  });
});

describe('summarize', () => {
  it('combines the CI with type-7 percentiles', () => {
    // xs = 1..20: mean 10.5, s = √35; halfWidth = t_0.975(19) · √35/√20 = 2.09302405440831 · 1.3228756555323
    // = 2.76881056802025. Type 7: p05 at h = 19·0.05 = 0.95 → 1 + 0.95 = 1.95; p50 → 10.5;
    // p95 at h = 18.05 → 19 + 0.05 = 19.05 (numpy.quantile gives the same).
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    const s = summarize(xs);
    expect(s.mean).toBe(10.5);
    expect(s.n).toBe(20);
    expect(s.stdDev).toBeCloseTo(Math.sqrt(35), 13);
    expect(s.halfWidth).toBeCloseTo(2.76881056802025, 12);
    expect(s.ciLow).toBeCloseTo(10.5 - 2.76881056802025, 12);
    expect(s.ciHigh).toBeCloseTo(10.5 + 2.76881056802025, 12);
    expect(s.p05).toBeCloseTo(1.95, 13);
    expect(s.p50).toBe(10.5);
    expect(s.p95).toBeCloseTo(19.05, 13);
  });

  it('handles empty and one-element inputs', () => {
    const empty = summarize([]);
    expect(empty.n).toBe(0);
    for (const v of [empty.mean, empty.ciLow, empty.ciHigh, empty.p05, empty.p50, empty.p95, empty.halfWidth]) expect(v).toBeNaN();
    const one = summarize([3]);
    expect(one).toMatchObject({ mean: 3, stdDev: 0, p05: 3, p50: 3, p95: 3, n: 1 });
    expect(one.halfWidth).toBeNaN();
  });
});

describe('inputs are never mutated', () => {
  it('leaves arrays and typed arrays untouched', () => {
    const arr = [5, 3, 9, 1, 7];
    const typed = Float64Array.from([5, 3, 9, 1, 7]);
    for (const xs of [arr, typed]) {
      mean(xs);
      variance(xs);
      confidenceInterval(xs, 0.9);
      summarize(xs);
    }
    expect(arr).toEqual([5, 3, 9, 1, 7]);
    expect(Array.from(typed)).toEqual([5, 3, 9, 1, 7]);
  });
});
