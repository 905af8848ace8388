/**
 * Cash: payment-term arithmetic on a tiny deterministic case (DSO, DPO, order-to-cash and
 * requisition-to-payment equal the terms when everyone pays on time) and conservation of money
 * (the cash position moves by receipts − payments, and every cash cost line is paid).
 */
import { describe, expect, it } from 'vitest';
import { kpiLayout, collectKpis } from '../src/model/kpis.ts';
import { fixture, kpisOf, runOne, shipped } from './fixtures/backoffice-helpers.ts';

const cash = fixture('cash');

describe('payment terms on a tiny case (10 units a day, stock always there)', () => {
  const k = kpisOf(runOne(cash));

  it('serves every order from stock (the premise of the arithmetic)', () => {
    expect(k.fillRate).toBe(1);
    expect(k.revenue).toBe(300 * 10 * 7); // 300 orders in the window, 10 units at 7
  });

  it('DSO equals the customer terms when everyone pays on time', () => {
    expect(k.dso).toBeCloseTo(30, 9);
    expect(k.avgReceivables).toBeCloseTo(30 * 70, 6); // 30 days of 70 a day
  });

  it('invoices at shipment, not at delivery: a 2-day outbound transit does not move DSO', () => {
    expect(k.customerLeadTimeMean).toBe(2);
    expect(k.orderToCashMean).toBeCloseTo(30, 9);
    expect(k.orderToCashP95).toBeCloseTo(30, 9);
  });

  it('DPO equals the supplier terms; requisition-to-payment adds lead time and transit', () => {
    expect(k.dpo).toBeCloseTo(45, 9);
    expect(k.requisitionToPaymentMean).toBeCloseTo(3 + 4 + 45, 9);
    expect(k.requisitionToPaymentP95).toBeCloseTo(52, 9);
  });

  it('computes DIO and the cash-to-cash cycle as DOMAIN.md defines them', () => {
    expect(k.dio).toBeCloseTo(k.avgInventoryValue / (k.cogs / 300), 9);
    expect(k.cashToCash).toBeCloseTo(k.dio + 30 - 45, 9);
  });

  it('late payers add their mean lateness to DSO and to order-to-cash', () => {
    const late = kpisOf(runOne(cash, ['segments.shop.paymentLateness={dist: uniform, min: 0, max: 20}']));
    expect(late.dso).toBeGreaterThan(38);
    expect(late.dso).toBeLessThan(42); // 30 + 10 on average, over 300 invoices
    expect(late.orderToCashMean).toBeCloseTo(late.dso, 0);
    expect(late.orderToCashP95).toBeGreaterThan(47);
  });
});

describe('conservation of money', () => {
  /** Cash at the end of each day minus at the start, against receipts − payments. */
  function checkCashSeries(file: string, sets: string[] = []): Record<string, number> {
    const rep = runOne(file, sets);
    const layout = kpiLayout(rep.net);
    const out = new Float64Array(layout.length);
    collectKpis(rep, layout, out);
    const k: Record<string, number> = {};
    layout.names.forEach((n, i) => (k[n] = out[i]!));
    const series = layout.series.find((s) => s.name === 'cash')!;
    const initial = rep.net.scenario.finance.initialCash;
    const last = out[series.offset + series.times.length - 1]!;
    const scale = Math.max(1, k.cashReceipts!, k.cashPayments!);
    expect(Math.abs(last - initial - (k.cashReceipts! - k.cashPayments!)) / scale).toBeLessThan(1e-12);
    expect(Math.abs(k.cashEnd! - last) / scale).toBeLessThan(1e-12);
    let sum = 0;
    for (const f of rep.finance.dailyNetFlow) sum += f;
    expect(Math.abs(sum - (k.cashReceipts! - k.cashPayments!)) / scale).toBeLessThan(1e-12);
    expect(k.cashMin).toBeLessThanOrEqual(initial);
    return k;
  }

  it('cash change = receipts − payments on the tiny case', () => {
    const k = checkCashSeries(cash);
    expect(k.cashEnd).toBe(1000 + 21000 - 16500);
  });

  it('cash change = receipts − payments on every shipped scenario', () => {
    for (const name of ['bottler-17-plants', 'holiday-surge', 'build-to-order-vs-stock', 'supplier-outage']) checkCashSeries(shipped(name));
  });

  it('with immediate terms, receipts are the revenue and payments every cash cost line', () => {
    const immediate = ['segments.shop.paymentTermsDays=0', 'sites.maker.paymentTermsDays=0'];
    const k = checkCashSeries(cash, immediate);
    expect(k.cashReceipts).toBeCloseTo(k.revenue!, 6);
    const paid = k.transportCost! + k.orderingCost! + k.productionSpend! + k.purchaseSpend! + k.fixedCost! + k.staffCost! + k.overtimeCost!;
    expect(k.cashPayments).toBeCloseTo(paid, 6);
  });

  it.each([
    [
      'production (build to order)',
      'build-to-order-vs-stock',
      ['sites.parts-maker.paymentTermsDays=0', 'sites.board-maker.paymentTermsDays=0', 'segments.business.paymentTermsDays=0', 'segments.retail-partners.paymentTermsDays=0', 'segments.retail-partners.paymentLateness=0'],
      'productionSpend',
    ],
    [
      'temporary back-office staff (holiday surge)',
      'holiday-surge',
      ['sites.toy-factory.paymentTermsDays=0', 'segments.toy-stores.paymentTermsDays=0', 'segments.toy-stores.paymentLateness=0', 'sites.toy-dc.orderProcessing.extraServers={count: 5, whenQueueAbove: 100, costPerHour: 28}'],
      'overtimeCost',
    ],
  ])('pays for %s too, with immediate terms', (_, name, sets, line) => {
    const k = checkCashSeries(shipped(name as string), sets as string[]);
    expect(k[line as string]).toBeGreaterThan(0);
    expect(k.cashReceipts! / k.revenue!).toBeCloseTo(1, 12);
    const paid = k.transportCost! + k.orderingCost! + k.productionSpend! + k.purchaseSpend! + k.fixedCost! + k.staffCost! + k.overtimeCost!;
    expect(k.cashPayments! / paid).toBeCloseTo(1, 12);
  });
});
