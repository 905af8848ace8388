/**
 * A segment served by the first DC with stock (`servedBy: [home, fallback, …]`,
 * src/model/order-lines.ts): which DC ships, over which lane, the otherDcShare KPI, and the
 * validation of servedBy lists and multi-line keys (file:line:col, all problems at once).
 */
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../src/scenario/errors.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { linesScenario, runLines } from './fixtures/order-lines.ts';
import { problemsOf, writeScenario } from './scenario-helpers.ts';

/** Home dc (lane 1 day, 0.5/unit) and dc2 (lane 3 days, 2/unit); one order of one unit a day. */
function network(o: { home: number; fallback: number; segment?: Record<string, unknown>; b?: boolean }) {
  const stock = (initial: number) => ({ initial, policy: { type: 'base-stock', S: initial } });
  return linesScenario({
    horizonDays: 20.5,
    leadTime: 2,
    dc: { a: stock(o.home), ...(o.b ? { b: stock(0) } : {}) },
    dc2: { a: stock(o.fallback), ...(o.b ? { b: stock(100) } : {}) },
    lanes: [
      { from: 'dc', to: 'c', transitTime: 1, costPerUnit: 0.5 },
      { from: 'dc2', to: 'c', transitTime: 3, costPerUnit: 2 },
    ],
    segments: { c: { servedBy: ['dc', 'dc2'], product: 'a', interarrival: 1, ...o.segment } },
  });
}

describe('nearest DC with stock', () => {
  it('home DC empty: every order ships from the second DC, over its lane (lead time 3 days, 2/unit)', () => {
    const r = runLines(network({ home: 0, fallback: 100 }));
    expect(r.kpi('customerLeadTimeMean')).toBe(3);
    expect(r.kpi('customerLeadTimeP95')).toBe(3);
    expect(r.kpi('otherDcShare')).toBe(1);
    expect(r.kpi('segment.c.otherDcShare')).toBe(1);
    expect(r.kpi('fillRate')).toBe(1);
    const delivered = r.kpi('unitsDelivered');
    expect(delivered).toBe(20);
    expect(r.kpi('transportCost')).toBe(2 * delivered);
    expect(r.kpi('site.dc2.throughput') * 20.5).toBeCloseTo(delivered, 9);
    expect(Number.isNaN(r.kpi('site.dc.fillRate'))).toBe(true); // no order reached the home DC
    expect(r.conservation).toEqual([]);
  });

  it("home DC's stock all reserved for a better priority: the order goes to the second DC", () => {
    // Merge of issues 22b and 22c: "can this DC ship it?" must see the reserve as demand() does.
    const stock = (initial: number, reserve?: number) => ({
      initial,
      policy: { type: 'base-stock', S: initial },
      ...(reserve !== undefined ? { reserve: { forPriority: 1, units: reserve } } : {}),
    });
    const scenario = (reserve: number) =>
      linesScenario({
        horizonDays: 20.5,
        leadTime: 2,
        dc: { a: stock(10, reserve) },
        dc2: { a: stock(100) },
        lanes: [
          { from: 'dc', to: 'c', transitTime: 1, costPerUnit: 0.5 },
          { from: 'dc2', to: 'c', transitTime: 3, costPerUnit: 2 },
        ],
        segments: {
          c: { servedBy: ['dc', 'dc2'], product: 'a', interarrival: 1, priority: 2 },
          key: { servedBy: 'dc', product: 'a', interarrival: 1000, priority: 1 },
        },
      });
    const reserved = runLines(scenario(10));
    expect(reserved.kpi('segment.c.otherDcShare')).toBe(1);
    expect(reserved.kpi('segment.c.customerLeadTimeMean')).toBe(3);
    expect(reserved.kpi('reserveRefusals')).toBe(0); // never offered to the home DC
    expect(reserved.conservation).toEqual([]);
    const free = runLines(scenario(0));
    expect(free.kpi('segment.c.otherDcShare')).toBe(0);
  });

  it('home DC with stock: it ships (lead time 1 day), the fallback is not used', () => {
    const r = runLines(network({ home: 100, fallback: 100 }));
    expect(r.kpi('customerLeadTimeMean')).toBe(1);
    expect(r.kpi('otherDcShare')).toBe(0);
    expect(r.kpi('transportCost')).toBe(0.5 * 20);
    expect(r.kpi('site.dc2.throughput')).toBe(0);
  });

  it('no DC has stock: the order backorders at the home DC (supplier 2 days + lane 1 day)', () => {
    const r = runLines(network({ home: 0, fallback: 0 }));
    expect(r.kpi('customerLeadTimeMean')).toBe(3);
    expect(r.kpi('otherDcShare')).toBe(0);
    expect(r.kpi('fillRate')).toBe(0);
    expect(r.rep.stockPoints[0]!.demandUnits).toBe(20);
    expect(r.conservation).toEqual([]);
  });

  it('the fallback empties: orders go back to waiting at home', () => {
    const r = runLines(network({ home: 0, fallback: 5, segment: {} }));
    // dc2 starts with 5 and orders 1 for 1 back (lead 2): it ships to the first 5 orders, then
    // is empty at most 2 of every 3 days … the home DC takes the rest as backorders.
    const share = r.kpi('otherDcShare');
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
    expect(r.rep.stockPoints[0]!.demandUnits + r.rep.stockPoints[1]!.demandUnits).toBe(20);
    expect(r.rep.stockPoints[1]!.demandUnits).toBe(share * 20);
    expect(r.conservation).toEqual([]);
  });

  it('ship-partial routes each line; ship-complete sends the whole order to the one DC that has every line', () => {
    const mix = { productMix: { a: 1, b: 1 }, linesPerOrder: 2, product: undefined };
    const partial = runLines(network({ home: 100, fallback: 100, b: true, segment: { ...mix, fulfilment: 'shipPartial' } }));
    // a from home (1 day), b from dc2 (3 days): the order's lead time is its last line's.
    expect(partial.kpi('customerLeadTimeMean')).toBe(3);
    expect(partial.kpi('otherDcShare')).toBe(1);
    expect(partial.kpi('transportCost')).toBe(20 * 0.5 + 20 * 2);
    const complete = runLines(network({ home: 100, fallback: 100, b: true, segment: { ...mix, fulfilment: 'shipComplete' } }));
    expect(complete.kpi('customerLeadTimeMean')).toBe(3);
    expect(complete.kpi('transportCost')).toBe(40 * 2);
    expect(complete.kpi('orderFillRate')).toBe(1);
    expect(complete.rep.stockPoints[0]!.demandUnits).toBe(0);
    expect(complete.conservation).toEqual([]);
  });

  it('a fallback DC closed by a disruption is passed over while it is closed', () => {
    const s = network({ home: 0, fallback: 100 });
    const closed = { ...s, disruptions: [{ name: 'fire', type: 'dc-closed', site: 'dc2', at: 0, days: 10 } as never] };
    const r = runLines(closed);
    // Orders of days 1–9 (dc2 closed) wait at home (supplier 2 + lane 1 = 3 days); from day 10
    // on dc2 ships them over its 3-day lane: 11 of the 20 orders.
    expect(r.kpi('otherDcShare')).toBeCloseTo(11 / 20, 12);
    expect(r.kpi('customerLeadTimeMean')).toBe(3);
    expect(r.rep.stockPoints[0]!.demandUnits).toBe(9);
    expect(r.conservation).toEqual([]);
  });

  it('deterministic: same seed, same numbers', () => {
    const s = network({ home: 3, fallback: 4, segment: { interarrival: { dist: 'exponential', mean: 0.7 } } });
    const a = runLines(s, 9, 1);
    const b = runLines(s, 9, 1);
    for (const k of ['otherDcShare', 'customerLeadTimeMean', 'transportCost', 'fillRate']) expect(Object.is(a.kpi(k), b.kpi(k))).toBe(true);
  });
});

const SCENARIO = `name: lines
horizonDays: 100
products:
  a: {unitCost: 1}
  b: {unitCost: 1}
  fresh: {unitCost: 1, shelfLifeDays: 10}
sites:
  sup:
    type: supplier
    products: {a: {price: 1}, b: {price: 1}, fresh: {price: 1}}
    leadTime: 3
  dc:
    type: dc
    source: sup
    policy: {type: base-stock, S: 5}
    stock: {a: {}, b: {}, fresh: {}}
  dc2:
    type: dc
    source: sup
    policy: {type: base-stock, S: 5}
    stock: {fresh: {}}
segments:
  c:
    servedBy: [dc, sup, dc, dc2, nowhere]
    productMix: {a: 1, b: 1}
    linesPerOrder: 3
    ordersPerDay: 2
  d:
    servedBy: dc
    productMix: {a: 1, fresh: 1}
    linesPerOrder: 1.5
    fulfilment: shipComplete
    ordersPerDay: 2
  e:
    servedBy: [dc, dc2]
    product: fresh
    ordersPerDay: 1
defaultLane: {}
`;

describe('validation', () => {
  it('reports every problem of servedBy lists and order lines at once, at file:line:col', () => {
    const file = writeScenario(SCENARIO);
    const problems = problemsOf(() => loadScenario(file));
    const text = formatProblems(problems);
    const at = (path: string) => problems.find((p) => p.path === path);
    expect(at('segments.c.servedBy.4')?.message, text).toMatch(/unknown site "nowhere"/);
    expect(text).toMatch(/segments\.c\.servedBy\.1: a servedBy list names distribution centers, but "sup" is a supplier/);
    expect(text).toMatch(/segments\.c\.servedBy\.2: "dc" is listed twice/);
    expect(text).toMatch(/segments\.c\.servedBy\.3: fallback DC "dc2" stocks none of the products/);
    expect(text).toMatch(/segments\.e\.servedBy\.1: no lane from fallback DC "dc2" to segment "e"/);
    expect(text).toMatch(/segments\.c\.linesPerOrder: 3 lines per order, but the segment orders 2 products/);
    expect(text).toMatch(/segments\.d\.linesPerOrder: an order holds a whole number of lines/);
    expect(text).toMatch(/segments\.d\.fulfilment: shipComplete is not supported for perishable products \(fresh/);
    const p = at('segments.c.linesPerOrder')!;
    expect([p.line, p.col]).toEqual([26, 20]); // the value of linesPerOrder under segments.c
  });
});
