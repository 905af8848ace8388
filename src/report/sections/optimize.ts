/**
 * The report of an optimisation: the cheapest plan found that meets the service target, how
 * sure the constraint is met, and every plan the search evaluated in the cost/service plane —
 * so a reader sees the chosen plan among its neighbours, not a lone number.
 */
import type { KpiStat } from '../../experiment/results.ts';
import type { ReportChart } from '../charts/common.ts';
import { costBreakdownChart } from '../charts/costs.ts';
import { frontierChart } from '../charts/frontier.ts';
import type { OptimizeResults, ReportInputs } from '../inputs.ts';
import { fmt, fmtInterval, fmtWithInterval, kpiInfo, kpiText, pct, type ReportSection, type ReportTable } from '../model.ts';
import { headlineKpis, levelsSentence } from './headline.ts';
import { costBar, costLines } from './run.ts';

const params = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

export function optimizeSection(inputs: ReportInputs): ReportSection {
  const doc = inputs.results as OptimizeResults;
  const level = doc.confidence ?? 0.95;
  const cost = kpiInfo(doc.problem.costKpi);
  const service = kpiInfo(doc.problem.serviceKpi);
  const tight = [...doc.chosen.service].sort((a, b) => (a.mean ?? 0) - a.target - ((b.mean ?? 0) - b.target))[0];
  const summary: string[] = [levelsSentence(`Headline KPIs of the chosen plan (${params(doc.chosen.parameters)}): `, doc.chosen.results, headlineKpis(inputs.scenario), level)];
  const scope = doc.problem.per === 'segment' ? `in every segment` : 'overall';
  const goal = doc.problem.target === null ? 'its constraints' : `the ${kpiText(doc.problem.serviceKpi)} target of ${fmt(doc.problem.target, service.kind)} ${scope}`;
  if (doc.status === 'infeasible')
    summary.push(
      `No plan within the levers' ranges meets ${goal}; ` +
        `the top of every range reaches ${tight ? fmt(tight.mean, service.kind) : 'n/a'}${tight && tight.kpi !== doc.problem.serviceKpi ? ` (${kpiText(tight.kpi)})` : ''}.`,
    );
  else {
    const sure = tight && typeof tight.ciLow === 'number' && tight.ciLow >= tight.target ? 'even at the low end of its interval' : `on average only (the low end of its ${pct(level)} interval falls short)`;
    summary.push(
      `Cheapest plan meeting ${goal}: ${params(doc.chosen.parameters)} — ` +
        `${kpiText(doc.problem.costKpi)} ${fmtWithInterval(doc.chosen.cost, cost.kind, level)}` +
        (tight ? `; its tightest constraint, ${kpiText(tight.kpi)}, is ${fmtWithInterval(tight, service.kind, level)}, met ${sure}.` : '.'),
    );
  }
  summary.push(
    `The search evaluated ${doc.evaluations} plans on common random numbers (${doc.replications ?? '?'} replications each)` +
      (doc.status === 'budget'
        ? ' and stopped when its evaluation budget ran out: a cheaper plan may exist.'
        : doc.search?.method === 'grid'
          ? '; it evaluated every point of the lever grid.'
          : doc.search?.method === 'pattern'
            ? '; a pattern search ended where no neighbouring plan was cheaper (a local optimum).'
            : '; no lever could go lower and no exchange was cheaper.'),
  );
  const v = doc.search?.violation;
  if (v)
    summary.push(
      `Service is not monotone in the levers here: ${kpiText(v.kpi)} fell from ${fmt(v.atLower, kpiInfo(v.kpi).kind)} at ${v.lever} = ${v.lower} to ${fmt(v.atHigher, kpiInfo(v.kpi).kind)} at ${v.higher}, so bisection was abandoned for a ${doc.search!.method} search.`,
    );
  return { summary, charts: charts(doc), tables: tables(doc, level) };
}

function charts(doc: OptimizeResults): ReportChart[] {
  const cost = kpiInfo(doc.problem.costKpi);
  const service = kpiInfo(doc.problem.serviceKpi);
  const points = doc.trace.filter((e) => e.tightest && typeof e.tightest.mean === 'number');
  const out: ReportChart[] = [];
  if (points.length > 0)
    out.push({
      id: 'evaluations',
      title: `Plans evaluated: ${cost.label.toLowerCase()} against ${kpiText(doc.problem.serviceKpi)}`,
      caption:
        'One point per evaluated plan: its cost and its tightest service constraint (the segment closest to missing the target), with confidence intervals. ' +
        'Grey squares miss the target; the dashed red line is the target.',
      spec: frontierChart(
        points.map((e) => ({ label: params(e.parameters), cost: e.cost, service: { mean: e.tightest!.mean, ciLow: e.tightest!.ciLow, ciHigh: e.tightest!.ciHigh }, dominated: !e.feasible })),
        { costLabel: cost.label, costKind: cost.kind, serviceLabel: service.label, serviceKind: service.kind, serviceTarget: doc.problem.target ?? undefined },
      ),
    });
  out.push({
    id: 'cost-breakdown',
    title: 'Cost breakdown of the chosen plan',
    caption: 'Mean cost per cost line over the measured period; the bar ends at the total cost.',
    spec: costBreakdownChart([costBar(params(doc.chosen.parameters), doc.chosen.results.kpis)], costLines(doc.chosen.results.kpis)),
  });
  return out;
}

function tables(doc: OptimizeResults, level: number): ReportTable[] {
  const ci = `${pct(level)} CI`;
  const service = kpiInfo(doc.problem.serviceKpi);
  const cost = kpiInfo(doc.problem.costKpi);
  return [
    {
      title: 'Levers',
      columns: ['Lever', 'range', 'values tried from', 'chosen'],
      rows: doc.problem.levers.map((l) => [l.path, `${l.min} … ${l.max}`, String(l.values), String(doc.chosen.parameters[l.path] ?? 'n/a')]),
    },
    {
      title: 'Service constraints of the chosen plan',
      columns: ['KPI', 'mean', ci, 'target', 'met'],
      rows: doc.chosen.service.map((c) => {
        const kind = kpiInfo(c.kpi).kind;
        const op = (c as { op?: string }).op === '<=' ? '≤ ' : '';
        return [kpiText(c.kpi), fmt(c.mean, kind), fmtInterval(c, kind), `${op}${fmt(c.target, kind)}`, c.met ? 'yes' : 'no'];
      }),
    },
    {
      title: 'Plans evaluated',
      columns: ['Plan', kpiText(doc.problem.costKpi), ci, 'tightest service', 'meets target'],
      rows: doc.trace.map((e) => [params(e.parameters), fmt(e.cost.mean, cost.kind), fmtInterval(e.cost, cost.kind), e.tightest ? fmt(e.tightest.mean, service.kind) : 'n/a', e.feasible ? 'yes' : 'no']),
      note: 'In the order the search evaluated them.',
    },
  ];
}
