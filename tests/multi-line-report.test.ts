/** The report's sentence and table for multi-line orders and backup DCs (src/report/sections/order-lines.ts). */
import { describe, expect, it } from 'vitest';
import type { RunResults } from '../src/report/inputs.ts';
import { orderLinesSentence, orderLinesTable } from '../src/report/sections/order-lines.ts';

const stat = (mean: number | null) => ({ mean, ciLow: mean === null ? null : mean - 0.01, ciHigh: mean === null ? null : mean + 0.01, stdDev: 0, n: mean === null ? 0 : 5 });
const seg = (lines: number, lineFill: number, orderFill: number, other: number | null) => ({
  linesPerOrder: stat(lines),
  lineFillRate: stat(lineFill),
  orderFillRate: stat(orderFill),
  otif: stat(0.9),
  otherDcShare: stat(other),
});
const doc = (bySegment: Record<string, ReturnType<typeof seg>>, overall: ReturnType<typeof seg>) =>
  ({ confidence: 0.95, kpis: overall, bySegment }) as unknown as RunResults;

describe('order lines in the report', () => {
  it('says how far line and order fill rates part, and how often another DC served', () => {
    const d = doc({ retail: seg(2, 0.9, 0.8, 0.12), shops: seg(1, 0.95, 0.95, null) }, seg(1.5, 0.92, 0.87, 0.12));
    const text = orderLinesSentence(d)!;
    expect(text).toContain('Orders held 1.50 lines on average');
    expect(text).toMatch(/92\.00% \(95% CI .*\) of lines but 87\.00% .* of orders were complete from stock/);
    expect(text).toMatch(/12\.00% .* of the orders of segments with a list of DCs were shipped \(in part\) from a DC other than their home DC/);
    const table = orderLinesTable(d)!;
    expect(table.rows).toEqual([['retail', '2.00', '90.00%', '80.00%', '90.00%', '12.00%']]);
  });

  it('stays silent for single-line orders from one DC', () => {
    const d = doc({ shops: seg(1, 0.95, 0.95, null) }, seg(1, 0.95, 0.95, null));
    expect(orderLinesSentence(d)).toBeNull();
    expect(orderLinesTable(d)).toBeNull();
  });
});
