/**
 * The report of a frontier or a sweep: plans in the cost/service plane. Answers "what is
 * the cheapest plan that meets the service target, and which plans are not worth having
 * (another is cheaper and serves better)?".
 */
import type { KpiStat } from '../../experiment/results.ts';
import type { ReportChart } from '../charts/common.ts';
import { costBreakdownChart } from '../charts/costs.ts';
import { frontierChart } from '../charts/frontier.ts';
import type { PointResult, PointsResults, ReportInputs, ScenarioContext } from '../inputs.ts';
import { fmt, fmtInterval, fmtWithInterval, kpiInfo, kpiText, pct, type ReportSection, type ReportTable } from '../model.ts';
import { headlineKpis, kpiOf, levelsSentence } from './headline.ts';
import { costBar, costLines } from './run.ts';

/** A point with its two axes resolved and its dominance known. */
export interface PlottedPoint {
  point: PointResult;
  cost: KpiStat | undefined;
  service: KpiStat | undefined;
  dominated: boolean;
}

interface Axes {
  costKpi: string;
  serviceKpi: string;
  /** Service target, when the results or the scenario's optimisation problem set one. */
  target: number | undefined;
}

export function pointsSection(inputs: ReportInputs): ReportSection {
  const doc = inputs.results as PointsResults;
  const axes = pointAxes(doc, inputs.scenario);
  const plotted = withDominance(doc.points, axes.costKpi, axes.serviceKpi);
  return {
    summary: [...pointsSummary(doc, plotted, axes), ...pointsHeadline(doc, plotted, inputs.scenario)],
    charts: pointsCharts(doc, plotted, axes),
    tables: [pointsTable(doc, plotted, axes), headlineTable(plotted, inputs.scenario)],
  };
}

/** The scenario's headline KPIs at the two ends of the trade-off: the cheapest and the best-served efficient plans. */
function pointsHeadline(doc: PointsResults, plotted: PlottedPoint[], scenario: ScenarioContext | undefined): string[] {
  const level = doc.confidence ?? 0.95;
  const efficient = plotted.filter((p) => !p.dominated && mean(p.cost) !== null && mean(p.service) !== null).sort((a, b) => mean(a.cost)! - mean(b.cost)!);
  const ends = [...new Set([efficient[0], efficient[efficient.length - 1]])].filter((p): p is PlottedPoint => !!p);
  const kpis = headlineKpis(scenario);
  return ends.map((p, i) =>
    levelsSentence(`Headline KPIs of the ${i === 0 ? 'cheapest' : 'best-served'} efficient plan, ${planLabel(p.point)}: `, p.point.results, kpis, level),
  );
}

/** Every plan in the scenario's headline KPIs. */
function headlineTable(plotted: PlottedPoint[], scenario: ScenarioContext | undefined): ReportTable {
  const kpis = headlineKpis(scenario);
  return {
    title: 'Headline KPIs per plan',
    columns: ['Plan', ...kpis.map((k) => kpiText(k)), 'dominated'],
    rows: plotted.map((p) => [planLabel(p.point), ...kpis.map((k) => fmt(kpiOf(p.point.results, k)?.mean, kpiInfo(k).kind)), p.dominated ? 'yes' : 'no']),
    note: 'Means across replications.',
  };
}

/** Axes as the results name them; defaults as `scsim frontier` has them (sweeps: total cost). */
export function pointAxes(doc: PointsResults, scenario: ScenarioContext | undefined): Axes {
  // A sweep is judged on the scenario's frontier KPIs when it declares them, so the sweep and
  // the frontier of one grid reach one verdict on what is dominated.
  const costKpi = doc.costKpi ?? scenario?.frontier?.costKpi ?? (doc.kind === 'frontier' ? 'inventoryCost' : 'totalCost');
  const serviceKpi = doc.serviceKpi ?? scenario?.frontier?.serviceKpi ?? 'fillRate';
  const opt = scenario?.optimize;
  const fromScenario = opt && typeof opt.target === 'number' && (opt.serviceKpi ?? 'fillRate') === serviceKpi ? opt.target : undefined;
  const target = typeof doc.serviceTarget === 'number' ? doc.serviceTarget : fromScenario;
  return { costKpi, serviceKpi, target };
}

/**
 * A plan's name for people: the sweep's label with `variant=` dropped, so a plan reads
 * `three-dcs, targetServiceLevel=0.95` and a variant's name stands alone.
 */
export function planLabel(p: PointResult): string {
  return typeof p.parameters?.variant === 'string' ? p.label.replace(/(^|, )variant=/, '$1') : p.label;
}

/** A plan's variant (its colour) and the rest of its parameters (its label beside the point). */
function pointGroup(p: PointResult): { group?: string; text?: string } {
  const variant = p.parameters?.variant;
  if (typeof variant !== 'string') return {};
  const rest = planLabel(p).replace(/^[^,]*(, )?/, '');
  return { group: variant, text: rest === '' ? variant : rest };
}

/** A KPI of a point: the frontier's own axis stat, else from the point's KPIs (overall, site, segment). */
function pointKpi(p: PointResult, id: string, axis?: KpiStat): KpiStat | undefined {
  if (axis) return axis;
  const m = /^(site|segment)\.(.+)\.([^.]+)$/.exec(id);
  if (!m) return p.results.kpis[id];
  return (m[1] === 'site' ? p.results.bySite : p.results.bySegment)?.[m[2]!]?.[m[3]!];
}

const mean = (s: KpiStat | undefined) => (s && typeof s.mean === 'number' && Number.isFinite(s.mean) ? s.mean : null);

/**
 * Each point with its axes and whether it is dominated: as the results say, or, when they
 * do not say (a sweep), computed on the means — dominated when another point costs no more
 * and serves no worse, and is strictly better on one of the two.
 */
export function withDominance(points: PointResult[], costKpi: string, serviceKpi: string): PlottedPoint[] {
  const plotted = points.map((point) => ({
    point,
    cost: pointKpi(point, costKpi, point.cost),
    service: pointKpi(point, serviceKpi, point.service),
    dominated: false,
  }));
  for (const p of plotted) {
    const c = mean(p.cost);
    const s = mean(p.service);
    if (p.point.dominated !== undefined) p.dominated = p.point.dominated;
    else if (c !== null && s !== null)
      p.dominated = plotted.some((q) => {
        const qc = mean(q.cost);
        const qs = mean(q.service);
        return q !== p && qc !== null && qs !== null && qc <= c && qs >= s && (qc < c || qs > s);
      });
  }
  return plotted;
}

export function pointsSummary(doc: PointsResults, plotted: PlottedPoint[], axes: Axes): string[] {
  const level = doc.confidence ?? 0.95;
  const cost = kpiInfo(axes.costKpi);
  const service = kpiInfo(axes.serviceKpi);
  const costWords = kpiText(axes.costKpi);
  const serviceWords = kpiText(axes.serviceKpi);
  const valid = plotted.filter((p) => mean(p.cost) !== null && mean(p.service) !== null);
  if (valid.length === 0) return [`None of the ${plotted.length} plans has both a ${costWords} and a ${serviceWords}.`];
  const describe = (p: PlottedPoint) =>
    `${planLabel(p.point)} — ${costWords} ${fmtWithInterval(p.cost, cost.kind, level)}, ${serviceWords} ${fmtWithInterval(p.service, service.kind, level)}`;
  const byCost = [...valid].sort((a, b) => mean(a.cost)! - mean(b.cost)!);
  const out: string[] = [];
  const target = axes.target;
  if (target !== undefined && Number.isFinite(target)) {
    const meeting = byCost.find((p) => mean(p.service)! >= target);
    if (meeting) {
      const low = meeting.service?.ciLow;
      const sure = typeof low === 'number' && low >= target ? 'even at the low end of its interval' : `on average only (the low end of its ${pct(level)} interval falls short)`;
      out.push(`Cheapest plan meeting the ${serviceWords} target of ${fmt(target, service.kind)}: ${describe(meeting)}. It meets the target ${sure}.`);
    } else {
      const best = [...valid].sort((a, b) => mean(b.service)! - mean(a.service)!)[0]!;
      out.push(`No plan meets the ${serviceWords} target of ${fmt(target, service.kind)}; the best reaches ${fmt(mean(best.service), service.kind)} (${planLabel(best.point)}).`);
    }
  } else {
    out.push(`Cheapest plan: ${describe(byCost[0]!)}.`);
    const best = [...valid].sort((a, b) => mean(b.service)! - mean(a.service)! || mean(a.cost)! - mean(b.cost)!)[0]!;
    if (best !== byCost[0]) out.push(`Best service: ${describe(best)}.`);
  }
  const dominated = valid.filter((p) => p.dominated);
  if (dominated.length === 0) out.push(`None of the ${valid.length} plans is dominated: each step up in ${serviceWords} costs more.`);
  else {
    const names = dominated.map((p) => (p.point.confidentlyDominated ? `${planLabel(p.point)} (confidently)` : planLabel(p.point)));
    out.push(
      `${dominated.length} of ${valid.length} plans ${dominated.length === 1 ? 'is' : 'are'} dominated on ${costWords} against ${serviceWords} — another plan costs no more and serves at least as well — so not worth choosing: ${names.join('; ')}.`,
    );
  }
  return out;
}

function pointsCharts(doc: PointsResults, plotted: PlottedPoint[], axes: Axes): ReportChart[] {
  const cost = kpiInfo(axes.costKpi);
  const service = kpiInfo(axes.serviceKpi);
  const interval = (s: KpiStat | undefined) => ({ mean: s?.mean ?? null, ciLow: s?.ciLow ?? null, ciHigh: s?.ciHigh ?? null });
  const charts: ReportChart[] = [
    {
      id: 'frontier',
      title: `${cost.label} against ${kpiText(axes.serviceKpi)}`,
      caption:
        `One point per plan (${kpiText(axes.costKpi)} against ${kpiText(axes.serviceKpi)}), with ${pct(doc.confidence ?? 0.95)} confidence intervals on both axes. ` +
        'The line joins the Pareto-efficient plans: no other plan is both cheaper and better served. Grey squares are dominated plans.' +
        (axes.target !== undefined ? ' The dashed red line is the service target.' : ''),
      spec: frontierChart(
        plotted.map((p) => ({ label: planLabel(p.point), ...pointGroup(p.point), cost: interval(p.cost), service: interval(p.service), dominated: p.dominated })),
        { costLabel: cost.label, costKind: cost.kind, serviceLabel: service.label, serviceKind: service.kind, ...(axes.target !== undefined ? { serviceTarget: axes.target } : {}) },
      ),
    },
  ];
  if (plotted.some((p) => p.point.results.kpis.holdingCost))
    charts.push({
      id: 'cost-breakdown',
      title: 'Cost breakdown per plan',
      caption: 'Mean cost per cost line over the measured period, for each plan.',
      spec: costBreakdownChart(
        plotted.map((p) => costBar(planLabel(p.point), p.point.results.kpis)),
        costLines(plotted[0]?.point.results.kpis),
      ),
    });
  return charts;
}

function pointsTable(doc: PointsResults, plotted: PlottedPoint[], axes: Axes): ReportTable {
  const cost = kpiInfo(axes.costKpi);
  const service = kpiInfo(axes.serviceKpi);
  const ci = `${pct(doc.confidence ?? 0.95)} CI`;
  return {
    title: doc.kind === 'frontier' ? 'Frontier points' : 'Sweep points',
    columns: ['Plan', 'parameters', kpiText(axes.costKpi), ci, kpiText(axes.serviceKpi), ci, 'operating profit', 'dominated'],
    rows: plotted.map((p) => [
      planLabel(p.point),
      Object.entries(p.point.parameters)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join('; '),
      fmt(mean(p.cost), cost.kind),
      fmtInterval(p.cost, cost.kind),
      fmt(mean(p.service), service.kind),
      fmtInterval(p.service, service.kind),
      fmt(p.point.results.kpis.operatingProfit?.mean, 'money'),
      p.dominated ? (p.point.dominatedBy?.length ? `by ${p.point.dominatedBy.map((l) => planLabel(plotted.find((q) => q.point.label === l)?.point ?? { label: l, parameters: {}, results: { kpis: {} } })).join('; ')}` : 'yes') : 'no',
    ]),
    note: 'Dominated: another plan costs no more and serves no worse, and is strictly better on one of the two (on the means).',
  };
}
