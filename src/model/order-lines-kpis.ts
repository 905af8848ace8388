/**
 * KPIs of multi-line orders and fallback DCs (order-lines.ts), overall and per segment:
 * - lineFillRate: order lines served complete from stock on arrival / lines (a single-line
 *   order is one line, so there it equals orderFillRate);
 * - linesPerOrder: lines / orders that reached the stock [lines per order];
 * - otherDcShare: orders with a line sent to a DC other than the home DC / orders that reached
 *   the stock (NaN for a segment with one DC; overall, over the segments with a DC list).
 */
import type { Replication } from './replication.ts';
import { div } from './ratio.ts';
import type { SegmentState } from './segment.ts';

export const ORDER_LINE_KPIS = ['lineFillRate', 'linesPerOrder', 'otherDcShare'] as const;

/** Lines at the stock and those complete from stock of segment s (its orders when single-line). */
function lineCounts(s: SegmentState): [number, number] {
  return s.def.lines === null ? [s.ordersAtStock, s.ordersCompleteFromStock] : [s.linesAtStock, s.linesCompleteFromStock];
}

const hasDcList = (s: SegmentState): boolean => s.def.lines !== null && s.def.lines.dcs.length > 1;

/** Writes segment s's values, in ORDER_LINE_KPIS order, at out[o…] (no allocation per replication). */
export function writeSegmentOrderLineKpis(s: SegmentState, out: Float64Array, o: number): void {
  const single = s.def.lines === null;
  const lines = single ? s.ordersAtStock : s.linesAtStock;
  out[o] = div(single ? s.ordersCompleteFromStock : s.linesCompleteFromStock, lines);
  out[o + 1] = div(lines, s.ordersAtStock);
  out[o + 2] = hasDcList(s) ? div(s.ordersFromOtherDc, s.ordersAtStock) : Number.NaN;
}

/** The overall values, over all segments. */
export function orderLineKpis(rep: Replication): Record<(typeof ORDER_LINE_KPIS)[number], number> {
  let lines = 0;
  let complete = 0;
  let orders = 0;
  let listOrders = 0;
  let other = 0;
  for (const s of rep.segments) {
    const [l, c] = lineCounts(s);
    lines += l;
    complete += c;
    orders += s.ordersAtStock;
    if (!hasDcList(s)) continue;
    listOrders += s.ordersAtStock;
    other += s.ordersFromOtherDc;
  }
  return { lineFillRate: div(complete, lines), linesPerOrder: div(lines, orders), otherDcShare: listOrders > 0 ? other / listOrders : Number.NaN };
}
