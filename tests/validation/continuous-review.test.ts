/**
 * Continuous review against closed forms (tolerance: the replications' own 99.9% Student-t
 * interval; every expected value is computed here, at test time, from the formula applied to
 * the scenario file's own parameters — src/validation/cases-continuous.ts):
 *
 * - base-stock-backorders: X ~ Poisson(λL) on order; fill rate = P(X ≤ S−1), E[OH] = E[(S−X)⁺],
 *   E[B] = E[(X−S)⁺], P(OH = 0) = P(X ≥ S), mean wait = E[B]/λ (Little), E[on order] = λL.
 *   Hadley & Whitin (1963) ch. 4; Zipkin (2000) ch. 6.
 * - base-stock-lost-sales: Erlang loss, lost fraction = B(S, λL), E[OH] = S − λL(1 − B).
 *   Erlang (1917); Zipkin (2000) ch. 6.
 * - rq-continuous: IP uniform on r+1..r+Q: fill rate = (1/Q)Σ_y P(X ≤ y−1), ..., orders/day = λ/Q.
 *   Hadley & Whitin (1963) ch. 4; Axsäter, Inventory Control, ch. 5.
 * - mts-plant-mm1: N ~ geometric(ρ) jobs; fill rate = 1 − ρ^S, E[B] = ρ^{S+1}/(1−ρ).
 *   Buzacott & Shanthikumar (1993).
 * - serial-two-stage: O₂ = B₁ + Poisson(λL₂), B₁ = (Poisson(λL₁) − S₁)⁺, exact by convolution.
 *   Simon (1971); Axsäter (1990).
 */
import { describe, expect, it } from 'vitest';
import { CONTINUOUS_CASES } from '../../src/validation/cases-continuous.ts';
import { runAndCollect } from './helpers.ts';

describe('continuous review agrees with theory', () => {
  for (const c of CONTINUOUS_CASES)
    it(`${c.name}: ${c.title}`, async () => {
      const { result, problems } = await runAndCollect(c);
      expect(result.checks.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
});
