/**
 * How each KPI is shown to people: its label and unit style. Shared by the terminal tables
 * and the reports, so a KPI reads the same everywhere.
 */

/** How to show a KPI: label, unit and number style. */
export interface KpiFormat {
  label: string;
  kind: 'percent' | 'days' | 'units' | 'money' | 'ratio';
}

/**
 * The P&L lines in statement order (src/model/pnl.ts): revenue − cogs = grossMargin; − each
 * cost line = operatingProfit. Group totals (logisticsCost, backOfficeCost, penaltyCost) are
 * sums of the lines listed, not lines of their own.
 */
export const PNL_LINES = [
  'revenue',
  'cogs',
  'grossMargin',
  'costVariance',
  'transportCost',
  'holdingCost',
  'orderingCost',
  'fixedCost',
  'staffCost',
  'overtimeCost',
  'backorderCost',
  'lostSaleCost',
  'disposalCost',
  'operatingProfit',
] as const;

export const KPI_FORMATS: Record<string, KpiFormat> = {
  fillRate: { label: 'Fill rate', kind: 'percent' },
  orderFillRate: { label: 'Order fill rate', kind: 'percent' },
  cycleServiceLevel: { label: 'Cycle service level', kind: 'percent' },
  readyRate: { label: 'Ready rate', kind: 'percent' },
  otif: { label: 'OTIF', kind: 'percent' },
  lineFillRate: { label: 'Line fill rate', kind: 'percent' },
  linesPerOrder: { label: 'Lines per order', kind: 'units' },
  otherDcShare: { label: 'Orders served by another DC', kind: 'percent' },
  customerLeadTimeMean: { label: 'Customer lead time, mean', kind: 'days' },
  customerLeadTimeP95: { label: 'Customer lead time, p95', kind: 'days' },
  avgOnHand: { label: 'Average on-hand', kind: 'units' },
  avgOnOrder: { label: 'Average on-order (pipeline)', kind: 'units' },
  avgBackorders: { label: 'Average backorders', kind: 'units' },
  lostSalesUnits: { label: 'Lost sales', kind: 'units' },
  lostSalesFraction: { label: 'Lost sales, share of demand', kind: 'percent' },
  reserveRefusals: { label: 'Orders cut short by a reserve', kind: 'units' },
  reserveHeldUnits: { label: 'Units held back by a reserve', kind: 'units' },
  orderProcessingWait: { label: 'Order-processing wait', kind: 'days' },
  orderProcessingUtilisation: { label: 'Order-processing utilisation', kind: 'percent' },
  productionUtilisation: { label: 'Production utilisation', kind: 'percent' },
  orderProcessingQueue: { label: 'Orders waiting for processing, average', kind: 'units' },
  orderProcessingPeakQueue: { label: 'Orders waiting for processing, peak', kind: 'units' },
  revenue: { label: 'Revenue', kind: 'money' },
  cogs: { label: 'Cost of goods sold (shipped × standard cost)', kind: 'money' },
  grossMargin: { label: 'Gross margin', kind: 'money' },
  grossMarginRatio: { label: 'Gross margin, share of revenue', kind: 'percent' },
  costVariance: { label: 'Cost variance (bought/made vs standard)', kind: 'money' },
  transportCost: { label: 'Transport cost', kind: 'money' },
  holdingCost: { label: 'Holding cost', kind: 'money' },
  orderingCost: { label: 'Ordering cost', kind: 'money' },
  fixedCost: { label: 'Fixed site and line costs', kind: 'money' },
  staffCost: { label: 'Order-processing staff', kind: 'money' },
  overtimeCost: { label: 'Extra order-processing staff (overtime)', kind: 'money' },
  backOfficeCost: { label: 'Back-office cost (staff + overtime)', kind: 'money' },
  backorderCost: { label: 'Backorder penalty', kind: 'money' },
  lostSaleCost: { label: 'Lost-sale penalty', kind: 'money' },
  penaltyCost: { label: 'Penalties (backorder + lost sale)', kind: 'money' },
  disposalCost: { label: 'Disposal of expired stock (write-off + fees)', kind: 'money' },
  operatingProfit: { label: 'Operating profit', kind: 'money' },
  operatingMarginRatio: { label: 'Operating margin, share of revenue', kind: 'percent' },
  purchaseSpend: { label: 'Purchases (spend, at price paid)', kind: 'money' },
  productionSpend: { label: 'Production (spend)', kind: 'money' },
  avgInventoryValue: { label: 'Average on-hand, value', kind: 'money' },
  avgOnOrderValue: { label: 'Average on-order, value', kind: 'money' },
  avgBackordersValue: { label: 'Average backorders, value', kind: 'money' },
  wasteUnits: { label: 'Expired units (waste)', kind: 'units' },
  wasteFraction: { label: 'Waste, share of supply', kind: 'percent' },
  wasteValue: { label: 'Value of expired stock', kind: 'money' },
  avgAgeOnHand: { label: 'Average age on hand', kind: 'days' },
  avgAgeAtDelivery: { label: 'Average age at delivery', kind: 'days' },
  shareBelowMinRemainingLife: { label: 'Orders finding stock too old', kind: 'percent' },
  totalCost: { label: 'Total cost (revenue − operating profit)', kind: 'money' },
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
  transportTrips: { label: 'Vehicle trips', kind: 'units' },
  vehicleFill: { label: 'Vehicle fill, share of capacity', kind: 'percent' },
  transportCostPerUnit: { label: 'Transport cost per unit delivered', kind: 'ratio' },
  dispatchWaitMean: { label: 'Wait at the dock for a vehicle, mean', kind: 'days' },
};

/**
 * A whole number with thousands separators, as `toLocaleString('en-US')` writes it (1,234,567;
 * −0 as "-0"), without ICU: the first number formatter a process creates costs ≈ 50 ms of
 * CPU, a tenth of a short run's start-up.
 */
function group(n: number): string {
  if (Object.is(n, -0)) return '-0';
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

export function formatValue(x: number | null, kind: KpiFormat['kind']): string {
  if (x === null) return 'n/a';
  switch (kind) {
    case 'percent':
      return `${(x * 100).toFixed(2)}%`;
    case 'days':
      // Short waits (a back office's minutes) keep two significant digits instead of "0.00 d".
      return x !== 0 && Math.abs(x) < 0.1 ? `${x.toPrecision(2)} d` : `${x.toFixed(2)} d`;
    case 'units':
      return Math.abs(x) >= 100 ? group(Math.round(x)) : x.toFixed(2);
    case 'money':
      return group(Math.round(x));
    case 'ratio':
      return x.toFixed(3);
  }
}
