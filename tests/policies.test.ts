/**
 * Inventory policies (src/model/policies.ts), each on a tiny case checked by hand and run
 * through the real engine: one supplier with a constant lead time, one DC, one customer every
 * day (t = 1, 2, 3, ...) with a constant order size. Lead times end in .5 or .25 so that no
 * receipt ties with a customer arrival. The expected trajectories below are worked out by
 * hand; each snapshot is [time, on-hand, on-order, backorders] after the events at that time.
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../src/model/network.ts';
import { compilePolicy, orderQuantity, PolicyKind } from '../src/model/policies.ts';
import { normalQuantile } from '../src/experiment/stats.ts';
import { scenarioSchema } from '../src/scenario/schema.ts';
import { simulate, tinyScenario, type Snapshot } from './fixtures/foundation-tiny.ts';

/** Snapshots [time, on-hand, on-order, backorders] for t = from, from+1, ... (periodic tail). */
function repeat(from: number, to: number, step: number, make: (t: number) => Snapshot[]): Snapshot[] {
  const out: Snapshot[] = [];
  for (let t = from; t <= to; t += step) out.push(...make(t));
  return out;
}

describe('base-stock (one-for-one), continuous review', () => {
  it('S = 5, lead time 2.5, one unit a day: every demand orders exactly one unit', () => {
    const r = simulate(tinyScenario({ policy: { type: 'base-stock', S: 5 }, leadTime: 2.5, horizonDays: 20 }));
    // t = 1, 2, 3: on-hand 4, 3, 2 and one more unit on order each time; from t = 3.5 the
    // first receipts arrive: on-hand 3 after each receipt (k + .5), 2 after each demand (k).
    // Inventory position on-hand + on-order − backorders stays at S = 5 throughout.
    expect(r.trace).toEqual([
      [0, 5, 0, 0],
      [1, 4, 1, 0],
      [2, 3, 2, 0],
      [3, 2, 3, 0],
      ...repeat(3.5, 19.5, 1, (t) => [
        [t, 3, 2, 0],
        [t + 0.5, 2, 3, 0],
      ]),
    ]);
    expect(r.orders).toEqual(Array.from({ length: 20 }, (_, i) => [i + 1, 1]));
    expect(r.kpi('site.dc.ordersPlaced')).toBe(20);
    // ∫ on-hand over [0, 20] = 5 + 4 + 3 (first three days) + 17 days × (2·½ + 3·½) = 54.5.
    expect(r.kpi('avgOnHand')).toBeCloseTo(54.5 / 20, 12);
    // On-hand + on-order = 5 at all times, so ∫ on-order = 100 − 54.5 = 45.5.
    expect(r.kpi('avgOnOrder')).toBeCloseTo(45.5 / 20, 12);
    expect(r.kpi('fillRate')).toBe(1);
    // Receipts at 3.5, 4.5, ..., 19.5: 17 replenishment cycles, none with a stock-out.
    expect(r.kpi('site.dc.receiptRate')).toBeCloseTo(17 / 20, 12);
    expect(r.kpi('cycleServiceLevel')).toBe(1);
    expect(r.kpi('site.dc.replenishmentLeadTime')).toBeCloseTo(2.5, 12);
  });
});

describe('(s,S), continuous review', () => {
  it('s = 3, S = 8, two units a day: orders S − IP (= 6, not S − s) when IP ≤ s', () => {
    const r = simulate(tinyScenario({ policy: { type: 'sS', s: 3, S: 8 }, segment: { orderSize: 2 }, leadTime: 2.5, horizonDays: 20 }));
    // t=1,2: IP 6, 4 > s. t=3: IP 2 ≤ 3 → order 8 − 2 = 6 (arrives 5.5). t=4: on-hand 0, IP 4.
    // t=5: stock-out, 2 backordered, IP = 0 + 6 − 2 = 4 > s: no order. t=5.5: receipt of 6
    // serves the 2 backordered, on-hand 4. Then a 3-day cycle: order 6 at IP 2 every 3 days.
    expect(r.trace).toEqual([
      [0, 8, 0, 0],
      [1, 6, 0, 0],
      [2, 4, 0, 0],
      [3, 2, 6, 0],
      [4, 0, 6, 0],
      ...repeat(5, 17, 3, (t) => [
        [t, 0, 6, 2],
        [t + 0.5, 4, 0, 0],
        [t + 1, 2, 6, 0],
        [t + 2, 0, 6, 0],
      ]),
      [20, 0, 6, 2],
    ]);
    expect(r.orders).toEqual([3, 6, 9, 12, 15, 18].map((t) => [t, 6]));
    // ∫ on-hand: 8 + 6 + 4 + 2 = 20 over [0, 4), then 5 cycles of (4·½ + 2·1) = 4 → 40.
    expect(r.kpi('avgOnHand')).toBeCloseTo(40 / 20, 12);
    // ∫ on-order: 6 units × (5 × 2.5 days + 2 days from 18 to 20) = 87.
    expect(r.kpi('avgOnOrder')).toBeCloseTo(87 / 20, 12);
    // Backorders: 2 units for ½ day at t = 5, 8, 11, 14, 17 (and from 20 to 20) → 5 unit-days.
    expect(r.kpi('avgBackorders')).toBeCloseTo(5 / 20, 12);
    // Six of twenty orders (t = 5, 8, ..., 20) find no stock.
    expect(r.kpi('fillRate')).toBeCloseTo(28 / 40, 12);
  });
});

describe('(r,Q), continuous review', () => {
  it('r = 4, Q = 3, five units a day: orders the smallest multiple of Q that lifts IP above r', () => {
    const r = simulate(tinyScenario({ policy: { type: 'rQ', r: 4, Q: 3 }, segment: { orderSize: 5 }, leadTime: 2.5, horizonDays: 6 }));
    // Starts at r + Q = 7.
    // t=1: OH 2, IP 2 → 1×Q (IP 5).          t=2: ships 2, 3 backordered, IP 0 → 2×Q (IP 6).
    // t=3: 5 more backordered, IP 1 → 2×Q.     t=3.5: receipt of 3 serves the first backorder.
    // t=4: IP 2 → 1×Q.                         t=4.5: receipt of 6.  t=5: IP 1 → 2×Q.
    // t=5.5: receipt of 6.                     t=6: IP 1 → 2×Q.
    expect(r.trace).toEqual([
      [0, 7, 0, 0],
      [1, 2, 3, 0],
      [2, 0, 9, 3],
      [3, 0, 15, 8],
      [3.5, 0, 12, 5],
      [4, 0, 15, 10],
      [4.5, 0, 9, 4],
      [5, 0, 15, 9],
      [5.5, 0, 9, 3],
      [6, 0, 15, 8],
    ]);
    expect(r.orders).toEqual([
      [1, 3],
      [2, 6],
      [3, 6],
      [4, 3],
      [5, 6],
      [6, 6],
    ]);
    for (const [t, q] of r.orders) expect(q % 3, `order at ${t}`).toBe(0);
    // Inventory position after each order lies in (r, r + Q].
    for (const [, oh, oo, bo] of r.trace.slice(1)) {
      expect(oh + oo - bo).toBeGreaterThan(4);
      expect(oh + oo - bo).toBeLessThanOrEqual(7);
    }
  });
});

describe('(R,S), periodic review', () => {
  it('R = 3 from t = 0.25, S = 10: orders only at review instants, up to S', () => {
    const r = simulate(tinyScenario({ policy: { type: 'RS', R: 3, S: 10, offset: 0.25 }, leadTime: 2.5, horizonDays: 20 }));
    // Reviews at 0.25, 3.25, ..., 18.25. At 0.25 IP = 10: nothing. From 3.25 on, each review
    // finds IP 7 (three demands since the last one) and orders 3, received 2.5 days later.
    expect(r.orders).toEqual([3.25, 6.25, 9.25, 12.25, 15.25, 18.25].map((t) => [t, 3]));
    expect(r.trace).toEqual([
      [0, 10, 0, 0],
      [1, 9, 0, 0],
      [2, 8, 0, 0],
      [3, 7, 0, 0],
      ...repeat(3.25, 15.25, 3, (t) => [
        [t, 7, 3, 0],
        [t + 0.75, 6, 3, 0],
        [t + 1.75, 5, 3, 0],
        [t + 2.5, 8, 0, 0],
        [t + 2.75, 7, 0, 0],
      ]),
      [18.25, 7, 3, 0],
      [19, 6, 3, 0],
      [20, 5, 3, 0],
    ]);
    expect(r.kpi('site.dc.ordersPlaced')).toBe(6);
    expect(r.kpi('fillRate')).toBe(1);
  });

  it('periodic (s,S): s = 4, S = 10, reviewed every 2 days from 0.5; IP exactly at s triggers', () => {
    const r = simulate(
      tinyScenario({ policy: { type: 'sS', s: 4, S: 10, review: { period: 2, offset: 0.5 } }, leadTime: 2.25, horizonDays: 20 }),
    );
    // On-hand falls by one a day from 10. Reviews at 0.5, 2.5, 4.5 find IP 10, 8, 6 > s; at 6.5
    // IP = 4 = s → order 10 − 4 = 6, received at 8.75. At 8.5 IP = 2 + 6 = 8: nothing. The
    // cycle repeats every 6 days: orders at 6.5, 12.5, 18.5.
    expect(r.orders).toEqual([6.5, 12.5, 18.5].map((t) => [t, 6]));
    for (const [t] of r.orders) expect((t - 0.5) % 2).toBe(0);
    expect(r.trace.slice(0, 11)).toEqual([
      [0, 10, 0, 0],
      [1, 9, 0, 0],
      [2, 8, 0, 0],
      [3, 7, 0, 0],
      [4, 6, 0, 0],
      [5, 5, 0, 0],
      [6, 4, 0, 0],
      [6.5, 4, 6, 0],
      [7, 3, 6, 0],
      [8, 2, 6, 0],
      [8.75, 8, 0, 0],
    ]);
    // Continuous review would have ordered at t = 6 (IP 4 ≤ s) instead.
    const continuous = simulate(tinyScenario({ policy: { type: 'sS', s: 4, S: 10 }, leadTime: 2.25, horizonDays: 8 }));
    expect(continuous.orders[0]).toEqual([6, 6]);
  });
});

describe('make-to-order', () => {
  it('holds no stock: every customer waits supplier lead time + inbound transit + delivery', () => {
    const r = simulate(tinyScenario({ policy: { type: 'make-to-order' }, leadTime: 2.5, inboundTransit: 1, outboundTransit: 0.5, horizonDays: 20 }));
    // Each demand is backordered and passed upstream at once (IP −1 → order 1); the unit
    // arrives 2.5 + 1 = 3.5 days later and ships at once: on-hand never rises above 0 for any time.
    expect(r.orders).toEqual(Array.from({ length: 20 }, (_, i) => [i + 1, 1]));
    for (const [, oh] of r.trace) expect(oh).toBe(0);
    expect(r.kpi('avgOnHand')).toBe(0);
    expect(r.kpi('fillRate')).toBe(0);
    // Customer lead time = 2.5 (supplier) + 1 (inbound lane) + 0.5 (delivery lane) = 4.
    expect(r.kpi('customerLeadTimeMean')).toBeCloseTo(4, 12);
    expect(r.kpi('customerLeadTimeP95')).toBeCloseTo(4, 12);
    // Orders at t = 1..16 are delivered by t = 20 (the one at 16 ships at 19.5).
    expect(r.rep.segments[0]!.ordersCompleted).toBe(16);
    // On order = on backorder: 1, 2, 3 units over [1, 4), then 4 and 3 alternating by ½ day.
    expect(r.kpi('avgOnOrder')).toBeCloseTo((1 + 2 + 3 + 16 * 3.5) / 20, 12);
    expect(r.kpi('avgBackorders')).toBeCloseTo(r.kpi('avgOnOrder'), 12);
  });

  it('a make-to-order plant builds after the order: lead time = production time + delivery', () => {
    const scenario = scenarioSchema.parse({
      name: 'build-to-order',
      horizonDays: 20,
      products: { kit: { unitCost: 5, bom: [{ product: 'part', quantity: 2 }] }, part: { unitCost: 1 } },
      sites: {
        sup: { type: 'supplier', products: { part: { price: 1 } }, leadTime: 2.5 },
        plant: {
          type: 'plant',
          mode: 'make-to-order',
          lines: [{ capacityPerDay: 4 }],
          stock: { kit: {}, part: { source: 'sup', policy: { type: 'base-stock', S: 20 } } },
        },
      },
      segments: { c: { servedBy: 'plant', product: 'kit', interarrival: 1, orderSize: 2 } },
      lanes: [{ from: 'plant', to: 'c', transitTime: 0.5 }],
    });
    const r = simulate(scenario);
    // Finished kits are never held: each order of 2 becomes a job that claims 4 parts (held
    // under base-stock 20, so always there), runs 2 / 4 = 0.5 days, and ships at once.
    expect(r.net.stockPoints[0]!.policy.label).toBe('make-to-order');
    for (const [, oh] of r.trace) expect(oh).toBe(0);
    expect(r.kpi('customerLeadTimeMean')).toBeCloseTo(0.5 + 0.5, 12);
    expect(r.kpi('customerLeadTimeP95')).toBeCloseTo(1, 12);
    // Orders at t = 1..19 ship by the horizon; the job for t = 20 ends at 20.5.
    expect(r.kpi('unitsDelivered')).toBe(38);
    expect(r.kpi('site.plant.productionUtilisation')).toBeCloseTo((19 * 0.5) / 20, 12);
    // Parts: 4 claimed per order (the one at t = 20 included), re-ordered one-for-one.
    expect(r.rep.stockPoints[1]!.unitsConsumed).toBe(80);
    expect(r.rep.stockPoints[1]!.unitsOrdered).toBe(80);
  });
});

describe('orderQuantity()', () => {
  const ss = compilePolicy({ type: 'sS', s: 5, S: 20 });
  const rq = compilePolicy({ type: 'rQ', r: 5, Q: 10 });
  const bs = compilePolicy({ type: 'base-stock', S: 10 });

  it('(s,S): orders S − IP at IP = s exactly and below; nothing above s', () => {
    expect(orderQuantity(ss, 5)).toBe(15);
    expect(orderQuantity(ss, 5.0001)).toBe(0);
    expect(orderQuantity(ss, 20)).toBe(0);
    expect(orderQuantity(ss, -3)).toBe(23);
  });

  it('(r,Q): one Q at IP = r; several Qs far below r, always the smallest count lifting IP above r', () => {
    expect(orderQuantity(rq, 5)).toBe(10);
    expect(orderQuantity(rq, 5.5)).toBe(0);
    expect(orderQuantity(rq, -4.9)).toBe(10); // −4.9 + 10 = 5.1 > 5
    expect(orderQuantity(rq, -5)).toBe(20); // −5 + 10 = 5 is not above r
    expect(orderQuantity(rq, -27)).toBe(40);
    for (const ip of [-103.5, -50, -25, -15, 0, 4.99]) {
      const q = orderQuantity(rq, ip);
      expect(q % 10).toBe(0);
      expect(ip + q).toBeGreaterThan(5);
      expect(ip + q - 10).toBeLessThanOrEqual(5);
    }
  });

  it('base-stock and make-to-order: order up to S (0), nothing at S', () => {
    expect(orderQuantity(bs, 10)).toBe(0);
    expect(orderQuantity(bs, 9.5)).toBe(0.5);
    expect(orderQuantity(bs, -2)).toBe(12);
    const mto = compilePolicy({ type: 'make-to-order' });
    expect(mto.S).toBe(0);
    expect(orderQuantity(mto, 0)).toBe(0);
    expect(orderQuantity(mto, -3)).toBe(3);
  });

  it('compiles (R,S) as base-stock under periodic review, and the default starting stock', () => {
    const rs = compilePolicy({ type: 'RS', R: 7, S: 40, offset: 2 });
    expect(rs).toMatchObject({ kind: PolicyKind.BaseStock, S: 40, periodic: true, period: 7, offset: 2, initialStock: 40 });
    expect(rq.initialStock).toBe(15); // r + Q
    expect(ss.initialStock).toBe(20); // S
  });
});

describe('policies derived from a target service level', () => {
  /** One DC under `policy`, Poisson demand of 10 units a day, supplier lead time `leadTime`. */
  const derived = (policy: Record<string, unknown>, opts: { cv?: number; leadTime?: unknown } = {}) =>
    buildNetwork(
      scenarioSchema.parse({
        name: 'derived',
        products: { w: { unitCost: 1 } },
        sites: {
          sup: { type: 'supplier', products: { w: { price: 1 } }, leadTime: opts.leadTime ?? 4 },
          dc: { type: 'dc', source: 'sup', policy, stock: { w: {} } },
        },
        segments: { c: { servedBy: 'dc', product: 'w', ordersPerDay: 10, forecastErrorCv: opts.cv ?? 0 } },
      }),
    ).stockPoints[0]!.policy;
  const z95 = normalQuantile(0.95);

  it('base-stock: S = ⌈μL + z·√(Lσ²)⌉ for Poisson demand and a fixed lead time', () => {
    // μ = 10/day, σ² = 10/day (Poisson), L = 4: σ_P = √40 = 6.3246; z(0.95) = 1.6449 → S = ⌈50.40⌉ = 51.
    expect(z95).toBeCloseTo(1.644854, 5);
    expect(derived({ type: 'base-stock', targetServiceLevel: 0.95 }).S).toBe(51);
    expect(Math.ceil(40 + z95 * Math.sqrt(40))).toBe(51);
  });

  it('adds lead-time variance and the review period to the protection interval', () => {
    // Lead time uniform on [3, 5]: mean 4, variance 4/12; σ_P² = 4·10 + 10²·(1/3) = 73.33.
    expect(derived({ type: 'base-stock', targetServiceLevel: 0.95 }, { leadTime: { dist: 'uniform', min: 3, max: 5 } }).S).toBe(
      Math.ceil(40 + z95 * Math.sqrt(40 + 100 / 3)),
    );
    // (R,S) with R = 2: protection interval L + R = 6 → ⌈60 + z·√60⌉ = 73.
    expect(derived({ type: 'RS', R: 2, targetServiceLevel: 0.95 }).S).toBe(73);
    // (s,S): s from the same formula, S = s + one day of demand (10); (r,Q): r from it, Q as given.
    expect(derived({ type: 'sS', targetServiceLevel: 0.95 })).toMatchObject({ s: 51, S: 61 });
    expect(derived({ type: 'rQ', Q: 25, targetServiceLevel: 0.95 })).toMatchObject({ s: 51, Q: 25 });
  });

  it('a larger forecast error cv gives a larger level; a higher target too', () => {
    // cv e = 0.2 adds (e·μ·L)² = 8² = 64 to σ_P²: ⌈40 + z·√104⌉ = 57.
    expect(derived({ type: 'base-stock', targetServiceLevel: 0.95 }, { cv: 0.2 }).S).toBe(57);
    const levels = [0, 0.1, 0.2, 0.4].map((cv) => derived({ type: 'base-stock', targetServiceLevel: 0.95 }, { cv }).S);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThan(levels[i - 1]!);
    expect(derived({ type: 'base-stock', targetServiceLevel: 0.99 }).S).toBeGreaterThan(51);
    // Parameters given explicitly are kept.
    expect(derived({ type: 'sS', s: 30, targetServiceLevel: 0.95 })).toMatchObject({ s: 30, S: 40 });
  });
});
