/**
 * Multi-line orders and fallback DCs in a run's report (model: src/model/order-lines.ts): one
 * sentence and one table, only for runs whose segments use them (more than one line per order,
 * or a servedBy list of DCs). Single-line, single-DC runs read exactly as before.
 */
import type { KpiStat } from '../../experiment/results.ts';
import type { RunResults } from '../inputs.ts';
import { fmt, fmtWithInterval, type ReportTable } from '../model.ts';
import { has } from './families.ts';

const multiLine = (k: Record<string, KpiStat> | undefined): boolean => has(k?.linesPerOrder) && k!.linesPerOrder!.mean! > 1 + 1e-9;
const usesLines = (k: Record<string, KpiStat> | undefined): boolean => multiLine(k) || has(k?.otherDcShare);

/** "Orders held 2.4 lines: 91% of lines but 78% of orders were complete from stock; 12% …", or null. */
export function orderLinesSentence(doc: RunResults): string | null {
  const k = doc.kpis;
  if (!usesLines(k)) return null;
  const level = doc.confidence;
  const parts: string[] = [];
  if (multiLine(k))
    parts.push(
      `Orders held ${fmt(k.linesPerOrder!.mean, 'units')} lines on average: ${fmtWithInterval(k.lineFillRate, 'percent', level)} of lines` +
        ` but ${fmtWithInterval(k.orderFillRate, 'percent', level)} of orders were complete from stock on arrival (an order counts only when every line is)`,
    );
  if (has(k.otherDcShare))
    parts.push(`${fmtWithInterval(k.otherDcShare, 'percent', level)} of the orders of segments with a list of DCs were shipped (in part) from a DC other than their home DC, over that DC's lane`);
  return `${parts.join('; ')}.`;
}

/** Per segment that uses them: lines per order, line and order fill rates, OTIF, other-DC share. */
export function orderLinesTable(doc: RunResults): ReportTable | null {
  const rows = Object.entries(doc.bySegment)
    .filter(([, k]) => usesLines(k))
    .map(([id, k]) => [
      id,
      fmt(k.linesPerOrder?.mean, 'units'),
      fmt(k.lineFillRate?.mean, 'percent'),
      fmt(k.orderFillRate?.mean, 'percent'),
      fmt(k.otif?.mean, 'percent'),
      has(k.otherDcShare) ? fmt(k.otherDcShare.mean, 'percent') : '—',
    ]);
  if (rows.length === 0) return null;
  return {
    title: 'Order lines and serving DCs',
    columns: ['Segment', 'lines per order', 'line fill rate', 'order fill rate', 'OTIF', 'served by another DC'],
    rows,
    note: 'Means across replications. An order is complete from stock, or on time in full, only when every line is; its lead time runs to its last line. "—": the segment has one DC.',
  };
}
