/**
 * Multi-line customer orders (src/model/order-lines.ts): hand-computed ship-complete vs
 * ship-partial cases, the lost-sales and patience rules, an exact base-stock reference for the
 * order fill rate of two-line orders, conservation, determinism and common random numbers.
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../src/model/network.ts';
import { linesScenario, runLines } from './fixtures/order-lines.ts';

/** Order at t = 4 for 2 × a (in stock) and 2 × b (none: one-for-one from the supplier, lead 2). */
function tiny(fulfilment: string, horizonDays: number, segment: Record<string, unknown> = {}) {
  return linesScenario({
    horizonDays,
    dc: { a: { initial: 5 }, b: { initial: 0, policy: { type: 'base-stock', S: 0 } } },
    segments: {
      c: { servedBy: 'dc', productMix: { a: 1, b: 1 }, linesPerOrder: 2, interarrival: 4, orderSize: 2, fulfilment, promisedDays: 3, ...segment },
    },
    lanes: [{ from: 'dc', to: 'c', transitTime: 1 }],
  });
}

describe('ship-complete vs ship-partial, by hand', () => {
  // a ships at 4 (arrives 5); b is backordered, received at 6, arrives 7: the order's last
  // line lands 3 days after the order. Nothing was complete from stock on arrival (b was short).
  it('ship-partial: line a is delivered before b comes in', () => {
    const r = runLines(tiny('shipPartial', 5.5));
    const seg = r.rep.segments[0]!;
    expect(seg.unitsDelivered).toBe(2);
    expect(seg.unitsHeld).toBe(0);
    expect(r.kpi('lineFillRate')).toBe(0.5);
    expect(r.kpi('orderFillRate')).toBe(0);
    expect(r.kpi('linesPerOrder')).toBe(2);
    expect(r.conservation).toEqual([]);
  });

  it('ship-complete: line a waits for b, gathered but not shipped', () => {
    const r = runLines(tiny('shipComplete', 5.5));
    const seg = r.rep.segments[0]!;
    expect(seg.unitsDelivered).toBe(0);
    expect(seg.unitsHeld).toBe(2);
    expect(r.rep.stockPoints[0]!.onHand).toBe(3); // a's 2 units are allocated to the order
    expect(r.kpi('lineFillRate')).toBe(0.5);
    expect(r.conservation).toEqual([]);
  });

  it.each(['shipPartial', 'shipComplete'])('%s: lead time runs to the last line (3 days), OTIF against the promise', (f) => {
    const r = runLines(tiny(f, 7.5));
    expect(r.rep.segments[0]!.unitsDelivered).toBe(4);
    expect(r.kpi('customerLeadTimeMean')).toBe(3);
    expect(r.kpi('otif')).toBe(1);
    expect(runLines(tiny(f, 7.5, { promisedDays: 2.5 })).kpi('otif')).toBe(0);
    expect(r.kpi('segment.c.orders')).toBe(1);
    expect(r.conservation).toEqual([]);
  });

  it('ship-complete sends one delivery: both lines arrive together', () => {
    const r = runLines(tiny('shipComplete', 6.5));
    // b is received at 6 and both lines leave then (arriving at 7): nothing has arrived by 6.5,
    // yet everything has left the stock.
    expect(r.rep.segments[0]!.unitsDelivered).toBe(4);
    expect(r.rep.segments[0]!.unitsHeld).toBe(0);
    expect(r.kpi('revenue')).toBe(0); // price 0; the invoice date is the shipping date
    expect(r.conservation).toEqual([]);
  });

  it('ship-complete: one delivery per order (one transit, one cost per shipment); ship-partial: one per line', () => {
    // Both lines always in stock; transit uniform on [1, 3], 10 per shipment.
    const run = (fulfilment: string) =>
      runLines(
        linesScenario({
          horizonDays: 2000.5,
          dc: { a: { policy: { type: 'base-stock', S: 50 } }, b: { policy: { type: 'base-stock', S: 50 } } },
          segments: { c: { servedBy: 'dc', productMix: { a: 1, b: 1 }, linesPerOrder: 2, interarrival: 1, orderSize: 2, fulfilment } },
          lanes: [{ from: 'dc', to: 'c', transitTime: { dist: 'uniform', min: 1, max: 3 }, costPerShipment: 10 }],
        }),
      );
    const complete = run('shipComplete');
    const partial = run('shipPartial');
    expect(complete.kpi('orderFillRate')).toBe(1);
    expect(complete.kpi('transportCost')).toBe(10 * 2000);
    expect(partial.kpi('transportCost')).toBe(20 * 2000);
    // Lead time: one uniform draw (mean 2) vs the later of two (mean 1 + 2·2/3); sd/√2000 ≈ 0.013.
    expect(Math.abs(complete.kpi('customerLeadTimeMean') - 2)).toBeLessThan(0.06);
    expect(Math.abs(partial.kpi('customerLeadTimeMean') - (1 + 4 / 3))).toBeLessThan(0.06);
  });

  it('lost sales: a ship-complete order that cannot ship whole is lost whole; ship-partial loses the short line', () => {
    const complete = runLines(tiny('shipComplete', 7.5, { onStockout: 'lost', promisedDays: 0 }));
    expect(complete.kpi('lostSalesUnits')).toBe(4);
    expect(complete.kpi('unitsDelivered')).toBe(0);
    expect(complete.rep.stockPoints[0]!.onHand).toBe(5);
    expect(complete.conservation).toEqual([]);
    const partial = runLines(tiny('shipPartial', 7.5, { onStockout: 'lost', promisedDays: 0 }));
    expect(partial.kpi('lostSalesUnits')).toBe(2);
    expect(partial.kpi('unitsDelivered')).toBe(2);
    expect(partial.kpi('otif')).toBe(0);
    expect(partial.conservation).toEqual([]);
  });

  it('patience: when b is given up, the gathered a ships at once and the order is not in full', () => {
    const r = runLines(tiny('shipComplete', 7.5, { patienceDays: 1 }));
    // Patience ends at 5: a leaves then (arrives 6), b's 2 units are lost.
    expect(r.kpi('lostSalesUnits')).toBe(2);
    expect(r.kpi('unitsDelivered')).toBe(2);
    expect(r.kpi('otif')).toBe(0);
    expect(Number.isNaN(r.kpi('customerLeadTimeMean'))).toBe(true); // an order with lost units has no lead time
    expect(r.conservation).toEqual([]);
  });
});

/** Poisson probability mass and distribution function. */
const pmf = (k: number, m: number): number => {
  let p = Math.exp(-m);
  for (let i = 1; i <= k; i++) p *= m / i;
  return k < 0 ? 0 : p;
};
const cdf = (k: number, m: number): number => {
  let s = 0;
  for (let i = 0; i <= k; i++) s += pmf(i, m);
  return s;
};

describe('order fill rate of two-line orders against base-stock theory', () => {
  // Base-stock S, one-for-one, constant lead time L, backorders, unit orders. Segment x orders
  // a (rate λx), y orders b (λy), z orders a and b together (λz). A line of a finds stock iff
  // the units of a in the pipeline, Poisson((λx + λz)L), are ≤ S − 1 (PASTA). A z order is
  // complete iff both are; its pipelines share the z orders of the last L days, Z ~ Poi(λz L):
  //   P(complete) = Σ_z P(Z = z) F_x(S − 1 − z) F_y(S − 1 − z)  (F_x: Poisson(λx L) cdf)
  // which is above the product of the line probabilities (shared orders correlate the lines).
  const [lx, ly, lz, L, S] = [3, 2, 1, 2, 8];
  const scenario = linesScenario({
    horizonDays: 1050,
    warmupDays: 50,
    leadTime: L,
    dc: { a: { policy: { type: 'base-stock', S } }, b: { policy: { type: 'base-stock', S } } },
    segments: {
      x: { servedBy: 'dc', product: 'a', ordersPerDay: lx },
      y: { servedBy: 'dc', product: 'b', ordersPerDay: ly },
      z: { servedBy: 'dc', productMix: { a: 1, b: 1 }, linesPerOrder: 2, ordersPerDay: lz },
    },
  });
  const n = 30;
  const values = (name: string) => Array.from({ length: n }, (_, i) => runLines(scenario, 7, i).kpi(name));
  const ci = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    return { mean: m, half: (2.045 * sd) / Math.sqrt(xs.length) }; // t(0.975, 29)
  };
  const pa = cdf(S - 1, (lx + lz) * L);
  const pb = cdf(S - 1, (ly + lz) * L);
  let exact = 0;
  for (let z = 0; z < S; z++) exact += pmf(z, lz * L) * cdf(S - 1 - z, lx * L) * cdf(S - 1 - z, ly * L);

  it('the order fill rate of z matches the exact joint probability within the replications’ CI', () => {
    const { mean, half } = ci(values('segment.z.orderFillRate'));
    expect(Math.abs(mean - exact)).toBeLessThan(half);
    // …and the independence product would be measurably off: the model is not just multiplying.
    expect(exact - pa * pb).toBeGreaterThan(2 * half);
  });

  it('its line fill rate is the mean of the two lines’ in-stock probabilities', () => {
    const { mean, half } = ci(values('segment.z.lineFillRate'));
    expect(Math.abs(mean - (pa + pb) / 2)).toBeLessThan(half);
  });
});

describe('conservation, determinism and common random numbers', () => {
  const random = (segment: Record<string, unknown>) =>
    linesScenario({
      horizonDays: 200,
      warmupDays: 30,
      leadTime: 3,
      dc: { a: { policy: { type: 'sS', s: 4, S: 12 } }, b: { policy: { type: 'sS', s: 3, S: 9 } } },
      dc2: { a: { policy: { type: 'base-stock', S: 4 } } },
      lanes: [{ from: 'dc2', to: 'c', transitTime: 2 }],
      segments: {
        c: { servedBy: 'dc', productMix: { a: 2, b: 1 }, ordersPerDay: 2, orderSize: { dist: 'poisson', mean: 2 }, linesPerOrder: { dist: 'uniform', min: 0.5, max: 2.5 }, ...segment },
      },
    });
  const cases: Array<[string, Record<string, unknown>]> = [
    ['ship-partial, backorders', {}],
    ['ship-complete, backorders', { fulfilment: 'shipComplete' }],
    ['ship-complete, patience', { fulfilment: 'shipComplete', patienceDays: 1.5 }],
    ['ship-complete, all-or-nothing lines', { fulfilment: 'shipComplete', partialFill: false, patienceDays: 4 }],
    ['ship-complete, lost sales', { fulfilment: 'shipComplete', onStockout: 'lost' }],
    ['ship-partial, lost sales', { onStockout: 'lost' }],
    ['fallback DC, ship-complete', { servedBy: ['dc', 'dc2'], fulfilment: 'shipComplete', patienceDays: 2 }],
    ['fallback DC, ship-partial', { servedBy: ['dc', 'dc2'] }],
  ];

  it.each(cases)('%s: units ordered = delivered + backordered + lost + gathered, every replication', (_, segment) => {
    for (let i = 0; i < 5; i++) {
      const r = runLines(random(segment), 3, i);
      expect(r.conservation).toEqual([]);
      const s = r.rep.segments[0]!;
      // Whole run (warm-up included) from the start-of-window levels: the balance the counters keep.
      expect(s.unitsOrdered + s.unitsInProcessingAtStart + s.backorderedAtStart + s.unitsHeldAtStart).toBeCloseTo(
        s.unitsDelivered + s.backordered + s.lostUnits + s.unitsHeld + s.unitsInProcessing,
        9,
      );
      expect(r.kpi('linesPerOrder')).toBeGreaterThan(1);
      expect(r.kpi('linesPerOrder')).toBeLessThanOrEqual(2);
    }
  });

  it('same seed, same results (bit for bit)', () => {
    const s = random({ fulfilment: 'shipComplete', servedBy: ['dc', 'dc2'] });
    const names = ['orderFillRate', 'lineFillRate', 'otif', 'customerLeadTimeMean', 'otherDcShare', 'lostSalesUnits', 'totalCost'];
    const a = runLines(s, 11, 2);
    const b = runLines(s, 11, 2);
    for (const k of names) expect(Object.is(a.kpi(k), b.kpi(k)), k).toBe(true);
  });

  it('linesPerOrder: 1 draws exactly what a single-line segment draws: identical KPIs', () => {
    const base = random({ linesPerOrder: undefined });
    const one = random({ linesPerOrder: 1 });
    delete (base.segments.c as { linesPerOrder?: unknown }).linesPerOrder;
    for (let i = 0; i < 3; i++) {
      const a = runLines(base, 5, i);
      const b = runLines(one, 5, i);
      for (const k of ['fillRate', 'orderFillRate', 'otif', 'customerLeadTimeMean', 'avgOnHand', 'totalCost', 'cashEnd'])
        expect(b.kpi(k), k).toBe(a.kpi(k));
      expect(b.kpi('lineFillRate')).toBe(a.kpi('orderFillRate'));
    }
  });
});

describe('what the planner expects each stock to see', () => {
  const scenario = (linesPerOrder: unknown) =>
    linesScenario({
      horizonDays: 400,
      dc: { a: {}, b: {}, c: {} },
      segments: { s: { servedBy: 'dc', productMix: { a: 5, b: 2, c: 3 }, ordersPerDay: 20, linesPerOrder } },
      products: ['a', 'b', 'c'],
    });
  it('inclusion probabilities of weighted draws without replacement, by hand', () => {
    const two = buildNetwork(scenario(2)).segments[0]!.lines!.inclusion;
    // a is missing only when b then c, or c then b, are drawn: 0.2·0.3/0.8 + 0.3·0.2/0.7.
    expect(two[0]).toBeCloseTo(1 - 0.06 / 0.8 - 0.06 / 0.7, 12);
    expect(two.reduce((x, y) => x + y, 0)).toBeCloseTo(2, 12);
    expect(buildNetwork(scenario(3)).segments[0]!.lines!.inclusion).toEqual([1, 1, 1]);
  });
  it('the simulated share of orders holding each product matches them', () => {
    const s = scenario(2);
    const pi = buildNetwork(s).segments[0]!.lines!.inclusion;
    const r = runLines(s, 4, 0);
    const orders = r.kpi('segment.s.orders');
    r.rep.stockPoints.forEach((sp, k) => {
      const share = sp.requests / orders;
      expect(Math.abs(share - pi[k]!)).toBeLessThan(4 * Math.sqrt((pi[k]! * (1 - pi[k]!)) / orders));
    });
  });
});
