/**
 * Human-readable tables of results for the terminal.
 */
import type { KpiStat, ResultsDocument } from '../experiment/results.ts';
import { DEFAULT_QUANTILES, quantileKey } from '../experiment/stats.ts';

export { KPI_FORMATS, formatValue, type KpiFormat } from '../experiment/kpi-format.ts';
import { KPI_FORMATS, PNL_LINES, formatValue, type KpiFormat } from '../experiment/kpi-format.ts';

function interval(s: KpiStat, kind: KpiFormat['kind']): string {
  if (s.ciLow === null || s.ciHigh === null) return 'n/a';
  // Shares live in [0, 1]: the table shows the Student-t interval cut to that range (the JSON
  // keeps it as computed, which with few replications can reach past 100%).
  const low = kind === 'percent' ? Math.max(0, s.ciLow) : s.ciLow;
  const high = kind === 'percent' ? Math.min(1, s.ciHigh) : s.ciHigh;
  return `[${formatValue(low, kind)}, ${formatValue(high, kind)}]`;
}

/** Pads columns to equal width; first column left-aligned, the rest right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}

const SECTIONS: Array<[string, string[]]> = [
  ['Service', ['fillRate', 'orderFillRate', 'cycleServiceLevel', 'readyRate', 'otif', 'customerLeadTimeMean', 'customerLeadTimeP95', 'lostSalesFraction', 'reserveRefusals', 'reserveHeldUnits']],
  ['Inventory and capacity', ['avgOnHand', 'avgInventoryValue', 'avgOnOrder', 'avgOnOrderValue', 'avgBackorders', 'avgBackordersValue', 'orderProcessingWait', 'orderProcessingQueue', 'orderProcessingPeakQueue', 'orderProcessingUtilisation', 'productionUtilisation']],
  ['P&L', [...PNL_LINES, 'grossMarginRatio', 'operatingMarginRatio', 'totalCost', 'purchaseSpend', 'productionSpend']],
  ['Order-to-cash', ['dso', 'avgReceivables', 'orderToCashMean', 'orderToCashP95']],
  ['Requisition-to-payment', ['dpo', 'avgPayables', 'requisitionToPaymentMean', 'requisitionToPaymentP95']],
  ['Cash', ['dio', 'cashToCash', 'cashEnd', 'cashMin']],
  // Perishable products only (the KPIs are NaN, so the section is skipped, when none is).
  ['Freshness', ['wasteUnits', 'wasteFraction', 'wasteValue', 'avgAgeOnHand', 'avgAgeAtDelivery', 'shareBelowMinRemainingLife']],
  // Lanes with vehicles only (absent otherwise).
  ['Transport', ['transportTrips', 'vehicleFill', 'transportCostPerUnit', 'dispatchWaitMean']],
  ['Risk', ['lostRevenue', 'disruptionEvents', 'disruptionDays', 'fillRateBeforeDisruption', 'fillRateDuringDisruption', 'fillRateAfterDisruption', 'timeToRecover']],
];

/** The results as the terminal shows them: overall KPIs, then segments, then sites. */
export function formatResults(doc: ResultsDocument): string {
  const pct = `${Math.round(doc.confidence * 100)}% CI`;
  // Quantiles across replications, as chosen by --quantiles.
  const quantileKeys = (doc.quantiles ?? DEFAULT_QUANTILES).map(quantileKey);
  const out: string[] = [];
  // A run stopped by Ctrl-C says so where a reader looks first: its statistics cover fewer replications than asked for.
  const stop = (doc as { interrupted?: { completed: number; requested: number } }).interrupted;
  const count = stop ? `interrupted after ${stop.completed} of ${stop.requested} replications` : `${doc.replications} replications`;
  out.push(`${doc.scenario}: ${count}, seed ${doc.seed}, ${doc.horizonDays} days (${doc.warmupDays} warm-up)`);
  for (const [title, names] of SECTIONS) {
    const rows = [[title, 'mean', pct, ...quantileKeys]];
    for (const k of names) {
      const s = doc.kpis[k];
      const f = KPI_FORMATS[k];
      if (!s || !f || s.n === 0) continue;
      rows.push([f.label, formatValue(s.mean, f.kind), interval(s, f.kind), ...quantileKeys.map((q) => formatValue(s[q] ?? null, f.kind))]);
    }
    // Cost at risk is a statistic across replications, not a per-replication KPI: one value.
    if (title === 'Risk' && typeof doc.costAtRisk === 'number')
      rows.push(['Cost at risk (p95 of total cost)', formatValue(doc.costAtRisk, 'money'), '', ...quantileKeys.map(() => '')]);
    if (rows.length > 1) out.push('', table(rows));
  }
  const segRows = [['Segment', 'fill rate', 'CSL', 'ready', 'OTIF', 'lead time', 'p95', 'lost', 'demand']];
  for (const [id, k] of Object.entries(doc.bySegment)) {
    segRows.push([
      id,
      formatValue(k.fillRate?.mean ?? null, 'percent'),
      formatValue(k.cycleServiceLevel?.mean ?? null, 'percent'),
      formatValue(k.readyRate?.mean ?? null, 'percent'),
      formatValue(k.otif?.mean ?? null, 'percent'),
      formatValue(k.customerLeadTimeMean?.mean ?? null, 'days'),
      formatValue(k.customerLeadTimeP95?.mean ?? null, 'days'),
      formatValue(k.lostSalesFraction?.mean ?? null, 'percent'),
      formatValue(k.demandUnits?.mean ?? null, 'units'),
    ]);
  }
  out.push('', table(segRows));
  const siteRows = [['Site', 'fill rate', 'CSL', 'on-hand', 'value', 'pipeline', 'backorders', 'lead time', 'utilisation', 'OTIF', 'cust. lead', 'lost']];
  for (const [id, k] of Object.entries(doc.bySite)) {
    const util = k.productionUtilisation?.mean ?? k.orderProcessingUtilisation?.mean ?? null;
    siteRows.push([
      id,
      formatValue(k.fillRate?.mean ?? null, 'percent'),
      formatValue(k.cycleServiceLevel?.mean ?? null, 'percent'),
      formatValue(k.avgOnHand?.mean ?? null, 'units'),
      formatValue(k.avgOnHandValue?.mean ?? null, 'money'),
      formatValue(k.avgOnOrder?.mean ?? null, 'units'),
      formatValue(k.avgBackorders?.mean ?? null, 'units'),
      formatValue(k.replenishmentLeadTime?.mean ?? null, 'days'),
      formatValue(util, 'percent'),
      formatValue(k.otif?.mean ?? null, 'percent'),
      formatValue(k.customerLeadTimeMean?.mean ?? null, 'days'),
      formatValue(k.lostSalesFraction?.mean ?? null, 'percent'),
    ]);
  }
  out.push('', table(siteRows));
  // Units of different products are not comparable: each product's units beside their value.
  const productRows = [['Product', 'on-hand', 'value', 'on-order', 'value', 'backorders', 'value', 'shipped', 'COGS']];
  for (const [id, k] of Object.entries(doc.byProduct ?? {})) {
    const v = (name: string, kind: 'units' | 'money') => formatValue(k[name]?.mean ?? null, kind);
    productRows.push([
      id,
      v('avgOnHand', 'units'),
      v('avgOnHandValue', 'money'),
      v('avgOnOrder', 'units'),
      v('avgOnOrderValue', 'money'),
      v('avgBackorders', 'units'),
      v('avgBackordersValue', 'money'),
      v('unitsDelivered', 'units'),
      v('cogs', 'money'),
    ]);
  }
  if (productRows.length > 1) out.push('', table(productRows));
  const laneRows = [['Lane (vehicles)', 'trips', 'units', 'fill', 'cost', 'per unit', 'wait', 'waiting at end']];
  for (const [id, k] of Object.entries(doc.byLane ?? {})) {
    const v = (name: string, kind: KpiFormat['kind']) => formatValue(k[name]?.mean ?? null, kind);
    laneRows.push([id, v('trips', 'units'), v('units', 'units'), v('vehicleFill', 'percent'), v('transportCost', 'money'), v('transportCostPerUnit', 'ratio'), v('dispatchWaitMean', 'days'), v('unitsWaiting', 'units')]);
  }
  if (laneRows.length > 1) out.push('', table(laneRows));
  return out.join('\n');
}
