import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { createStream } from '../src/engine/rng.ts';
import { quantile, quantiles } from '../src/experiment/stats.ts';

describe('quantile (type 7)', () => {
  // xs sorts to [1, 1, 2, 3, 4, 5, 6, 9] (n = 8); type 7 uses h = (n − 1)p = 7p:
  //   p = 0.05 → h = 0.35 → 1 + 0.35·(1 − 1) = 1
  //   p = 0.25 → h = 1.75 → 1 + 0.75·(2 − 1) = 1.75
  //   p = 0.5  → h = 3.5  → 3 + 0.5·(4 − 3)  = 3.5
  //   p = 0.9  → h = 6.3  → 6 + 0.3·(9 − 6)  = 6.9
  //   p = 0.95 → h = 6.65 → 6 + 0.65·(9 − 6) = 7.95
  // numpy.quantile(xs, p) (default method 'linear') gives the same numbers.
  const xs = [3, 1, 4, 1, 5, 9, 2, 6];
  const expected: ReadonlyArray<readonly [number, number]> = [
    [0, 1],
    [0.05, 1],
    [0.25, 1.75],
    [0.5, 3.5],
    [0.9, 6.9],
    [0.95, 7.95],
    [1, 9],
  ];

  it.each(expected)('p = %s → %s', (p, q) => {
    expect(quantile(xs, p)).toBeCloseTo(q, 13);
    expect(quantile(Float64Array.from(xs), p)).toBeCloseTo(q, 13);
  });

  it('interpolates between two points and returns the only point of one', () => {
    expect(quantile([10, 20], 0.3)).toBeCloseTo(13, 13); // h = 0.3
    expect(quantile([20, 10], 0.75)).toBeCloseTo(17.5, 13);
    for (const p of [0, 0.37, 1]) expect(quantile([42], p)).toBe(42);
  });

  it('agrees with simple-statistics quantileSorted, which is type 7 in the installed 7.12', () => {
    // (simple-statistics documents `(n − 1)·p` indexing, "matching numpy's linear method"; older
    // 7.x releases used a different rule, so this also flags a silent change of definition.)
    const stream = createStream(7, 0, 'stats/quantile-compare');
    for (const n of [1, 2, 3, 10, 57, 200]) {
      // Rounded values make ties, which type 7 must handle like any other order statistic.
      const data = Array.from({ length: n }, () => Math.round(stream.next() * 50) / 10);
      const sorted = [...data].sort((a, b) => a - b);
      for (const p of [0, 0.01, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.95, 0.99, 1]) {
        expect(quantile(data, p)).toBeCloseTo(quantileSorted(sorted, p), 12);
      }
    }
  });

  it('is non-decreasing in p', () => {
    const stream = createStream(7, 1, 'stats/quantile-monotone');
    const data = Array.from({ length: 31 }, () => Math.floor(stream.next() * 5) * 1.1);
    const ps = Array.from({ length: 201 }, (_, i) => i / 200);
    const qs = quantiles(data, ps);
    for (let i = 1; i < qs.length; i++) expect(qs[i]!).toBeGreaterThanOrEqual(qs[i - 1]!);
  });
});

describe('quantiles', () => {
  it('returns one value per p, in the order given, equal to quantile()', () => {
    const data = [5, 3, 8, 1, 9, 2];
    const ps = [0.9, 0.1, 0.5, 0.5, 0, 1];
    const qs = quantiles(data, ps);
    expect(qs).toHaveLength(ps.length);
    ps.forEach((p, i) => expect(qs[i]).toBe(quantile(data, p)));
    expect(qs[4]).toBe(1);
    expect(qs[5]).toBe(9);
    expect(quantiles(data, [])).toEqual([]);
  });

  it('returns NaN for empty input or input containing NaN', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantiles([], [0.1, 0.9])).toEqual([NaN, NaN]);
    expect(quantile([1, NaN, 3], 0.5)).toBeNaN();
    expect(quantiles(Float64Array.from([NaN]), [0, 1])).toEqual([NaN, NaN]);
  });

  it('takes the limit of the interpolation at infinite order statistics', () => {
    const data = [Infinity, 0, 1, -Infinity];
    expect(quantile(data, 0)).toBe(-Infinity);
    expect(quantile(data, 0.1)).toBe(-Infinity); // between −∞ and 0
    expect(quantile(data, 0.5)).toBe(0.5);
    expect(quantile(data, 0.9)).toBe(Infinity); // between 1 and ∞
    expect(quantile([Infinity, Infinity], 0.5)).toBe(Infinity);
  });

  it('rejects p outside [0, 1]', () => {
    for (const p of [-0.01, 1.01, NaN, Infinity]) {
      expect(() => quantile([1, 2, 3], p)).toThrow(RangeError);
      expect(() => quantiles([1, 2, 3], [0.5, p])).toThrow(RangeError);
    }
    expect(() => quantile([], 2)).toThrow(RangeError); // arguments are checked even for empty data
  });

  it('does not mutate (or sort) its inputs', () => {
    const arr = [3, 1, 2];
    const typed = Float64Array.from([3, 1, 2]);
    const ps = [0.9, 0.1];
    quantile(arr, 0.5);
    quantiles(arr, ps);
    quantiles(typed, ps);
    expect(arr).toEqual([3, 1, 2]);
    expect(Array.from(typed)).toEqual([3, 1, 2]);
    expect(ps).toEqual([0.9, 0.1]);
  });
});
