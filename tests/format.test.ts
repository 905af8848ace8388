/** Terminal tables: shares shown as percentages, their intervals kept inside [0%, 100%]. */
import { describe, expect, it } from 'vitest';
import type { KpiStat, ResultsDocument } from '../src/experiment/results.ts';
import { formatResults, formatValue } from '../src/cli/format.ts';

const stat = (mean: number, ciLow: number, ciHigh: number): KpiStat => ({ mean, ciLow, ciHigh, stdDev: 0.01, p05: mean, p50: mean, p95: mean, n: 4 });

function doc(kpis: Record<string, KpiStat>): ResultsDocument {
  return { scenario: 'x', seed: 1, replications: 4, horizonDays: 10, warmupDays: 0, confidence: 0.95, kpis, bySite: {}, bySegment: {}, series: {} };
}

describe('formatResults', () => {
  it('cuts a share’s Student-t interval to [0%, 100%] in the table', () => {
    const text = formatResults(doc({ fillRate: stat(0.9947, 0.9791, 1.0103), readyRate: stat(0.01, -0.02, 0.04) }));
    expect(text).toMatch(/Fill rate\s+99\.47%\s+\[97\.91%, 100\.00%\]/);
    expect(text).toMatch(/Ready rate\s+1\.00%\s+\[0\.00%, 4\.00%\]/);
  });

  it('shows the P&L in statement order and each product\u2019s units beside their value', () => {
    const k = (x: number) => stat(x, x, x);
    const d = doc({ revenue: k(100), cogs: k(60), grossMargin: k(40), transportCost: k(5), operatingProfit: k(35), grossMarginRatio: k(0.4) });
    d.byProduct = { cola: { avgOnHand: k(1200), avgOnHandValue: k(4800), unitsDelivered: k(15), cogs: k(60) } };
    const text = formatResults(d);
    const order = ['Revenue', 'Cost of goods sold', 'Gross margin  ', 'Transport cost', 'Operating profit', 'Gross margin, share of revenue'].map((l) => text.indexOf(l));
    expect(order.every((i, j) => i > 0 && (j === 0 || i > order[j - 1]!))).toBe(true);
    expect(text).toMatch(/Product\s+on-hand\s+value\s+on-order\s+value\s+backorders\s+value\s+shipped\s+COGS/);
    expect(text).toMatch(/cola\s+1,200\s+4,800\s+.*15(\.00)?\s+60$/m);
  });

  it('does not cut intervals of quantities that are not shares', () => {
    const text = formatResults(doc({ operatingProfit: stat(-5, -12, 2) }));
    expect(text).toMatch(/Operating profit\s+-5\s+\[-12, 2\]/);
  });

  it('keeps two significant digits for short durations', () => {
    expect(formatValue(0.0021, 'days')).toBe('0.0021 d');
    expect(formatValue(1.234, 'days')).toBe('1.23 d');
    expect(formatValue(0, 'days')).toBe('0.00 d');
  });
});

describe('formatValue grouping', () => {
  it('writes whole numbers exactly as toLocaleString("en-US") does, without a number formatter', () => {
    for (const x of [0, -0, -0.4, 1, 12, 123, 1234, -1234, 99_999.6, 1_234_567.49, -987_654_321.5, 1e20, 12345678901234567890, -1e21, 3e25, Number.NaN, Infinity, -Infinity])
      expect(formatValue(x, 'money'), String(x)).toBe(Math.round(x).toLocaleString('en-US'));
    expect(formatValue(123_456.7, 'units')).toBe('123,457');
  });
});
