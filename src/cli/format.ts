/**
 * Human-readable tables of results for the terminal.
 */
import type { KpiStat, ResultsDocument } from '../experiment/results.ts';

/** How to show a KPI: label, unit and number style. */
interface KpiFormat {
  label: string;
  kind: 'percent' | 'days' | 'units' | 'money' | 'ratio';
}

export const KPI_FORMATS: Record<string, KpiFormat> = {
  fillRate: { label: 'Fill rate', kind: 'percent' },
  orderFillRate: { label: 'Order fill rate', kind: 'percent' },
  cycleServiceLevel: { label: 'Cycle service level', kind: 'percent' },
  readyRate: { label: 'Ready rate', kind: 'percent' },
  otif: { label: 'OTIF', kind: 'percent' },
  customerLeadTimeMean: { label: 'Customer lead time, mean', kind: 'days' },
  customerLeadTimeP95: { label: 'Customer lead time, p95', kind: 'days' },
  avgOnHand: { label: 'Average on-hand', kind: 'units' },
  avgOnOrder: { label: 'Average on-order (pipeline)', kind: 'units' },
  avgBackorders: { label: 'Average backorders', kind: 'units' },
  lostSalesUnits: { label: 'Lost sales', kind: 'units' },
  lostSalesFraction: { label: 'Lost sales, share of demand', kind: 'percent' },
  orderProcessingWait: { label: 'Order-processing wait', kind: 'days' },
  orderProcessingUtilisation: { label: 'Order-processing utilisation', kind: 'percent' },
  productionUtilisation: { label: 'Production utilisation', kind: 'percent' },
  orderProcessingQueue: { label: 'Orders waiting for processing, average', kind: 'units' },
  orderProcessingPeakQueue: { label: 'Orders waiting for processing, peak', kind: 'units' },
  holdingCost: { label: 'Holding cost', kind: 'money' },
  orderingCost: { label: 'Ordering cost', kind: 'money' },
  transportCost: { label: 'Transport cost', kind: 'money' },
  productionCost: { label: 'Production cost', kind: 'money' },
  purchaseCost: { label: 'Purchase cost', kind: 'money' },
  backorderCost: { label: 'Backorder penalty', kind: 'money' },
  lostSaleCost: { label: 'Lost-sale penalty', kind: 'money' },
  fixedCost: { label: 'Fixed site cost', kind: 'money' },
  overtimeCost: { label: 'Extra order-processing staff', kind: 'money' },
  wasteCost: { label: 'Disposal of expired stock', kind: 'money' },
  wasteUnits: { label: 'Expired units (waste)', kind: 'units' },
  wasteFraction: { label: 'Waste, share of supply', kind: 'percent' },
  wasteValue: { label: 'Value of expired stock', kind: 'money' },
  avgAgeOnHand: { label: 'Average age on hand', kind: 'days' },
  avgAgeAtDelivery: { label: 'Average age at delivery', kind: 'days' },
  shareBelowMinRemainingLife: { label: 'Orders finding stock too old', kind: 'percent' },
  totalCost: { label: 'Total cost', kind: 'money' },
  revenue: { label: 'Revenue', kind: 'money' },
  grossMargin: { label: 'Gross margin', kind: 'money' },
  profit: { label: 'Profit', kind: 'money' },
  dio: { label: 'DIO', kind: 'days' },
  dso: { label: 'DSO', kind: 'days' },
  dpo: { label: 'DPO', kind: 'days' },
  cashToCash: { label: 'Cash-to-cash cycle', kind: 'days' },
  avgReceivables: { label: 'Average receivables', kind: 'money' },
  avgPayables: { label: 'Average payables', kind: 'money' },
  orderToCashMean: { label: 'Order-to-cash, mean', kind: 'days' },
  orderToCashP95: { label: 'Order-to-cash, p95', kind: 'days' },
  requisitionToPaymentMean: { label: 'Requisition-to-payment, mean', kind: 'days' },
  requisitionToPaymentP95: { label: 'Requisition-to-payment, p95', kind: 'days' },
  cashEnd: { label: 'Cash at end', kind: 'money' },
  cashMin: { label: 'Lowest cash', kind: 'money' },
  lostRevenue: { label: 'Lost revenue (lost sales × price)', kind: 'money' },
  disruptionEvents: { label: 'Disruption events', kind: 'units' },
  disruptionDays: { label: 'Time under disruption', kind: 'days' },
  fillRateBeforeDisruption: { label: 'Fill rate before the first event', kind: 'percent' },
  fillRateDuringDisruption: { label: 'Fill rate during disruptions', kind: 'percent' },
  fillRateAfterDisruption: { label: 'Fill rate after the first event', kind: 'percent' },
  timeToRecover: { label: 'Time to recover', kind: 'days' },
};

export function formatValue(x: number | null, kind: KpiFormat['kind']): string {
  if (x === null) return 'n/a';
  switch (kind) {
    case 'percent':
      return `${(x * 100).toFixed(2)}%`;
    case 'days':
      return `${x.toFixed(2)} d`;
    case 'units':
      return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2);
    case 'money':
      return Math.round(x).toLocaleString('en-US');
    case 'ratio':
      return x.toFixed(3);
  }
}

function interval(s: KpiStat, kind: KpiFormat['kind']): string {
  if (s.ciLow === null || s.ciHigh === null) return 'n/a';
  return `[${formatValue(s.ciLow, kind)}, ${formatValue(s.ciHigh, kind)}]`;
}

/** Pads columns to equal width; first column left-aligned, the rest right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}

const SECTIONS: Array<[string, string[]]> = [
  ['Service', ['fillRate', 'orderFillRate', 'cycleServiceLevel', 'readyRate', 'otif', 'customerLeadTimeMean', 'customerLeadTimeP95', 'lostSalesFraction']],
  ['Inventory and capacity', ['avgOnHand', 'avgOnOrder', 'avgBackorders', 'orderProcessingWait', 'orderProcessingQueue', 'orderProcessingPeakQueue', 'orderProcessingUtilisation', 'productionUtilisation']],
  ['Cost and profit', ['holdingCost', 'orderingCost', 'transportCost', 'productionCost', 'purchaseCost', 'backorderCost', 'lostSaleCost', 'fixedCost', 'overtimeCost', 'wasteCost', 'totalCost', 'revenue', 'grossMargin', 'profit']],
  ['Order-to-cash', ['dso', 'avgReceivables', 'orderToCashMean', 'orderToCashP95']],
  ['Requisition-to-payment', ['dpo', 'avgPayables', 'requisitionToPaymentMean', 'requisitionToPaymentP95']],
  ['Cash', ['dio', 'cashToCash', 'cashEnd', 'cashMin']],
  // Perishable products only (the KPIs are NaN, so the section is skipped, when none is).
  ['Freshness', ['wasteUnits', 'wasteFraction', 'wasteValue', 'avgAgeOnHand', 'avgAgeAtDelivery', 'shareBelowMinRemainingLife']],
  ['Risk', ['lostRevenue', 'disruptionEvents', 'disruptionDays', 'fillRateBeforeDisruption', 'fillRateDuringDisruption', 'fillRateAfterDisruption', 'timeToRecover']],
];

/** The results as the terminal shows them: overall KPIs, then segments, then sites. */
export function formatResults(doc: ResultsDocument): string {
  const pct = `${Math.round(doc.confidence * 100)}% CI`;
  const out: string[] = [];
  out.push(`${doc.scenario}: ${doc.replications} replications, seed ${doc.seed}, ${doc.horizonDays} days (${doc.warmupDays} warm-up)`);
  for (const [title, names] of SECTIONS) {
    const rows = [[title, 'mean', pct, 'p05', 'p95']];
    for (const k of names) {
      const s = doc.kpis[k];
      const f = KPI_FORMATS[k];
      if (!s || !f || s.n === 0) continue;
      rows.push([f.label, formatValue(s.mean, f.kind), interval(s, f.kind), formatValue(s.p05, f.kind), formatValue(s.p95, f.kind)]);
    }
    // Cost at risk is a statistic across replications, not a per-replication KPI: one value.
    if (title === 'Risk' && typeof doc.costAtRisk === 'number') rows.push(['Cost at risk (p95 of total cost)', formatValue(doc.costAtRisk, 'money'), '', '', '']);
    if (rows.length > 1) out.push('', table(rows));
  }
  const segRows = [['Segment', 'fill rate', 'OTIF', 'lead time', 'p95', 'lost', 'demand']];
  for (const [id, k] of Object.entries(doc.bySegment)) {
    segRows.push([
      id,
      formatValue(k.fillRate?.mean ?? null, 'percent'),
      formatValue(k.otif?.mean ?? null, 'percent'),
      formatValue(k.customerLeadTimeMean?.mean ?? null, 'days'),
      formatValue(k.customerLeadTimeP95?.mean ?? null, 'days'),
      formatValue(k.lostSalesFraction?.mean ?? null, 'percent'),
      formatValue(k.demandUnits?.mean ?? null, 'units'),
    ]);
  }
  out.push('', table(segRows));
  const siteRows = [['Site', 'fill rate', 'CSL', 'on-hand', 'pipeline', 'backorders', 'lead time', 'utilisation']];
  for (const [id, k] of Object.entries(doc.bySite)) {
    const util = k.productionUtilisation?.mean ?? k.orderProcessingUtilisation?.mean ?? null;
    siteRows.push([
      id,
      formatValue(k.fillRate?.mean ?? null, 'percent'),
      formatValue(k.cycleServiceLevel?.mean ?? null, 'percent'),
      formatValue(k.avgOnHand?.mean ?? null, 'units'),
      formatValue(k.avgOnOrder?.mean ?? null, 'units'),
      formatValue(k.avgBackorders?.mean ?? null, 'units'),
      formatValue(k.replenishmentLeadTime?.mean ?? null, 'days'),
      formatValue(util, 'percent'),
    ]);
  }
  out.push('', table(siteRows));
  return out.join('\n');
}
