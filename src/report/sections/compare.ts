/**
 * The report of a comparison: which option wins, by how much and how sure we are. Options
 * are ranked as the comparison ranked them (by mean NPV, investment included); the evidence
 * is paired, on common random numbers: the NPV and profit differences with their intervals,
 * the share of replications in which the option beat the base, and whether the winner's
 * lead over the runner-up is established.
 */
import { demandChanges } from '../../scenario/warnings.ts';
import type { ReportChart } from '../charts/common.ts';
import { costBreakdownChart } from '../charts/costs.ts';
import { optionsChart } from '../charts/compare.ts';
import { differencesChart } from '../charts/differences.ts';
import type { CompareOption, CompareResults, DifferenceStat, ReportInputs, ScenarioContext } from '../inputs.ts';
import { fmt, fmtDiff, fmtInterval, fmtWithInterval, kpiInfo, pct, type ReportSection, type ReportTable } from '../model.ts';
import { changeText, compareHeadline, headlineKpis, kpiOf } from './headline.ts';
import { reserveNotes } from './reserve-notes.ts';
import { costBar, costLines } from './run.ts';

export function compareSection(inputs: ReportInputs): ReportSection {
  const doc = inputs.results as CompareResults;
  const ranked = rankOptions(doc.options);
  return {
    summary: compareSummary(doc, ranked, inputs.scenario),
    charts: compareCharts(doc, ranked, inputs.scenario),
    tables: [optionsTable(doc, ranked), ...headlineTable(doc, ranked, inputs.scenario)],
  };
}

/** The value an option is ranked by: NPV when priced, else the profit difference. */
const merit = (o: CompareOption): DifferenceStat | undefined => (o.npv && o.npv.mean !== null ? o.npv : o.differences.operatingProfit);

/** Options best first: by `rank` when every option has one, else by mean NPV (or profit difference). */
export function rankOptions(options: CompareOption[]): CompareOption[] {
  const score = (o: CompareOption) => {
    const m = merit(o)?.mean;
    return typeof m === 'number' && Number.isFinite(m) ? m : -Number.MAX_VALUE;
  };
  const ranked = options.every((o) => typeof o.rank === 'number');
  return [...options].sort((a, b) => (ranked ? a.rank! - b.rank! : score(b) - score(a)));
}

const clearOfZero = (d: DifferenceStat | undefined) => !!d && d.ciLow !== null && d.ciHigh !== null && (d.ciLow > 0 || d.ciHigh < 0);

/**
 * Replications needed for a paired difference's interval to exclude zero if its mean stayed
 * where it is: the half-width shrinks as 1/√n, so n × (half-width / |mean|)². Null when the
 * mean is zero or the interval is unknown.
 */
export function replicationsToSeparate(d: DifferenceStat | undefined): number | null {
  if (!d || typeof d.mean !== 'number' || d.mean === 0 || d.ciLow === null || d.ciHigh === null || typeof d.n !== 'number') return null;
  const half = (d.ciHigh - d.ciLow) / 2;
  return Math.max(d.n + 1, Math.ceil(d.n * (half / Math.abs(d.mean)) ** 2));
}

/** Option → the `set` paths by which it assumes a change in demand (from the scenario's options and variants). */
export function assumedDemandChanges(scenario: ScenarioContext | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string | undefined, set: Record<string, unknown> | undefined) => {
    // The comparison's own rule (src/scenario/warnings.ts), so report and compare agree.
    const paths = demandChanges(set ?? {});
    if (name && paths.length > 0) out.set(name, paths);
  };
  for (const o of scenario?.options ?? []) add(o.name, o.set);
  for (const [name, v] of Object.entries(scenario?.variants ?? {})) add(name, v.set);
  return out;
}

const share = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? fmt(x, 'percent') : 'n/a');

export function compareSummary(doc: CompareResults, ranked: CompareOption[], scenario?: ScenarioContext): string[] {
  const level = doc.confidence ?? 0.95;
  const best = ranked[0];
  if (!best) return [`No options were compared with ${doc.base}.`];
  const out: string[] = [...compareHeadline(ranked, doc.base, doc.baseResults, headlineKpis(scenario), level)];
  const priced = !!best.npv && best.npv.mean !== null;
  const horizon = doc.investment ? ` over ${doc.investment.years} years at ${fmt(doc.investment.discountRatePerYear, 'percent')} a year` : '';
  const m = merit(best);
  const what = priced ? `net present value against ${doc.base}${horizon}, investment and running costs included,` : `operating profit against ${doc.base}`;
  const risk =
    typeof best.shareLoss === 'number' && Number.isFinite(best.shareLoss)
      ? `; it loses money in ${share(best.shareLoss)} of the replications (P(loss))`
      : typeof best.shareBeatsBase === 'number'
        ? `; it comes out ahead of ${doc.base} in ${share(best.shareBeatsBase)} of the replications`
        : '';
  const value = fmtWithInterval(m, 'money', level, true);
  if (m && typeof m.mean === 'number' && m.mean > 0)
    out.push(
      clearOfZero(m)
        ? `Verdict: ${best.name} pays — ${what} ${value}${risk}.`
        : `Verdict: ${best.name} has the highest ${priced ? 'NPV' : 'operating-profit gain'}, ${value}, but its interval includes zero: these replications do not show that it beats ${doc.base}${risk}.`,
    );
  else
    out.push(
      clearOfZero(m)
        ? `Verdict: no option pays — even the best, ${best.name}, loses: ${what} ${value}${risk}.`
        : `Verdict: no option is shown to pay — the best, ${best.name}, has ${what} ${value}, an interval that includes zero${risk}.`,
    );
  const p = best.differences.operatingProfit;
  if (priced && p)
    out.push(
      `In operation ${best.name} changes operating profit by ${fmtWithInterval(p, 'money', level, true)} over each measured period` +
        (doc.investment?.windowDays ? ` of ${doc.investment.windowDays} days (${(doc.investment.windowDays / 365).toFixed(2)} years)` : '') +
        (best.differences.fillRate ? `, fill rate by ${fmtDiff(best.differences.fillRate.mean, 'percent')}` : '') +
        (best.differences.otif ? ` and OTIF by ${fmtDiff(best.differences.otif.mean, 'percent')}` : '') +
        '.',
    );
  const runnerUp = ranked[1];
  if (runnerUp && best.vsNext && best.vsNext.name === runnerUp.name) {
    const v = best.vsNext;
    if (clearOfZero(v)) out.push(`${best.name} is ahead of the runner-up, ${runnerUp.name}: paired NPV difference ${fmtWithInterval(v, 'money', level, true)}.`);
    else {
      const need = replicationsToSeparate(v);
      out.push(
        `${best.name} and the runner-up, ${runnerUp.name}, are not separated: paired NPV difference ${fmtWithInterval(v, 'money', level, true)}` +
          (need !== null ? `; about ${need.toLocaleString('en-US')} replications would be needed to separate them if the difference stayed at its mean (${doc.replications ?? v.n ?? '?'} were run).` : '.'),
      );
    }
  } else if (runnerUp) out.push(`Runner-up: ${runnerUp.name}, ${priced ? 'NPV' : 'operating profit'} ${fmtWithInterval(merit(runnerUp), 'money', level, true)}.`);
  const fam = doc.families as { scm: string; crm: string; npvDifference: DifferenceStat } | undefined;
  if (fam) {
    const d = fam.npvDifference;
    const lead = typeof d.mean === 'number' && d.mean >= 0 ? `SCM (${fam.scm})` : `CRM (${fam.crm})`;
    out.push(
      `SCM against CRM: the best SCM option is ${fam.scm}, the best CRM option ${fam.crm}; paired NPV difference SCM − CRM ${fmtWithInterval(d, 'money', level, true)}` +
        (clearOfZero(d) ? ` — ${lead} wins.` : ` — not separated by these replications${replicationsToSeparate(d) !== null ? ` (about ${replicationsToSeparate(d)!.toLocaleString('en-US')} would be needed)` : ''}.`),
    );
  }
  out.push(...reserveNotes(ranked, doc.base));
  const assumed = assumedDemandChanges(scenario);
  for (const o of ranked)
    if (assumed.has(o.name)) {
      const paths = `${assumed.get(o.name)!.slice(0, 2).join(', ')}${assumed.get(o.name)!.length > 2 ? ', …' : ''}`;
      const value = o.differences?.operatingProfit?.mean ?? o.npv?.mean; // the assumed demand acts on operation
      // A what-if that loses is not a "gain": say what the assumption means for either sign.
      out.push(
        typeof value === 'number' && value < 0
          ? `Caution: the result of ${o.name} rests on an assumed change in demand (${paths}), not only on a measured effect: it holds only as far as that demand does.`
          : `Caution: the gain of ${o.name} rests on an assumed change in demand (${paths}), not on a measured effect: check that assumption before investing.`,
      );
    }
    // Without the scenario at hand, the comparison's own finding (src/scenario/warnings.ts).
    else if (o.assumption) out.push(`Assumption: ${o.name} ${o.assumption}.`);
  return out;
}

function compareCharts(doc: CompareResults, ranked: CompareOption[], scenario: ScenarioContext | undefined): ReportChart[] {
  const level = pct(doc.confidence ?? 0.95);
  const kpis = headlineKpis(scenario);
  const charts: ReportChart[] = [
    {
      id: 'headline-changes',
      title: 'Headline KPIs: each option against the base',
      caption:
        `Each option minus ${doc.base} in the scenario's headline KPIs, paired replication by replication, with ${level} confidence intervals; ` +
        'money and quantities as a share of the base, rates in percentage points, times in days (hours under a day). An interval that crosses the dashed zero line is not an established change.',
      spec: differencesChart(
        kpis.map((id) => ({
          label: kpiInfo(id).label,
          kind: kpiInfo(id).kind,
          baseMean: kpiOf(doc.baseResults, id)?.mean ?? null,
          changes: ranked.map((o) => {
            const d = o.differences[id];
            const b = kpiOf(doc.baseResults, id)?.mean;
            const x = kpiOf(o.results, id)?.mean;
            const unpaired = typeof b === 'number' && typeof x === 'number' ? x - b : null;
            return { option: o.name, kind: o.kind, mean: d?.mean ?? unpaired, ciLow: d?.ciLow ?? null, ciHigh: d?.ciHigh ?? null };
          }),
        })),
      ),
    },
    {
      id: 'options-compared',
      title: 'Options compared with the base',
      caption:
        `Each option minus ${doc.base}, paired replication by replication (the same random futures), with ${level} confidence intervals; right of the dashed zero line is better. ` +
        'Profit is over the measured period, before investment; NPV includes the investment and running costs, and its light band holds 90% of the replications (5th to 95th percentile). Bars: share of replications in which the option beat the base.',
      spec: optionsChart(
        ranked.map((o) => ({
          option: o.name,
          kind: o.kind,
          diff: o.differences.operatingProfit ?? { mean: null, ciLow: null, ciHigh: null },
          ...(o.npv ? { npv: o.npv } : {}),
          ...(o.npvQuantiles ? { npvSpread: o.npvQuantiles } : {}),
          shareBetter: o.shareBeatsBase ?? null,
        })),
        ranked.some((o) => o.npv) ? { shareTitle: 'Replications with NPV > 0' } : {},
      ),
    },
  ];
  if (doc.baseResults && ranked.some((o) => o.results))
    charts.push({
      id: 'cost-breakdown',
      title: 'Cost breakdown per option',
      caption: 'Mean cost per cost line over the measured period, for the base and each option (investment costs not included); each bar ends at the total cost. The differences are in the headline chart above.',
      spec: costBreakdownChart(
        [costBar(doc.base, doc.baseResults.kpis), ...ranked.filter((o) => o.results).map((o) => costBar(o.name, o.results!.kpis))],
        costLines(doc.baseResults.kpis),
      ),
    });
  return charts;
}

function optionsTable(doc: CompareResults, ranked: CompareOption[]): ReportTable {
  const ci = `${pct(doc.confidence ?? 0.95)} CI`;
  return {
    title: 'Options',
    columns: ['Option', 'rank', 'family', 'one-off cost', 'running cost / year', 'NPV', ci, 'NPV p05 to p95', 'P(loss)', 'beats base', 'Δ operating profit', ci, 'Δ total cost', 'Δ fill rate', 'Δ OTIF'],
    rows: ranked.map((o, i) => [
      o.name,
      String(o.rank ?? i + 1),
      o.kind,
      fmt(o.oneOffCost ?? null, 'money'),
      fmt(o.runningCostPerYear ?? null, 'money'),
      fmtDiff(o.npv?.mean, 'money'),
      fmtInterval(o.npv, 'money', true),
      o.npvQuantiles ? `${fmtDiff(o.npvQuantiles.p05, 'money')} to ${fmtDiff(o.npvQuantiles.p95, 'money')}` : 'n/a',
      share(o.shareLoss),
      share(o.shareBeatsBase),
      fmtDiff(o.differences.operatingProfit?.mean, 'money'),
      fmtInterval(o.differences.operatingProfit, 'money', true),
      fmtDiff(o.differences.totalCost?.mean, 'money'),
      fmtDiff(o.differences.fillRate?.mean, 'percent'),
      fmtDiff(o.differences.otif?.mean, 'percent'),
    ]),
    note: `Differences are option minus ${doc.base}, paired over the same replications (common random numbers); pp = percentage points. P(loss): share of replications with NPV < 0; beats base: share with NPV > 0. compare.csv beside the results has every KPI's paired difference.`,
  };
}

/** The headline KPIs per option: base level, option level, paired change with its interval. */
function headlineTable(doc: CompareResults, ranked: CompareOption[], scenario: ScenarioContext | undefined): ReportTable[] {
  const kpis = headlineKpis(scenario);
  const rows = ranked.flatMap((o) =>
    kpis.map((id) => {
      const { kind } = kpiInfo(id);
      return [o.name, kpiInfo(id).label, fmt(kpiOf(doc.baseResults, id)?.mean, kind), fmt(kpiOf(o.results, id)?.mean, kind), changeText(id, o.differences[id], kpiOf(doc.baseResults, id), kpiOf(o.results, id), false)];
    }),
  );
  return rows.length > 0
    ? [{ title: 'Headline KPIs per option', columns: ['Option', 'KPI', doc.base, 'option', `change (${pct(doc.confidence ?? 0.95)} CI)`], rows, note: 'Paired changes, option − base; money and quantities relative to the base.' }]
    : [];
}
