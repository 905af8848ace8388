/**
 * One warm-up rule for every per-order KPI: OTIF, customer lead time, order-to-cash and
 * requisition-to-payment count the orders placed after the warm-up, whenever they finish;
 * order-to-cash includes orders with lost units (for the part shipped); the inventory series
 * starts with the measured window. Hand-computed on the tiny model (tests/fixtures).
 */
import { describe, expect, it } from 'vitest';
import { kpiLayout } from '../src/model/kpis.ts';
import { simulate, tinyScenario } from './fixtures/foundation-tiny.ts';

describe('per-order KPIs count the orders placed after the warm-up', () => {
  // No stock at 0; (s,S) = (0, 100) orders 100 at t = 0, received at 2.5. One-unit orders at
  // t = 1, 2, …, 10 (horizon 10.5): t = 1 and 2 wait for the receipt (lead times 1.5 and 0.5),
  // the rest are served at once (lead time 0). Promise 0.25 days; warm-up 2 days.
  const run = () =>
    simulate(
      tinyScenario({
        policy: { type: 'sS', s: 0, S: 100 },
        initial: 0,
        horizonDays: 10.5,
        warmupDays: 2,
        segment: { promisedDays: 0.25, paymentTermsDays: 30 },
      }),
    );

  it('an order placed in the warm-up and delivered after it counts in none of OTIF, lead time, order-to-cash', () => {
    const r = run();
    // In the window: orders at t = 2 … 10 (nine); t = 2 is late (0.5 > 0.25), the others on time.
    expect(r.kpi('otif')).toBeCloseTo(8 / 9, 12);
    expect(r.kpi('customerLeadTimeMean')).toBeCloseTo(0.5 / 9, 12);
    expect(r.rep.finance.orderToCash.length).toBe(9);
    // Order-to-cash: shipped at 2.5 (t = 2) or at once, paid 30 days after shipping.
    expect(r.kpi('orderToCashMean')).toBeCloseTo((30.5 + 8 * 30) / 9, 12);
    // Requisition-to-payment: the only purchase order was placed at t = 0, in the warm-up.
    expect(r.rep.finance.requisitionToPayment.length).toBe(0);
  });

  it("the inventory series keeps only samples in the measured window", () => {
    const r = run();
    const series = kpiLayout(r.net).series.find((s) => s.name === 'onHand.dcs')!;
    expect(series.times).toEqual([7]); // days 0, 7, 14, … within [2, 10.5]
  });
});

describe('order-to-cash includes orders with lost units, for the part shipped', () => {
  it('counts a partly lost order, not a wholly lost one', () => {
    // 10 units, never replenished; 3 units a day at t = 1 … 5, lost on a stock-out: t = 1, 2, 3
    // served whole, t = 4 gets 1 unit (2 lost), t = 5 gets nothing.
    const r = simulate(
      tinyScenario({
        policy: { type: 'sS', s: -100, S: 0 },
        initial: 10,
        horizonDays: 5.5,
        segment: { orderSize: 3, onStockout: 'lost', paymentTermsDays: 10 },
      }),
    );
    expect(r.kpi('lostSalesUnits')).toBe(5);
    expect(r.rep.finance.orderToCash.length).toBe(4);
    expect(r.kpi('orderToCashMean')).toBe(10);
    expect(r.kpi('otif')).toBeCloseTo(3 / 5, 12); // lost orders are not in full
  });
});
