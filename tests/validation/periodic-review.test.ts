/**
 * Periodic review against closed forms (99.9% Student-t intervals of the replications; the
 * expected values are computed here from the scenario files' parameters —
 * src/validation/cases-periodic.ts; the timing convention is written out in
 * src/validation/periodic.ts and in each scenario's header):
 *
 * - rs-poisson: X = D(L + τ), τ ~ U[0, R): fill rate = P(X ≤ S−1), E[OH] = E[(S−X)⁺],
 *   end-of-period on-hand = E[(S − D_{L+R})⁺], CSL = P(D_{L+R} ≤ S). Hadley & Whitin (1963) ch. 5.
 * - rs-normal: one N(μ, σ²) demand per period; fill rate = 1 − (E[(D₃−S)⁺] − E[(D₂−S)⁺])/μ,
 *   CSL = order fill rate = P(D₃ ≤ S). Silver, Pyke & Thomas (4th ed.) ch. 6.
 * - newsvendor: fill rate = 1 − E[(D−S)⁺]/λR, leftover = E[(S−D)⁺]. Zipkin (2000) ch. 9.
 * - ss-periodic: exact Markov chain on IP after review. Zipkin (2000) ch. 9.
 */
import { describe, expect, it } from 'vitest';
import { PERIODIC_CASES } from '../../src/validation/cases-periodic.ts';
import { runAndCollect } from './helpers.ts';

describe('periodic review agrees with theory', () => {
  for (const c of PERIODIC_CASES)
    it(`${c.name}: ${c.title}`, async () => {
      const { result, problems } = await runAndCollect(c);
      expect(result.checks.some((ch) => ch.quantity === 'end-of-period on-hand')).toBe(true);
      expect(problems).toEqual([]);
    });
});
