/**
 * The report of one run: the headline service, cost and profit with their intervals, where
 * the bottleneck sits, the charts of one scenario, and its KPI tables.
 */
import type { KpiStat } from '../../experiment/results.ts';
import { timeBandChart } from '../charts/band.ts';
import type { ReportChart } from '../charts/common.ts';
import { COST_LINES, costBreakdownChart, type CostBar } from '../charts/costs.ts';
import { PNL_LINES } from '../../experiment/kpi-format.ts';
import { kpiDistributionChart, type KpiSample } from '../charts/distribution.ts';
import { segmentServiceChart } from '../charts/segments.ts';
import type { ReportInputs, RunResults, ScenarioContext } from '../inputs.ts';
import { fmt, fmtInterval, fmtWithInterval, kpiInfo, pct, type ReportSection, type ReportTable } from '../model.ts';

/** Utilisation from which a resource is called the bottleneck. */
export const BOTTLENECK_UTILISATION = 0.85;

const KPI_TABLES: Array<[string, string[]]> = [
  ['Service', ['fillRate', 'orderFillRate', 'cycleServiceLevel', 'readyRate', 'otif', 'customerLeadTimeMean', 'customerLeadTimeP95', 'lostSalesFraction']],
  ['Inventory and capacity', ['avgOnHand', 'avgOnOrder', 'avgBackorders', 'orderProcessingWait', 'orderProcessingUtilisation', 'productionUtilisation']],
  ['P&L', [...PNL_LINES, 'grossMarginRatio', 'operatingMarginRatio', 'totalCost', 'purchaseSpend', 'productionSpend']],
  ['Order-to-cash and requisition-to-payment', ['dso', 'avgReceivables', 'orderToCashMean', 'orderToCashP95', 'dpo', 'avgPayables', 'requisitionToPaymentMean', 'requisitionToPaymentP95']],
  ['Cash', ['dio', 'cashToCash', 'cashEnd', 'cashMin']],
];

/** KPIs whose spread across replications is charted. */
const DISTRIBUTION_KPIS = ['fillRate', 'otif', 'totalCost', 'operatingProfit'];

export function runSection(inputs: ReportInputs): ReportSection {
  const doc = inputs.results as RunResults;
  return {
    summary: runSummary(doc),
    charts: runCharts(doc, inputs),
    tables: runTables(doc, inputs.scenario),
  };
}

/** The answer to "what service and cost does this network deliver, and where is its bottleneck?". */
export function runSummary(doc: RunResults): string[] {
  const k = doc.kpis;
  const level = doc.confidence;
  const days = doc.horizonDays - doc.warmupDays;
  const out: string[] = [];
  out.push(
    `Over ${doc.replications} replications of ${doc.horizonDays} days` +
      (doc.warmupDays > 0 ? ` (statistics over the last ${days} days, after a ${doc.warmupDays}-day warm-up)` : '') +
      `, the network served ${fmtWithInterval(k.fillRate, 'percent', level)} of demand straight from stock;` +
      ` ${fmtWithInterval(k.otif, 'percent', level)} of orders arrived on time and in full,` +
      ` after ${fmtWithInterval(k.customerLeadTimeMean, 'days', level)} on average.`,
  );
  out.push(
    `Total cost was ${fmtWithInterval(k.totalCost, 'money', level)} against revenue of ${fmt(k.revenue?.mean, 'money')},` +
      ` for an operating profit of ${fmtWithInterval(k.operatingProfit, 'money', level)} over those ${days} days` +
      (typeof doc.costAtRisk === 'number' ? `; in 1 replication out of 20 total cost exceeded ${fmt(doc.costAtRisk, 'money')} (cost at risk, 95th percentile).` : '.'),
  );
  out.push(bottleneckSentence(doc));
  return out;
}

interface SiteFigure {
  site: string;
  value: number;
  what: string;
}

/** The busiest resource (production lines or back office) and the weakest stock point. */
export function bottleneckSentence(doc: RunResults): string {
  let busiest: SiteFigure | undefined;
  let weakest: SiteFigure | undefined;
  for (const [site, k] of Object.entries(doc.bySite)) {
    for (const [key, what] of [
      ['productionUtilisation', 'production lines'],
      ['orderProcessingUtilisation', 'back office'],
    ] as const) {
      const u = k[key]?.mean;
      if (typeof u === 'number' && (!busiest || u > busiest.value)) busiest = { site, value: u, what };
    }
    const f = k.fillRate?.mean;
    if (typeof f === 'number' && (!weakest || f < weakest.value)) weakest = { site, value: f, what: 'fill rate' };
  }
  const weak = weakest ? `the lowest fill rate of any site is at ${weakest.site} (${fmt(weakest.value, 'percent')})` : '';
  if (busiest && busiest.value >= BOTTLENECK_UTILISATION)
    return `Bottleneck: the ${busiest.what} at ${busiest.site}, busy ${fmt(busiest.value, 'percent')} of the time (the highest utilisation in the network)${weak ? `; ${weak}` : ''}.`;
  const calm = busiest
    ? `No resource is busier than ${fmt(BOTTLENECK_UTILISATION, 'percent')} of the time (the highest is the ${busiest.what} at ${busiest.site}, ${fmt(busiest.value, 'percent')}), so capacity is not the constraint`
    : 'The network has no capacity-limited resource';
  return weak ? `${calm}; the weakest point is inventory: ${weak}.` : `${calm}.`;
}

function runCharts(doc: RunResults, inputs: ReportInputs): ReportChart[] {
  const charts: ReportChart[] = [];
  const segments = Object.entries(doc.bySegment);
  if (segments.length > 0)
    charts.push({
      id: 'segment-service',
      title: 'Service by customer segment against its promise',
      caption:
        'Left: fill rate and OTIF per segment, with their confidence intervals. Right: mean customer lead time with its interval; the red tick is the delivery time the segment was promised.',
      spec: segmentServiceChart(
        segments.map(([segment, k]) => ({
          segment,
          fillRate: stat(k.fillRate),
          otif: stat(k.otif),
          leadTime: stat(k.customerLeadTimeMean),
          promisedDays: promisedDays(inputs.scenario, segment),
        })),
      ),
    });
  charts.push({
    id: 'cost-breakdown',
    title: 'Cost breakdown',
    caption: 'Mean cost per cost line over the measured period; the bar’s length is the total cost.',
    spec: costBreakdownChart([costBar(doc.scenario, doc.kpis)]),
  });
  const plants = doc.series['onHand.plants'];
  const dcs = doc.series['onHand.dcs'];
  if (plants || dcs)
    charts.push({
      id: 'on-hand',
      title: 'Inventory on hand over time, per echelon',
      caption: 'Mean units on hand across replications (line) and the band holding 90% of replications (5th to 95th percentile).',
      spec: timeBandChart(
        [
          ...(plants ? [{ name: 'Plants', stat: plants }] : []),
          ...(dcs ? [{ name: 'Distribution centers', stat: dcs }] : []),
        ],
        { label: 'Units on hand', kind: 'units', warmupDays: doc.warmupDays },
      ),
    });
  const cash = doc.series.cash;
  if (cash)
    charts.push({
      id: 'cash',
      title: 'Cash position over time',
      caption: 'End-of-day cash after receipts and payments: mean across replications and the band holding 90% of them.',
      spec: timeBandChart([{ name: 'Cash', stat: cash }], { label: 'Cash', kind: 'money' }),
    });
  const samples: KpiSample[] = [];
  for (const id of DISTRIBUTION_KPIS) {
    const values = inputs.replications?.[id];
    if (values && values.some((x) => Number.isFinite(x))) samples.push({ ...kpiInfo(id), values });
  }
  if (samples.length > 0)
    charts.push({
      id: 'kpi-distributions',
      title: 'KPIs across replications',
      caption: 'How much each KPI varies from one simulated year to another: one count per replication; the red line is the mean.',
      spec: kpiDistributionChart(samples),
    });
  return charts;
}

const stat = (s: KpiStat | undefined) => ({ mean: s?.mean ?? null, ciLow: s?.ciLow ?? null, ciHigh: s?.ciHigh ?? null });

function promisedDays(scenario: ScenarioContext | undefined, segment: string): number | null {
  const p = scenario?.segments?.[segment]?.promisedDays;
  return typeof p === 'number' && Number.isFinite(p) ? p : null;
}

/** One stacked bar from a set of KPIs. */
export function costBar(group: string, kpis: Record<string, KpiStat> | undefined): CostBar {
  return { group, costs: Object.fromEntries(COST_LINES.map(([key]) => [key, kpis?.[key]?.mean ?? null])) };
}

function runTables(doc: RunResults, scenario: ScenarioContext | undefined): ReportTable[] {
  const ci = `${pct(doc.confidence)} CI`;
  const tables: ReportTable[] = [];
  for (const [title, names] of KPI_TABLES) {
    const rows: string[][] = [];
    for (const id of names) {
      const s = doc.kpis[id];
      if (!s || s.n === 0) continue;
      const { label, kind } = kpiInfo(id);
      rows.push([label, fmt(s.mean, kind), fmtInterval(s, kind), fmt(s.p05, kind), fmt(s.p95, kind)]);
    }
    if (rows.length > 0) tables.push({ title, columns: ['KPI', 'mean', ci, 'p05', 'p95'], rows });
  }
  const segRows = Object.entries(doc.bySegment).map(([id, k]) => [
    id,
    fmt(k.fillRate?.mean, 'percent'),
    fmt(k.otif?.mean, 'percent'),
    fmt(k.customerLeadTimeMean?.mean, 'days'),
    fmt(promisedDays(scenario, id), 'days'),
    fmt(k.customerLeadTimeP95?.mean, 'days'),
    fmt(k.lostSalesFraction?.mean, 'percent'),
    fmt(k.demandUnits?.mean, 'units'),
  ]);
  if (segRows.length > 0)
    tables.push({
      title: 'Customer segments',
      columns: ['Segment', 'fill rate', 'OTIF', 'lead time', 'promised', 'lead time p95', 'lost sales', 'demand [units]'],
      rows: segRows,
      note: 'Means across replications.',
    });
  const siteRows = Object.entries(doc.bySite).map(([id, k]) => [
    id,
    fmt(k.fillRate?.mean, 'percent'),
    fmt(k.cycleServiceLevel?.mean, 'percent'),
    fmt(k.avgOnHand?.mean, 'units'),
    fmt(k.avgOnHandValue?.mean, 'money'),
    fmt(k.avgOnOrder?.mean, 'units'),
    fmt(k.avgBackorders?.mean, 'units'),
    fmt(k.replenishmentLeadTime?.mean, 'days'),
    fmt(k.productionUtilisation?.mean ?? k.orderProcessingUtilisation?.mean, 'percent'),
  ]);
  if (siteRows.length > 0)
    tables.push({
      title: 'Sites',
      columns: ['Site', 'fill rate', 'cycle service', 'on hand [units]', 'on hand [money]', 'pipeline [units]', 'backorders [units]', 'replenishment lead time', 'utilisation'],
      rows: siteRows,
      note: 'Means across replications. Utilisation: production lines at plants, the back office at distribution centers.',
    });
  const productRows = Object.entries(doc.byProduct ?? {}).map(([id, k]) => [
    id,
    fmt(k.avgOnHand?.mean, 'units'),
    fmt(k.avgOnHandValue?.mean, 'money'),
    fmt(k.avgOnOrder?.mean, 'units'),
    fmt(k.avgOnOrderValue?.mean, 'money'),
    fmt(k.avgBackorders?.mean, 'units'),
    fmt(k.avgBackordersValue?.mean, 'money'),
    fmt(k.unitsDelivered?.mean, 'units'),
    fmt(k.cogs?.mean, 'money'),
  ]);
  if (productRows.length > 0)
    tables.push({
      title: 'Products',
      columns: ['Product', 'on hand [units]', 'on hand [money]', 'on order [units]', 'on order [money]', 'backorders [units]', 'backorders [money]', 'shipped [units]', 'COGS [money]'],
      rows: productRows,
      note: 'Means across replications, every site together; values at standard cost. Units of different products do not add up, their values do.',
    });
  return tables;
}
