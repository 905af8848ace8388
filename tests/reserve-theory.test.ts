/**
 * A reserve against an independent reference: one stock under continuous-review base-stock S
 * with lost sales, two Poisson customer classes of unit orders (priority 1 at λ₁, priority 2 at
 * λ₂), a reserve of R units for priority 1, and exponential supplier lead times (mean 1/μ,
 * independent, no capacity limit: orders may cross).
 *
 * Reference (written here, independent of the engine): with n units on order (n = S − on-hand;
 * one-for-one, a lost order orders nothing) the system is a birth–death chain on n = 0..S:
 *   n → n+1 at rate λ₁ + λ₂ while on-hand > R (n < S − R), at rate λ₁ while 0 < on-hand ≤ R;
 *   n → n−1 at rate n·μ.
 * Stationary π_n ∝ Π_{k<n} birth_k / ((k+1)·μ). By PASTA, an arriving priority-1 order is
 * served when on-hand > 0 and a priority-2 order when on-hand > R:
 *   fill rate₁ = Σ_{n<S} π_n,   fill rate₂ = Σ_{n<S−R} π_n.
 * Tolerance: the replications' own confidence interval (99.9%, Student t) of each class's fill
 * rate; the interval is also required to be narrow enough to tell the two classes apart.
 */
import { describe, expect, it } from 'vitest';
import { confidenceInterval } from '../src/experiment/stats.ts';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { scenarioSchema } from '../src/scenario/schema.ts';

const L1 = 4; // priority-1 orders per day
const L2 = 6; // priority-2 orders per day
const MEAN_LEAD = 2; // days
const S = 22;
const R = 5;

/** The birth–death chain's fill rates [class 1, class 2] (see the header). */
function markovFillRates(l1: number, l2: number, mu: number, s: number, r: number): [number, number] {
  const p = [1];
  for (let n = 0; n < s; n++) {
    const birth = s - n > r ? l1 + l2 : l1;
    p.push((p[n]! * birth) / ((n + 1) * mu));
  }
  const total = p.reduce((a, b) => a + b, 0);
  const below = (m: number) => p.slice(0, m).reduce((a, b) => a + b, 0) / total;
  return [below(s), below(s - r)];
}

describe('reserve: two Poisson classes, base-stock with lost sales, against a Markov chain', () => {
  it('the reference itself: no reserve gives both classes the Erlang-loss fill rate', () => {
    const [f1, f2] = markovFillRates(L1, L2, 1 / MEAN_LEAD, S, 0);
    let b = 1; // Erlang B(S, a), a = λ/μ
    const a = (L1 + L2) * MEAN_LEAD;
    for (let k = 1; k <= S; k++) b = (a * b) / (k + a * b);
    expect(f1).toBeCloseTo(1 - b, 12);
    expect(f2).toBeCloseTo(1 - b, 12);
  });

  it('each class gets the fill rate of the chain, within the replications’ 99.9% interval', () => {
    const scenario = scenarioSchema.parse({
      name: 'reserve theory',
      horizonDays: 1020,
      warmupDays: 20,
      products: { item: { unitCost: 1 } },
      defaultLane: {},
      sites: {
        supplier: { type: 'supplier', products: { item: { price: 1 } }, leadTime: { dist: 'exponential', mean: MEAN_LEAD } },
        dc: {
          type: 'dc',
          source: 'supplier',
          policy: { type: 'base-stock', S },
          stock: { item: { reserve: { forPriority: 1, units: R } } },
        },
      },
      segments: {
        key: { servedBy: 'dc', product: 'item', ordersPerDay: L1, priority: 1, onStockout: 'lost' },
        other: { servedBy: 'dc', product: 'item', ordersPerDay: L2, priority: 2, onStockout: 'lost' },
      },
    });
    const net = buildNetwork(scenario);
    const layout = kpiLayout(net);
    const out = new Float64Array(layout.length);
    const at = (name: string) => layout.names.indexOf(name);
    const f1: number[] = [];
    const f2: number[] = [];
    const rep = new Replication(net);
    for (let i = 0; i < 40; i++) {
      rep.run(2207, i);
      collectKpis(rep, layout, out);
      f1.push(out[at('segment.key.fillRate')]!);
      f2.push(out[at('segment.other.fillRate')]!);
    }
    const [t1, t2] = markovFillRates(L1, L2, 1 / MEAN_LEAD, S, R);
    const c1 = confidenceInterval(f1, 0.999);
    const c2 = confidenceInterval(f2, 0.999);
    expect(Math.abs(c1.mean - t1), `class 1: theory ${t1}, simulated ${c1.mean} ± ${c1.halfWidth}`).toBeLessThanOrEqual(c1.halfWidth);
    expect(Math.abs(c2.mean - t2), `class 2: theory ${t2}, simulated ${c2.mean} ± ${c2.halfWidth}`).toBeLessThanOrEqual(c2.halfWidth);
    // Precise enough to mean something: the reserve's effect is many half-widths wide.
    expect(t1 - t2).toBeGreaterThan(10 * (c1.halfWidth + c2.halfWidth));
  });
});
