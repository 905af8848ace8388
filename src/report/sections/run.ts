/**
 * The report of one run: the headline service, cost and profit with their intervals, where
 * the bottleneck sits, the charts of one scenario, and its KPI tables.
 */
import type { KpiStat } from '../../experiment/results.ts';
import { timeBandChart, type TimeWindow } from '../charts/band.ts';
import type { ReportChart } from '../charts/common.ts';
import { costBreakdownChart, type CostBar } from '../charts/costs.ts';
import { kpiDistributionChart, type KpiSample } from '../charts/distribution.ts';
import { kpiBarsChart } from '../charts/kpi-bars.ts';
import { segmentServiceChart } from '../charts/segments.ts';
import type { ReportInputs, RunResults, ScenarioContext } from '../inputs.ts';
import { clipped, costLineIds, fmt, fmtInterval, fmtWithInterval, kpiInfo, pct, type ReportSection, type ReportTable } from '../model.ts';
import { bottleneckSentence } from './bottleneck.ts';
import { FAMILIES, has, present, tableFamilies } from './families.ts';
import { headlineKpis, levelsSentence } from './headline.ts';
import { sourcingSentence, sourcingTable } from './sourcing.ts';
import { orderLinesSentence, orderLinesTable } from './order-lines.ts';

/** KPIs whose spread across replications is charted (besides the scenario's headline KPIs). */
const DISTRIBUTION_KPIS = ['fillRate', 'otif', 'totalCost', 'operatingProfit'];

export { BOTTLENECK_UTILISATION, bottleneckSentence } from './bottleneck.ts';

export function runSection(inputs: ReportInputs): ReportSection {
  const doc = inputs.results as RunResults;
  return {
    summary: runSummary(doc, inputs.scenario),
    charts: runCharts(doc, inputs),
    tables: runTables(doc, inputs.scenario),
  };
}

/** The answer to the scenario's question, then "what service and cost, where is the bottleneck, what risk?". */
export function runSummary(doc: RunResults, scenario?: ScenarioContext): string[] {
  const k = doc.kpis;
  const level = doc.confidence;
  const days = doc.horizonDays - doc.warmupDays;
  const out: string[] = [];
  out.push(levelsSentence(`In the scenario's headline KPIs (means with ${pct(level)} confidence intervals): `, doc, headlineKpis(scenario), level));
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
      // The 95th percentile of the replications' total cost (interpolated): with few replications
      // it is not "1 in 20 exceeded it", so say what it is.
      (typeof doc.costAtRisk === 'number' ? `; cost at risk (the 95th percentile of total cost across the ${doc.replications} replications) ${fmt(doc.costAtRisk, 'money')}.` : '.'),
  );
  out.push(bottleneckSentence(doc));
  const risk = riskSentence(doc);
  if (risk) out.push(risk);
  const fresh = freshnessSentence(doc);
  if (fresh) out.push(fresh);
  const sourcing = sourcingSentence(doc);
  if (sourcing) out.push(sourcing);
  const lines = orderLinesSentence(doc);
  if (lines) out.push(lines);
  return out;
}

/** Disruptions in one sentence: service before, during and after, recovery, revenue lost. */
function riskSentence(doc: RunResults): string | null {
  const k = doc.kpis;
  const level = doc.confidence;
  if (!(has(k.disruptionEvents) && k.disruptionEvents.mean! > 0)) return null;
  const events = k.disruptionEvents.mean!;
  const parts = [
    `Disruptions and surges: ${Number.isInteger(events) ? events : events.toFixed(1)} event${events === 1 ? '' : 's'} per replication on average, ${fmt(k.disruptionDays?.mean, 'days')} under disruption`,
  ];
  if (has(k.fillRateBeforeDisruption)) parts.push(`fill rate ${fmt(k.fillRateBeforeDisruption.mean, 'percent')} before the first event`);
  if (has(k.fillRateDuringDisruption)) parts.push(`${fmtWithInterval(k.fillRateDuringDisruption, 'percent', level)} during the events`);
  if (has(k.fillRateAfterDisruption)) parts.push(`${fmtWithInterval(k.fillRateAfterDisruption, 'percent', level)} in the weeks after the first`);
  if (has(k.timeToRecover)) parts.push(`service took ${fmt(k.timeToRecover.mean, 'days')} on average to return to its band`);
  if (has(k.lostRevenue) && k.lostRevenue.mean! > 0) parts.push(`revenue lost to stock-outs ${fmtWithInterval(clipped('lostRevenue', k.lostRevenue), 'money', level)}`);
  return `${parts.join('; ')}.`;
}

/** Perishables in one sentence: how much expires and how old stock is when it is delivered. */
function freshnessSentence(doc: RunResults): string | null {
  const k = doc.kpis;
  if (!has(k.wasteUnits)) return null;
  const level = doc.confidence;
  return (
    `Freshness: ${fmtWithInterval(k.wasteFraction, 'percent', level)} of supply expired (${fmt(k.wasteUnits.mean, 'units')} units worth ${fmt(k.wasteValue?.mean, 'money')})` +
    (has(k.avgAgeAtDelivery) ? `; stock is ${fmt(k.avgAgeAtDelivery.mean, 'days')} old on average when delivered` : '') +
    '.'
  );
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
    caption: 'Mean cost per cost line over the measured period; the bar ends at the total cost.',
    spec: costBreakdownChart([costBar(doc.scenario, doc.kpis)], costLines(doc.kpis)),
  });
  for (const family of FAMILIES) {
    const ids = present(doc.kpis, family);
    if (ids.length === 0) continue;
    charts.push({
      id: family.id,
      title: family.title,
      caption: family.caption,
      spec: kpiBarsChart(ids.map((id) => ({ label: kpiInfo(id).label, kind: kpiInfo(id).kind, mean: doc.kpis[id]!.mean, ciLow: clipped(id, doc.kpis[id])!.ciLow, ciHigh: clipped(id, doc.kpis[id])!.ciHigh }))),
    });
  }
  const service = serviceOverTime(doc, inputs.scenario);
  if (service) charts.push(service);
  const aligned = doc.series['fillRate.fromDisruption'];
  if (aligned && aligned.mean.some((x) => typeof x === 'number'))
    charts.push({
      id: 'service-around-disruption',
      title: 'Fill rate around a disruption',
      caption:
        'Fill rate week by week, counted from the start of each replication’s first disruption (day 0, shaded: the first week): the mean over those events and the band holding 90% of them. ' +
        'Random disruptions strike on a different day in each replication; aligned on their start, their typical effect and recovery show.',
      spec: timeBandChart([{ name: 'Fill rate', stat: aligned, kind: 'percent', label: 'Fill rate of the week' }], {
        label: 'Fill rate of the week',
        kind: 'percent',
        timeTitle: 'Days from the disruption’s start',
        windows: [{ start: 0, end: 7, label: 'disruption starts' }],
      }),
    });
  // An echelon the network does not have (no plants) holds nothing all along: no panel for it.
  const holds = (name: string) => {
    const st = doc.series[name];
    return st && st.p95.some((x) => typeof x === 'number' && x > 0) ? st : undefined;
  };
  const plants = holds('onHand.plants');
  const dcs = holds('onHand.dcs');
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
  for (const id of [...new Set([...headlineKpis(inputs.scenario).filter((k) => !k.includes('.')), ...DISTRIBUTION_KPIS])]) {
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

/** Scheduled disruptions and surges of the scenario, as windows to shade [days]. */
export function disruptionWindows(scenario: ScenarioContext | undefined): TimeWindow[] {
  return (scenario?.disruptions ?? []).flatMap((d) =>
    typeof d.at === 'number' && typeof d.days === 'number' ? [{ start: d.at, end: d.at + d.days, label: d.name ?? d.type ?? 'disruption' }] : [],
  );
}

/**
 * Week by week: fill rate and OTIF, the orders waiting at order desks and the units on
 * backorder — where a surge or an outage shows as a dip and a queue, which a yearly mean hides.
 */
function serviceOverTime(doc: RunResults, scenario: ScenarioContext | undefined): ReportChart | null {
  const some = (name: string, test: (x: number) => boolean) => {
    const st = doc.series[name];
    return st && st.mean.some((x) => typeof x === 'number' && test(x)) ? st : undefined;
  };
  const panels = [
    { name: 'Fill rate, week by week', stat: some('fillRate.week', () => true), label: 'Fill rate', kind: 'percent' as const, unit: undefined },
    { name: 'OTIF of the orders delivered each week', stat: some('otif.week', () => true), label: 'OTIF', kind: 'percent' as const, unit: undefined },
    { name: 'Orders waiting at order desks', stat: some('orderQueue', (x) => x > 0), label: 'Orders waiting', kind: 'units' as const, unit: 'orders' },
    { name: 'Units on customer backorder', stat: some('backorders', (x) => x > 0), label: 'Backorders', kind: 'units' as const, unit: 'units' },
  ].filter((p): p is typeof p & { stat: NonNullable<typeof p.stat> } => !!p.stat);
  if (panels.length === 0) return null;
  const windows = disruptionWindows(scenario);
  const random = (scenario?.disruptions ?? []).some((d) => d.random !== undefined);
  return {
    id: 'service-over-time',
    title: 'Service and backlog over time',
    caption:
      'Sampled every week: the mean across replications (line) and the band holding 90% of them.' +
      (windows.length > 0 ? ' Shaded: the scheduled disruptions and demand surges.' : '') +
      (random ? ' Random disruptions strike at different times in each replication, so they are not shaded; their effect shows in the risk chart.' : ''),
    spec: timeBandChart(panels, { label: 'Value', kind: 'units', warmupDays: doc.warmupDays, windows }),
  };
}

const stat = (s: KpiStat | undefined) => ({ mean: s?.mean ?? null, ciLow: s?.ciLow ?? null, ciHigh: s?.ciHigh ?? null });

function promisedDays(scenario: ScenarioContext | undefined, segment: string): number | null {
  const p = scenario?.segments?.[segment]?.promisedDays;
  return typeof p === 'number' && Number.isFinite(p) ? p : null;
}

/** One stacked bar from a set of KPIs: every cost line they carry, and their total cost. */
export function costBar(group: string, kpis: Record<string, KpiStat> | undefined): CostBar {
  const k = kpis ?? {};
  return { group, costs: Object.fromEntries(costLineIds(Object.keys(k)).map((key) => [key, k[key]?.mean ?? null])), total: k.totalCost?.mean ?? null };
}

/**
 * Cost lines that are two views of the same money: goods valued as bought and made (purchases,
 * production) or as sold (COGS, with the variance against standard cost). Total cost holds one
 * view or the other, never both.
 */
const ALTERNATIVE_VIEWS = [
  ['cogs', 'costVariance'],
  ['purchaseCost', 'productionCost'],
];

/**
 * [id, label] of the cost lines to stack (each plan of a comparison has the same): the cost
 * KPIs the results carry, less the view of goods' cost that total cost does not hold — the
 * set whose sum is the total cost.
 */
export function costLines(kpis: Record<string, KpiStat> | undefined): Array<[string, string]> {
  const k = kpis ?? {};
  const all = costLineIds(Object.keys(k));
  const total = k.totalCost?.mean;
  const sum = (ids: string[]) => ids.reduce((a, id) => a + (k[id]?.mean ?? 0), 0);
  const matches = (ids: string[]) => typeof total === 'number' && Math.abs(sum(ids) - total) <= 1e-6 * Math.max(1, Math.abs(total));
  const candidates = [all, ...ALTERNATIVE_VIEWS.map((view) => all.filter((id) => !view.includes(id)))];
  // When no set adds up (a cost line this list does not know), the bar is completed by "other costs".
  const ids = candidates.find(matches) ?? candidates[1]!;
  return ids.map((id) => [id, kpiInfo(id).label.replace(/ cost$/i, '')]);
}

function runTables(doc: RunResults, scenario: ScenarioContext | undefined): ReportTable[] {
  const ci = `${pct(doc.confidence)} CI`;
  const tables: ReportTable[] = [];
  for (const [title, names, family] of tableFamilies(doc.kpis)) {
    const rows: string[][] = [];
    const shown = family ? present(doc.kpis, family) : names;
    for (const id of names) {
      if (!shown.includes(id) && !(id === 'disruptionEvents' && shown.length > 0)) continue;
      const s = clipped(id, doc.kpis[id]);
      if (!s || s.n === 0) continue;
      const { label, kind } = kpiInfo(id);
      rows.push([label, fmt(s.mean, kind), fmtInterval(s, kind), fmt(s.p05, kind), fmt(s.p95, kind)]);
    }
    if (title === 'Risk: disruptions and recovery' && typeof doc.costAtRisk === 'number') rows.push(['Cost at risk (p95 of total cost)', fmt(doc.costAtRisk, 'money'), '', '', '']);
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
  const lines = orderLinesTable(doc);
  if (lines) tables.push(lines);
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
  const sourcing = sourcingTable(doc);
  if (sourcing) tables.push(sourcing);
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
