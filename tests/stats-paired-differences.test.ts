import { describe, expect, it } from 'vitest';
import { createStream, type RandomStream } from '../src/engine/rng.ts';
import { confidenceInterval, pairedDifference, studentTQuantile, welchDifference } from '../src/experiment/stats.ts';

/** Box–Muller standard normal from a uniform stream (1 − u keeps the log argument in (0, 1]). */
function normal(stream: RandomStream): number {
  return Math.sqrt(-2 * Math.log(1 - stream.next())) * Math.cos(2 * Math.PI * stream.next());
}

describe('pairedDifference', () => {
  it('matches a hand-computed example', () => {
    // d = option − base = [1, 2, 0, 1, −1]; mean 0.6; deviations 0.4, 1.4, −0.6, 0.4, −1.6,
    // squares sum to 0.16 + 1.96 + 0.36 + 0.16 + 2.56 = 5.2, so s² = 5.2/4 = 1.3, s = 1.14017542509914.
    // Standard error √(1.3/5) = √0.26 = 0.509901951359278; t_0.975(4) = 2.77644510519779 (t table);
    // halfWidth = 2.77644510519779 · 0.509901951359278 = 1.41571477698227.
    // Option higher in 3 of 5 replications, lower in 1 (replication 3 is a tie).
    const base = [10, 12, 9, 11, 13];
    const option = [11, 14, 9, 12, 12];
    const r = pairedDifference(base, option);
    expect(r.mean).toBeCloseTo(0.6, 14);
    expect(r.stdDev).toBeCloseTo(1.14017542509914, 13);
    expect(r.halfWidth).toBeCloseTo(1.41571477698227, 12);
    expect(r.ciLow).toBeCloseTo(0.6 - 1.41571477698227, 12);
    expect(r.ciHigh).toBeCloseTo(0.6 + 1.41571477698227, 12);
    expect(r.n).toBe(5);
    expect(r.shareGreater).toBe(0.6);
    expect(r.shareLess).toBe(0.2);
    // Swapping the roles negates the difference and swaps the shares.
    const swapped = pairedDifference(option, base);
    expect(swapped.mean).toBeCloseTo(-0.6, 14);
    expect(swapped.halfWidth).toBe(r.halfWidth);
    expect([swapped.shareGreater, swapped.shareLess]).toEqual([0.2, 0.6]);
  });

  it('is the one-sample CI of the differences', () => {
    const base = Float64Array.from([3.5, 1.25, 8, 4, 4.5, 7]);
    const option = Float64Array.from([4, 1, 9.5, 4.25, 5, 7.5]);
    const d = option.map((o, i) => o - base[i]!);
    const r = pairedDifference(base, option, 0.9);
    const ci = confidenceInterval(d, 0.9);
    expect([r.mean, r.ciLow, r.ciHigh, r.halfWidth, r.stdDev]).toEqual([ci.mean, ci.low, ci.high, ci.halfWidth, ci.stdDev]);
  });

  it('handles edge cases', () => {
    expect(() => pairedDifference([1, 2, 3], [1, 2])).toThrow(RangeError);
    const empty = pairedDifference([], []);
    expect(empty.n).toBe(0);
    for (const v of [empty.mean, empty.halfWidth, empty.shareGreater, empty.shareLess]) expect(v).toBeNaN();
    const one = pairedDifference([1], [3]);
    expect(one).toMatchObject({ mean: 2, n: 1, shareGreater: 1, shareLess: 0 });
    expect(one.halfWidth).toBeNaN();
    // A constant improvement is known exactly: zero width.
    expect(pairedDifference([1, 3, 5], [3, 5, 7])).toMatchObject({ mean: 2, halfWidth: 0, ciLow: 2, ciHigh: 2, shareGreater: 1 });
    expect(() => pairedDifference([1, 2], [1, 2], 1)).toThrow(RangeError);
  });
});

describe('welchDifference', () => {
  it('matches a hand-computed example', () => {
    // a = 1..5: mean 3, s² = 2.5; b = [2, 4, 6, 8]: mean 5, s² = (9 + 1 + 1 + 9)/3 = 20/3.
    // Squared standard errors: ua = 2.5/5 = 1/2, ub = (20/3)/4 = 5/3, sum u = 13/6.
    // Welch–Satterthwaite df = u² / (ua²/4 + ub²/3) = (169/36) / (1/16 + 25/27)
    //                        = (169/36)·(432/427) = 2028/427 = 4.74941451990632.
    // t_0.975(2028/427) = 2.61191608930325 (mpmath; between the table's t(5) = 2.571 and t(4) = 2.776),
    // halfWidth = 2.61191608930325 · √(13/6) = 3.84463638394009.
    const r = welchDifference([1, 2, 3, 4, 5], [2, 4, 6, 8]);
    expect(r.mean).toBe(2);
    expect(r.df).toBeCloseTo(2028 / 427, 13);
    expect(studentTQuantile(0.975, r.df)).toBeCloseTo(2.61191608930325, 12);
    expect(r.halfWidth).toBeCloseTo(3.84463638394009, 12);
    expect(r.ciLow).toBeCloseTo(2 - 3.84463638394009, 12);
    expect(r.ciHigh).toBeCloseTo(2 + 3.84463638394009, 12);
    const reversed = welchDifference([2, 4, 6, 8], [1, 2, 3, 4, 5]);
    expect(reversed.mean).toBe(-2);
    expect(reversed.halfWidth).toBe(r.halfWidth);
  });

  it('reduces to the one-sample interval when one sample has no spread', () => {
    // ua = 0 gives df = nb − 1 = 4 and halfWidth = t_0.975(4)·√(2.5/5) = 1.96324316147756.
    const r = welchDifference([1, 1, 1], [1, 2, 3, 4, 5]);
    expect(r.df).toBeCloseTo(4, 13);
    expect(r.halfWidth).toBeCloseTo(1.96324316147756, 12);
    expect(welchDifference([1, 1], [3, 3])).toEqual({ mean: 2, ciLow: 2, ciHigh: 2, halfWidth: 0, df: 2 });
  });

  it('returns NaN width and df when a sample has fewer than two values', () => {
    const r = welchDifference([1], [1, 2, 3]);
    expect(r.mean).toBe(1);
    for (const v of [r.halfWidth, r.df, r.ciLow, r.ciHigh]) expect(v).toBeNaN();
    expect(welchDifference([], []).mean).toBeNaN();
    expect(() => welchDifference([1, 2], [1, 2], 0)).toThrow(RangeError);
  });
});

describe('common random numbers', () => {
  it('give a far narrower paired interval than independent streams', () => {
    // Both variants see the same demand noise (sd 10) in replication i; the option adds 1 and a
    // little noise of its own (sd 0.5). Pairing cancels the shared noise; Welch cannot.
    const n = 50;
    const base = new Float64Array(n);
    const option = new Float64Array(n);
    const independentOption = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const shared = createStream(99, i, 'demand');
      const own = createStream(99, i, 'option/extra');
      base[i] = 100 + 10 * normal(shared);
      option[i] = base[i]! + 1 + 0.5 * normal(own);
      const other = createStream(99, n + i, 'demand'); // what an independent stream would draw
      independentOption[i] = 100 + 10 * normal(other) + 1 + 0.5 * normal(own);
    }
    const paired = pairedDifference(base, option);
    const welch = welchDifference(base, option);
    expect(paired.halfWidth).toBeLessThan(welch.halfWidth / 10);
    expect(paired.ciLow).toBeGreaterThan(0); // the improvement is detected
    expect(welch.ciLow).toBeLessThan(0); // ...but not without pairing
    expect(welch.df).toBeGreaterThan(90); // equal variances, n = 50 each: df ≈ 98
    // Without common random numbers pairing buys nothing: about Welch's width.
    const unpaired = pairedDifference(base, independentOption);
    const ratio = unpaired.halfWidth / welchDifference(base, independentOption).halfWidth;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.3);
  });
});

describe('inputs are never mutated', () => {
  it('leaves both samples untouched', () => {
    const a = [3, 1, 2];
    const b = Float64Array.from([2, 2, 5]);
    pairedDifference(a, b);
    welchDifference(a, b);
    expect(a).toEqual([3, 1, 2]);
    expect(Array.from(b)).toEqual([2, 2, 5]);
  });
});
