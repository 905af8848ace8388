/**
 * Fair-share allocation (src/model/allocation.ts): a receipt that cannot cover every waiting
 * request is shared in proportion to what each owes, in whole units by largest remainder
 * (ties to the first in queue order); with a reserve, the restricted requests share only what
 * they may take above it. Default strictPriority is today's behaviour, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { simulate, tinyScenario } from './fixtures/foundation-tiny.ts';

/**
 * Three requests wait when 7 units arrive at t = 1.5: c owes 5 (t = 1), b 3 (t = 1.2), d 2
 * (t = 1.4). (s, S) = (0, 7), lead time 1.5: 7 ordered at t = 0, 8 more at t = 1.2 (due 2.7).
 */
function threeWaiting(stock: Record<string, unknown>, priorities = [1, 1, 1]): Scenario {
  return tinyScenario({
    policy: { type: 'sS', s: 0, S: 7 },
    initial: 0,
    leadTime: 1.5,
    horizonDays: 1.6,
    segment: { interarrival: 1, orderSize: 5, priority: priorities[0] },
    more: { b: { interarrival: 1.2, orderSize: 3, priority: priorities[1] }, d: { interarrival: 1.4, orderSize: 2, priority: priorities[2] } },
    stock,
  });
}
const delivered = (s: Scenario) => simulate(s).rep.segments.map((g) => g.unitsDelivered);

describe('fair share: hand-computed', () => {
  it('7 units for 5 + 3 + 2 owed: quotas 3.5, 2.1, 1.4 → 3, 2, 1 and the last unit to the largest remainder (0.5): 4, 2, 1', () => {
    expect(delivered(threeWaiting({ allocation: 'fairShare' }))).toEqual([4, 2, 1]);
  });

  it('strict priority (the default, or said explicitly) serves the oldest first: 5, 2, 0', () => {
    expect(delivered(threeWaiting({}))).toEqual([5, 2, 0]);
    expect(delivered(threeWaiting({ allocation: 'strictPriority' }))).toEqual([5, 2, 0]);
  });

  it('fair share ignores priority classes: the same split when b and d have priority 2', () => {
    expect(delivered(threeWaiting({ allocation: 'fairShare' }, [1, 2, 2]))).toEqual([4, 2, 1]);
  });

  it('equal remainders go to the first in the queues: 7 units for 2 + 2 + 2 + 2 + 2 (one segment of 2, four orders)', () => {
    // c owes 2 (t = 1), b 2 (t = 1.2), d 2 (t = 1.4): 7 ≥ 6, everyone is served in full.
    const s = threeWaiting({ allocation: 'fairShare' });
    for (const g of Object.values(s.segments)) g.orderSize = 2;
    expect(delivered(s)).toEqual([2, 2, 2]);
    // Quotas 7 × 2/10 = 1.4 each for c, b, d and 7 × 4/10 = 2.8 for e (owes 4): floors 1, 1, 1, 2 (5),
    // remainders 0.4, 0.4, 0.4, 0.8: e first, then c (first of the equal ones): 2, 1, 1, 3.
    s.segments.e = { ...s.segments.d!, interarrival: 1.45, orderSize: 4 };
    expect(delivered(s)).toEqual([2, 1, 1, 3]);
  });

  it('with a reserve of 1 for priority 1: c (priority 1) gets its 5, b and d share the 2 above the reserve (1 each)', () => {
    // Quotas: protected 7 × 5/10 = 3.5; restricted min(3.5, 7 − 3.5 − 1) = 2.5 → 2 whole units,
    // shared 3:2 → 1.2, 0.8 → 1, 0 and the last to d's larger remainder; c then takes the rest up to 5.
    expect(delivered(threeWaiting({ allocation: 'fairShare', reserve: { forPriority: 1, units: 1 } }, [1, 2, 2]))).toEqual([5, 1, 1]);
    // Strict priority with the same reserve: c 5, then b only down to the reserve (1), d nothing.
    expect(delivered(threeWaiting({ reserve: { forPriority: 1, units: 1 } }, [1, 2, 2]))).toEqual([5, 1, 0]);
  });

  it('an all-or-nothing request whose share is short gets nothing in the fair pass; the strict pass gives the rest in order', () => {
    // c (5, all or nothing) has a share of 4: skipped; b gets 2, d 1; the 4 left go by strict
    // priority to c, which cannot be served whole, so they stay set aside for it.
    const s = threeWaiting({ allocation: 'fairShare' });
    s.segments.c!.partialFill = false;
    expect(delivered(s)).toEqual([0, 2, 1]);
  });
});

describe('strictPriority is today’s behaviour', () => {
  it('gives bit-identical KPI vectors to a stock without the key', () => {
    const kpis = (stock: Record<string, unknown>) => {
      const s = tinyScenario({
        policy: { type: 'sS', s: 8, S: 25 },
        leadTime: { dist: 'uniform', min: 1, max: 5 },
        horizonDays: 300,
        warmupDays: 30,
        segment: { interarrival: undefined, ordersPerDay: 3, orderSize: { dist: 'poisson', mean: 2 }, priority: 1 },
        more: { low: { ordersPerDay: 4, priority: 2 }, lost: { ordersPerDay: 2, priority: 3, onStockout: 'lost' } },
        stock,
      });
      const net = buildNetwork(s);
      const layout = kpiLayout(net);
      const rep = new Replication(net);
      const out = new Float64Array(layout.length);
      rep.run(5, 0);
      collectKpis(rep, layout, out);
      return Array.from(out);
    };
    expect(kpis({ allocation: 'strictPriority' })).toEqual(kpis({}));
    expect(kpis({ allocation: 'fairShare' })).not.toEqual(kpis({}));
  });
});
