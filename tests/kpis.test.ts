/**
 * KPI definitions (DOMAIN.md, src/model/kpis.ts) on deterministic cases worked out by hand,
 * through the real engine: customers arrive at t = 1, 2, 3, ... with constant order sizes;
 * lead times end in .5 so that no receipt ties with an arrival.
 */
import { describe, expect, it } from 'vitest';
import { SampleBuffer } from '../src/engine/samples.ts';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { projectFile } from '../src/project-paths.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { simulate, tinyScenario } from './fixtures/foundation-tiny.ts';

/** A policy that never orders (IP never falls to s = −100): stock only runs down. */
const NEVER = { type: 'sS', s: -100, S: 0 };

describe('fill rate, order fill rate, lost sales, ready rate', () => {
  // 10 units at start, 3 units demanded a day, no replenishment, horizon 5.5 days:
  // t=1,2,3 served complete (on-hand 7, 4, 1); t=4 gets the last unit and waits for 2; t=5 waits for 3.
  const deplete = (segment: Record<string, unknown> = {}) =>
    simulate(tinyScenario({ policy: NEVER, initial: 10, segment: { orderSize: 3, ...segment }, horizonDays: 5.5 }));

  it('unit fill rate (units from stock / units) differs from order fill rate (orders complete / orders)', () => {
    const r = deplete();
    expect(r.kpi('demandUnits')).toBe(15);
    expect(r.kpi('fillRate')).toBeCloseTo(10 / 15, 12); // 3 + 3 + 3 + 1 units from stock
    expect(r.kpi('orderFillRate')).toBeCloseTo(3 / 5, 12); // t = 1, 2, 3 complete
    expect(r.kpi('segment.c.fillRate')).toBeCloseTo(10 / 15, 12);
    expect(r.kpi('segment.c.orderFillRate')).toBeCloseTo(3 / 5, 12);
    expect(r.kpi('lostSalesFraction')).toBe(0);
    // Backorders: 2 units over [4, 5), 5 over [5, 5.5) → 4.5 unit-days over 5.5 days.
    expect(r.kpi('avgBackorders')).toBeCloseTo(4.5 / 5.5, 12);
  });

  it('ready rate is the fraction of time with stock on hand, not of demands or samples', () => {
    const r = deplete();
    // On-hand > 0 over [0, 4) (10, 7, 4, 1), zero over [4, 5.5].
    expect(r.kpi('readyRate')).toBeCloseTo(4 / 5.5, 12);
    expect(r.kpi('site.dc.readyRate')).toBeCloseTo(4 / 5.5, 12);
    // Average on-hand: (10 + 7 + 4 + 1) unit-days / 5.5 days.
    expect(r.kpi('avgOnHand')).toBeCloseTo(22 / 5.5, 12);
  });

  it('all-or-nothing orders take nothing from a short stock', () => {
    const r = deplete({ partialFill: false });
    // t=4 finds 1 unit but wants 3: nothing ships, the unit stays (ready rate 1).
    expect(r.kpi('fillRate')).toBeCloseTo(9 / 15, 12);
    expect(r.kpi('orderFillRate')).toBeCloseTo(3 / 5, 12);
    expect(r.kpi('readyRate')).toBe(1);
  });

  it('lost sales: units and fraction of demand; lost orders count as not on time', () => {
    const r = deplete({ onStockout: 'lost' });
    // t=4: 1 shipped, 2 lost; t=5: 3 lost.
    expect(r.kpi('lostSalesUnits')).toBe(5);
    expect(r.kpi('lostSalesFraction')).toBeCloseTo(5 / 15, 12);
    expect(r.kpi('segment.c.lostSalesFraction')).toBeCloseTo(5 / 15, 12);
    expect(r.kpi('fillRate')).toBeCloseTo(10 / 15, 12);
    expect(r.kpi('avgBackorders')).toBe(0);
    expect(r.kpi('unitsDelivered')).toBe(10);
    expect(r.kpi('otif')).toBeCloseTo(3 / 5, 12);
  });
});

describe('average on-hand is a time integral', () => {
  // (r,Q) = (1, 4), lead time 0.5, one unit a day, starting at r + Q = 5: a sawtooth. On-hand
  // 5, 4, 3, 2 over [0, 4), 1 over [4, 4.5) (order placed at IP 1), then 5 at 4.5, and so on:
  // each 4-day cycle from 4.5 holds 5·½ + 4 + 3 + 2 + 1·½ = 12 unit-days.
  // ∫ over [0, 20] = 14.5 (to 4.5) + 3 × 12 (to 16.5) + 5·½ + 4 + 3 + 2 (to 20) = 62.
  const saw = { policy: { type: 'rQ', r: 1, Q: 4 }, leadTime: 0.5, stock: { holdingCostPerUnitDay: 0.1 } };

  it('equals the hand-computed integral / horizon, and prices holding cost on it', () => {
    const r = simulate(tinyScenario(saw));
    expect(r.kpi('avgOnHand')).toBeCloseTo(62 / 20, 12);
    expect(r.kpi('holdingCost')).toBeCloseTo(0.1 * 62, 12);
    // Pipeline: 4 units for ½ day after each order at 4, 8, 12, 16 (and 20, zero length).
    expect(r.kpi('avgOnOrder')).toBeCloseTo((4 * 4 * 0.5) / 20, 12);
    // The weekly inventory samples (t = 0, 7, 14, each taken before that day's demand: 5, 3,
    // 4) average 4: a mean of samples is not the time average.
    const n = r.rep.inventory.count;
    expect(Array.from(r.rep.inventory.values.subarray(n, 2 * n))).toEqual([5, 3, 4]);
  });

  it('after a warm-up, averages only the window [warm-up, horizon]', () => {
    const r = simulate(tinyScenario({ ...saw, warmupDays: 4.5 }));
    // 62 − 14.5 = 47.5 unit-days over 15.5 days; demand t = 5..20; orders at 8, 12, 16, 20.
    expect(r.kpi('avgOnHand')).toBeCloseTo(47.5 / 15.5, 12);
    expect(r.kpi('holdingCost')).toBeCloseTo(0.1 * 47.5, 12);
    expect(r.kpi('demandUnits')).toBe(16);
    expect(r.kpi('site.dc.ordersPlaced')).toBe(4);
  });
});

describe('OTIF against the promise', () => {
  // Make-to-order DC: every customer waits 2.5 (supplier) + 1 (inbound) + 0.5 (delivery) = 4 days.
  const mto = (promisedDays: number) =>
    simulate(
      tinyScenario({ policy: { type: 'make-to-order' }, leadTime: 2.5, inboundTransit: 1, outboundTransit: 0.5, segment: { promisedDays } }),
    );

  it('is 0 when the promise is shorter than the lead time, 1 when it is as long or longer', () => {
    expect(mto(3).kpi('otif')).toBe(0);
    expect(mto(3.99).kpi('otif')).toBe(0);
    expect(mto(4).kpi('otif')).toBe(1); // "no later than the promise" includes equality
    expect(mto(5).kpi('otif')).toBe(1);
    expect(mto(5).kpi('segment.c.otif')).toBe(1);
    expect(mto(3).kpi('customerLeadTimeMean')).toBeCloseTo(4, 12);
  });

  it('counts late backordered orders against a same-day promise', () => {
    // (s,S) = (3, 8), 2 units a day, lead time 2.5 (see tests/policies.test.ts): of the 19 orders
    // completed by t = 20, the 5 found short (t = 5, 8, 11, 14, 17) wait ½ day for a receipt.
    const r = (promisedDays: number) =>
      simulate(tinyScenario({ policy: { type: 'sS', s: 3, S: 8 }, segment: { orderSize: 2, promisedDays }, leadTime: 2.5 }));
    expect(r(0).kpi('otif')).toBeCloseTo(14 / 19, 12);
    expect(r(0.5).kpi('otif')).toBe(1);
    expect(r(0).kpi('customerLeadTimeMean')).toBeCloseTo((5 * 0.5) / 19, 12);
  });
});

describe('cycle service level', () => {
  it('counts replenishment cycles (receipt to receipt) without a stock-out', () => {
    // (r,Q) = (3, 6), lead time 1.5, start at 9. Segment c: 1 unit at t = 1, 2, ...; segment b:
    // 3 units at t = 4.7, 9.4, 14.1, 18.8.
    //   4.7: on-hand 5 → 2, IP 2 → order 6 (arrives 6.2). t=5,6: 1, 0.  6.2: receipt (cycle 1: no stock-out).
    //   t=9: on-hand 3 → order (arrives 10.5). 9.4: b takes 3 → 0. t=10: c finds nothing (stock-out).
    //   10.5: receipt (cycle 2: stock-out). t=12: order → 13.5 (cycle 3 fine). t=15: order → 16.5 (cycle 4 fine).
    //   18.8: order → 20.3, after the horizon.
    const r = simulate(tinyScenario({ policy: { type: 'rQ', r: 3, Q: 6 }, leadTime: 1.5, more: { b: { interarrival: 4.7, orderSize: 3 } } }));
    expect(r.orders.map(([t]) => t)).toEqual([4.7, 9, 12, 15, 18.8].map((t) => expect.closeTo(t, 9)));
    expect(r.kpi('cycleServiceLevel')).toBeCloseTo(3 / 4, 12);
    expect(r.kpi('site.dc.cycleServiceLevel')).toBeCloseTo(3 / 4, 12);
    // One unit of 32 short (c's order at t = 10): per segment and overall.
    expect(r.kpi('fillRate')).toBeCloseTo(31 / 32, 12);
    expect(r.kpi('orderFillRate')).toBeCloseTo(23 / 24, 12);
    expect(r.kpi('segment.c.fillRate')).toBeCloseTo(19 / 20, 12);
    expect(r.kpi('segment.b.fillRate')).toBe(1);
    // Stock-outs of time: on-hand 0 over [6, 6.2) and [9.4, 10.5).
    expect(r.kpi('readyRate')).toBeCloseTo(1 - 1.3 / 20, 12);
  });

  it('is 1 when stock never runs out and 0 when every cycle runs out', () => {
    expect(simulate(tinyScenario({ policy: { type: 'base-stock', S: 5 } })).kpi('cycleServiceLevel')).toBe(1);
    const short = simulate(tinyScenario({ policy: { type: 'sS', s: 3, S: 8 }, segment: { orderSize: 2 } }));
    expect(short.kpi('cycleServiceLevel')).toBe(0);
  });
});

describe('p95 customer lead time', () => {
  /** One replication of a shipped scenario: its KPIs and the exact p95 of every lead time pooled. */
  function pooledP95(file: string) {
    const net = buildNetwork(loadScenario(file));
    const rep = new Replication(net);
    rep.run(3, 0);
    const all = new SampleBuffer();
    for (const s of rep.segments) s.leadTimes.appendTo(all);
    const layout = kpiLayout(net);
    const out = new Float64Array(layout.length);
    collectKpis(rep, layout, out);
    const kpi = (name: string) => out[layout.names.indexOf(name)]!;
    return { expected: all.quantile(0.95), kpi, segments: net.segments.map((s) => s.id) };
  }

  it('overall is the p95 of all segments pooled, per segment that of its own orders', () => {
    const r = pooledP95(projectFile('scenarios', 'bottler-17-plants.yaml'));
    expect(r.segments.length).toBeGreaterThan(1);
    expect(r.kpi('customerLeadTimeP95')).toBe(r.expected);
    const perSegment = r.segments.map((id) => r.kpi(`segment.${id}.customerLeadTimeP95`));
    expect(new Set(perSegment).size).toBeGreaterThan(1);
  });

  it('with one segment, overall and segment p95 are the same number', () => {
    const r = pooledP95(projectFile('bench', 'single-site-base-stock.yaml'));
    expect(r.segments).toEqual(['customers']);
    expect(r.kpi('customerLeadTimeP95')).toBe(r.expected);
    expect(r.kpi('segment.customers.customerLeadTimeP95')).toBe(r.expected);
  });
});
