/**
 * The KPI families of a run, as the terminal prints them: which KPIs belong together, and
 * which of them a run actually has (a KPI with no value — no perishables, no disruption, no
 * back office — is not part of the run). Every family a run has gets a table and a chart.
 */
import type { KpiStat } from '../../experiment/results.ts';
import { costLineIds } from '../model.ts';

export interface Family {
  /** Chart id (a fixed word) and heading. */
  id: string;
  title: string;
  kpis: string[];
  /** How to read its chart. */
  caption: string;
}

/** Families charted as KPI bars (service and cost have charts of their own). */
export const FAMILIES: Family[] = [
  {
    id: 'cash-cycle',
    title: 'Cash cycle',
    kpis: ['dio', 'dso', 'dpo', 'cashToCash', 'orderToCashMean', 'orderToCashP95', 'requisitionToPaymentMean', 'requisitionToPaymentP95'],
    caption: 'Days inventory, receivables and payables outstanding, the cash-to-cash cycle (DIO + DSO − DPO), and the order-to-cash and requisition-to-payment times; bars are means, whiskers their confidence intervals.',
  },
  {
    id: 'back-office',
    title: 'Back office and capacity',
    kpis: ['orderProcessingWait', 'orderProcessingProbWait', 'orderProcessingUtilisation', 'productionUtilisation', 'orderProcessingQueue', 'orderProcessingPeakQueue'],
    caption: 'How long orders wait for a clerk, how many wait on average and at the peak, and how busy the order desks and production lines are; bars are means, whiskers their confidence intervals.',
  },
  {
    id: 'risk',
    title: 'Risk: disruptions and recovery',
    kpis: ['fillRateBeforeDisruption', 'fillRateDuringDisruption', 'fillRateAfterDisruption', 'timeToRecover', 'disruptionDays', 'lostRevenue'],
    caption: 'Fill rate before, during and after disruptions, the time service takes to return to its band, the time under disruption and the revenue lost to stock-outs; bars are means, whiskers their confidence intervals.',
  },
  {
    id: 'freshness',
    title: 'Freshness and waste',
    kpis: ['wasteFraction', 'shareBelowMinRemainingLife', 'avgAgeOnHand', 'avgAgeAtDelivery', 'wasteUnits', 'wasteValue'],
    caption: 'Share of supply that expires, orders finding stock too old, the age of stock on hand and at delivery, and the expired units and their value; bars are means, whiskers their confidence intervals.',
  },
];

/** Tables of a run, in the terminal's order; the cost table lists the cost lines the results carry. */
export function tableFamilies(kpis: Record<string, KpiStat>): Array<[string, string[], Family?]> {
  const costs = costLineIds(Object.keys(kpis));
  const pnl = ['totalCost', 'inventoryCost', 'logisticsCost', 'backOfficeCost', 'penaltyCost', 'revenue', 'cogs', 'grossMargin', 'grossMarginRatio', 'profit', 'operatingProfit', 'operatingMarginRatio'];
  return [
    ['Service', ['fillRate', 'orderFillRate', 'cycleServiceLevel', 'readyRate', 'otif', 'customerLeadTimeMean', 'customerLeadTimeP95', 'avgBackorders', 'lostSalesUnits', 'lostSalesFraction', 'reserveRefusals', 'reserveHeldUnits']],
    ['Cost and profit', [...costs, ...pnl.filter((k) => !costs.includes(k))]],
    ['Inventory', ['avgOnHand', 'avgOnOrder', 'avgInventoryValue']],
    ...FAMILIES.map((f) => [f.title, f.id === 'risk' ? ['disruptionEvents', ...f.kpis] : f.kpis, f] as [string, string[], Family]),
    ['Cash', ['cashEnd', 'cashMin', 'avgReceivables', 'avgPayables']],
  ];
}

/** A KPI the run has: a value in at least one replication. */
export const has = (s: KpiStat | undefined): s is KpiStat => !!s && s.n > 0 && typeof s.mean === 'number' && Number.isFinite(s.mean);

/** The family's KPIs the run has; empty when it has none (the family is not drawn). */
export function present(kpis: Record<string, KpiStat>, family: Family): string[] {
  if (family.id === 'risk' && !(kpis.disruptionEvents?.mean && kpis.disruptionEvents.mean > 0) && !has(kpis.fillRateDuringDisruption)) return [];
  if (family.id === 'back-office' && !has(kpis.orderProcessingUtilisation) && !has(kpis.productionUtilisation)) return [];
  return family.kpis.filter((k) => has(kpis[k]));
}
