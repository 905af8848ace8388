/**
 * Supplier terms (src/model/supplier-terms.ts): minimum order quantity and order multiple
 * (rounded up), capacity per period (FIFO, an order waits whole for the period that has room
 * for its last unit), all-units price breaks. Hand-computed cases on the tiny one-dc network,
 * a theory check — base-stock with an order multiple Q is (r,Q) with r = S − 1 — and the
 * validate errors.
 */
import { describe, expect, it } from 'vitest';
import { collectKpis, kpiLayout } from '../src/model/kpis.ts';
import { buildNetwork } from '../src/model/network.ts';
import { Replication } from '../src/model/replication.ts';
import { breakPrice, roundedQuantity } from '../src/model/supplier-terms.ts';
import { checkConservation } from '../src/model/conservation.ts';
import { loadScenario } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { rqBackorders } from '../src/validation/continuous.ts';
import { simulate, tinyScenario, type TinyOptions } from './fixtures/foundation-tiny.ts';
import { BASE, problemsOf, writeScenario } from './scenario-helpers.ts';

/** The tiny network with terms on its supplier's product w (price 1, standard cost 1). */
function withTerms(o: TinyOptions, terms: Record<string, unknown>): Scenario {
  const s = tinyScenario(o);
  const sup = s.sites.sup!;
  if (sup.type !== 'supplier') throw new Error('tiny network changed');
  sup.products.w = { price: 1, ...terms } as (typeof sup.products)['w'];
  return s;
}

describe('supplier terms, by hand', () => {
  it('rounding: raised to the MOQ, then up to the multiple; a quantity on a multiple stays', () => {
    expect(roundedQuantity({ moq: 25, multiple: 10 }, 1)).toBe(30);
    expect(roundedQuantity({ moq: 25, multiple: 10 }, 31)).toBe(40);
    expect(roundedQuantity({ moq: 25, multiple: 10 }, 40)).toBe(40);
    expect(roundedQuantity({ moq: 25, multiple: 0 }, 26.5)).toBe(26.5);
    expect(roundedQuantity({ moq: 0, multiple: 0.5 }, 0.7)).toBe(1);
  });

  it('price breaks: all units at the price of the largest break reached', () => {
    const t = { price: 1, breaks: [{ minQuantity: 20, price: 0.9 }, { minQuantity: 50, price: 0.8 }] };
    expect(breakPrice(t, 19)).toBe(1);
    expect(breakPrice(t, 20)).toBe(0.9);
    expect(breakPrice(t, 49.5)).toBe(0.9);
    expect(breakPrice(t, 50)).toBe(0.8);
  });

  it('MOQ 25, multiple 10, breaks: one order of 30 at 0.9 where the policy asked for 1', () => {
    // Base-stock S = 10, one unit a day from t = 1: at t = 1 IP = 9 → 1 unit → MOQ 25 → 30.
    // IP is then 39: no further order within 20 days. Received at 1 + 2.5.
    const run = simulate(
      withTerms({ policy: { type: 'base-stock', S: 10 }, horizonDays: 20 }, { minOrderQuantity: 25, orderMultiple: 10, priceBreaks: [{ minQuantity: 20, price: 0.9 }, { minQuantity: 50, price: 0.8 }] }),
    );
    expect(run.orders).toEqual([[1, 30]]);
    expect(run.kpi('site.dc.unitsRoundedUp')).toBe(29);
    expect(run.kpi('site.dc.avgPurchasePrice')).toBeCloseTo(0.9, 12);
    expect(run.kpi('purchaseSpend')).toBeCloseTo(27, 9);
    expect(run.kpi('costVariance')).toBeCloseTo(27 - 30, 9); // price paid − standard cost (1)
    expect(run.kpi('site.dc.capacityDelayedOrders')).toBe(0);
    expect(run.kpi('site.dc.capacityDelayMean')).toBeNaN();
    expect(run.rep.stockPoints[0]!.cycles).toBe(1);
    expect(checkConservation(run.rep)).toEqual([]);
  });

  it('capacity 40 per 7 days: orders wait whole for the period with room for their last unit', () => {
    // 15 units ordered every day from t = 1 (base-stock, order size 15). Period 0 [0, 7):
    // t=1 (15), t=2 (30) fit; t=3 needs 45 > 40 → its last unit in period 1: waits to t = 7 (4 days);
    // t=4 → 20 of period 1 (3 days), t=5 → 35 (2 days), t=6 → 50 > 40 → period 2, t = 14
    // (8 days); t=7 → 25 of period 2 (7 days). Delayed: 5 orders, 24 days in all.
    const run = simulate(withTerms({ policy: { type: 'base-stock', S: 30 }, segment: { orderSize: 15 }, horizonDays: 7.5 }, { capacityPerPeriod: { units: 40, periodDays: 7 } }));
    expect(run.orders.map((o) => o[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(run.kpi('site.dc.capacityDelayedOrders')).toBe(5);
    expect(run.kpi('site.dc.capacityDelayMean')).toBeCloseTo(24 / 5, 12);
    expect(run.kpi('site.dc.unitsRoundedUp')).toBe(0);
  });

  it('no terms, no sourcing KPIs: the layout is what it was', () => {
    const run = simulate(tinyScenario({ policy: { type: 'base-stock', S: 10 } }));
    const names = kpiLayout(run.net).names;
    expect(names.some((n) => n.endsWith('.avgPurchasePrice') || n.endsWith('.fallbackShare'))).toBe(false);
  });
});

describe('supplier terms, theory', () => {
  it('base-stock S = r + 1 with order multiple Q is (r,Q): mean on-hand, fill rate, orders per day', () => {
    // Poisson unit demand λ = 10/day, lead time 2, r = 18, Q = 15 (scenarios/validation/rq-continuous.yaml).
    const s = withTerms(
      { policy: { type: 'base-stock', S: 19 }, leadTime: 2, horizonDays: 530, warmupDays: 30, segment: { interarrival: undefined, ordersPerDay: 10 } },
      { orderMultiple: 15 },
    );
    const theory = rqBackorders(10, 2, 18, 15);
    const net = buildNetwork(s);
    const rep = new Replication(net);
    const layout = kpiLayout(net);
    const n = 20;
    const cols: Record<string, number[]> = { avgOnHand: [], fillRate: [], 'site.dc.ordersPlaced': [] };
    for (let i = 0; i < n; i++) {
      rep.run(4103, i);
      const out = new Float64Array(layout.length);
      collectKpis(rep, layout, out);
      for (const k of Object.keys(cols)) cols[k]!.push(out[layout.names.indexOf(k)]!);
    }
    /** 99.9% Student-t half-width, 19 degrees of freedom (t = 3.883). */
    const within = (xs: number[], expected: number) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
      expect(Math.abs(mean - expected), `mean ${mean} vs theory ${expected}`).toBeLessThanOrEqual((3.883 * sd) / Math.sqrt(xs.length) + 1e-9);
    };
    within(cols.avgOnHand!, theory.onHand);
    within(cols.fillRate!, theory.fillRate);
    within(cols['site.dc.ordersPlaced']!.map((x) => x / 500), theory.ordersPerDay);
  });

  it('is deterministic: capacity state starts afresh in every replication', () => {
    const s = withTerms({ policy: { type: 'base-stock', S: 30 }, segment: { orderSize: 15, interarrival: { dist: 'exponential', mean: 1 } }, horizonDays: 60 }, { capacityPerPeriod: { units: 40, periodDays: 7 }, minOrderQuantity: 20 });
    const net = buildNetwork(s);
    const rep = new Replication(net);
    const layout = kpiLayout(net);
    const one = (i: number) => {
      rep.run(5, i);
      const out = new Float64Array(layout.length);
      collectKpis(rep, layout, out);
      return out;
    };
    const first = one(0);
    one(1);
    expect(one(0)).toEqual(first);
    expect(first[layout.names.indexOf('site.dc.capacityDelayedOrders')]).toBeGreaterThan(0);
  });
});

describe('supplier terms, validate', () => {
  it('reports MOQ < 0, a zero multiple, price breaks out of order or rising, all at once at line:col', () => {
    const text = BASE.replace(
      'products: {widget: {price: 8}}',
      'products:\n      widget:\n        price: 8\n        minOrderQuantity: -1\n        orderMultiple: 0\n        capacityPerPeriod: {units: 0, periodDays: 7}\n        priceBreaks: [{minQuantity: 100, price: 7}, {minQuantity: 50, price: 7.5}]',
    );
    const problems = problemsOf(() => loadScenario(writeScenario(text)));
    const at = problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`);
    expect(at).toEqual([
      '11:27 sites.supplier-a.products.widget.minOrderQuantity: must be ≥ 0 (got -1)',
      '12:24 sites.supplier-a.products.widget.orderMultiple: must be > 0 (got 0)',
      '13:36 sites.supplier-a.products.widget.capacityPerPeriod.units: must be > 0 (got 0)',
      '14:67 sites.supplier-a.products.widget.priceBreaks.1.minQuantity: price breaks must have increasing minQuantity (50 after 100)',
      '14:78 sites.supplier-a.products.widget.priceBreaks.1.price: a price break must not raise the price (7.5 > 7 of the break before)',
    ]);
  });
});
