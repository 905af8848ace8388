/**
 * Policies derived from a target service level (policies.ts): the reorder point carries the
 * safety stock for the target, and the lot size is the economic order quantity √(2·K·μ/h), at
 * least one review period's demand. Hand-computed cases: Poisson orders 4/day of 5 units
 * (μ = 20 units/day, σ² = λ·E[X²] = 100 units²/day), constant lead time 4 days, α = 0.9
 * (z = 1.2815515655446004), ordering cost K = 50, holding h = 0.1 per unit-day.
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../src/model/network.ts';
import { lotSize } from '../src/model/policies.ts';
import { tinyScenario } from './fixtures/foundation-tiny.ts';

const derived = (policy: Record<string, unknown>, stock: Record<string, unknown> = { orderCost: 50, holdingCostPerUnitDay: 0.1 }) =>
  buildNetwork(
    tinyScenario({
      policy: { targetServiceLevel: 0.9, ...policy },
      leadTime: 4,
      segment: { interarrival: undefined, ordersPerDay: 4, orderSize: 5 },
      stock,
    }),
  ).stockPoints[0]!.policy;

describe('derived (s,S) and (r,Q)', () => {
  // Reorder point: ⌈μ·L + z·√(L·σ²)⌉ = ⌈80 + 1.28155·20⌉ = ⌈105.63⌉ = 106.
  // EOQ: √(2·50·20 / 0.1) = √20000 = 141.42 → 142 (more than one day's demand, 20).
  it('(s,S): s carries the safety stock, S − s is the EOQ', () => {
    const p = derived({ type: 'sS' });
    expect(p.s).toBe(106);
    expect(p.S).toBe(106 + 142);
  });

  it('(r,Q): r carries the safety stock, Q is the EOQ when not given, and a given Q is kept', () => {
    const p = derived({ type: 'rQ' });
    expect(p.s).toBe(106);
    expect(p.Q).toBe(142);
    expect(p.initialStock).toBe(106 + 142);
    expect(derived({ type: 'rQ', Q: 60 }).Q).toBe(60);
  });

  it('the lot size is at least one review period’s demand; without an ordering cost, exactly that', () => {
    // Review every 7 days: protection 11 days → s = ⌈220 + 1.28155·√1100⌉ = ⌈262.50⌉ = 263;
    // EOQ with K = 5: √(2·5·20/0.1) = 44.7 < a week's demand 140 → 140.
    const p = derived({ type: 'sS', review: { period: 7 } }, { orderCost: 5, holdingCostPerUnitDay: 0.1 });
    expect(p.s).toBe(263);
    expect(p.S).toBe(263 + 140);
    expect(derived({ type: 'sS' }, { orderCost: 0, holdingCostPerUnitDay: 0.1 }).S).toBe(106 + 20);
  });

  it('lotSize: the formula, rounded up to a whole unit, never below 1', () => {
    expect(lotSize(20, 50, 0.1, 0)).toBe(142);
    expect(lotSize(20, 0, 0.1, 0)).toBe(20);
    expect(lotSize(20, 50, 0, 3)).toBe(60);
    expect(lotSize(0.01, 0, 1, 0)).toBe(1);
  });
});
