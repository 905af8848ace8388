/**
 * The report of a comparison: which option wins, by how much and how sure we are. Options
 * are ranked as the comparison ranked them (by mean NPV, investment included); the evidence
 * is paired, on common random numbers: the NPV and profit differences with their intervals,
 * the share of replications in which the option beat the base, and whether the winner's
 * lead over the runner-up is established.
 */
import type { ReportChart } from '../charts/common.ts';
import { costBreakdownChart } from '../charts/costs.ts';
import { optionsChart } from '../charts/compare.ts';
import type { CompareOption, CompareResults, DifferenceStat, ReportInputs } from '../inputs.ts';
import { fmt, fmtDiff, fmtInterval, fmtWithInterval, pct, type ReportSection, type ReportTable } from '../model.ts';
import { costBar } from './run.ts';

export function compareSection(inputs: ReportInputs): ReportSection {
  const doc = inputs.results as CompareResults;
  const ranked = rankOptions(doc.options);
  return { summary: compareSummary(doc, ranked), charts: compareCharts(doc, ranked), tables: [optionsTable(doc, ranked)] };
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

export function compareSummary(doc: CompareResults, ranked: CompareOption[]): string[] {
  const level = doc.confidence ?? 0.95;
  const best = ranked[0];
  if (!best) return [`No options were compared with ${doc.base}.`];
  const priced = !!best.npv && best.npv.mean !== null;
  const horizon = doc.investment ? ` over ${doc.investment.years} years at ${fmt(doc.investment.discountRatePerYear, 'percent')} a year` : '';
  const m = merit(best);
  const what = priced ? `net present value against ${doc.base}${horizon}, investment and running costs included` : `operating profit against ${doc.base}`;
  const wins = !!m && m.mean !== null && m.mean > 0;
  const share = typeof best.shareBeatsBase === 'number' && Number.isFinite(best.shareBeatsBase) ? best.shareBeatsBase : null;
  const out: string[] = [];
  out.push(
    (wins ? `${best.name} wins: ` : `No option beats ${doc.base}; the least costly is ${best.name}: `) +
      `${what} ${fmtWithInterval(m, 'money', level, true)}` +
      (share !== null ? `; it comes out ahead of ${doc.base} in ${fmt(share, 'percent')} of the replications.` : '.'),
  );
  const p = best.differences.operatingProfit;
  const f = best.differences.fillRate;
  const o = best.differences.otif;
  if (priced && p)
    out.push(
      `In operation it changes operating profit by ${fmtWithInterval(p, 'money', level, true)} over each measured period` +
        (doc.investment?.windowDays ? ` of ${doc.investment.windowDays} days (${(doc.investment.windowDays / 365).toFixed(2)} years)` : '') +
        (f ? `, fill rate by ${fmtDiff(f.mean, 'percent')}` : '') +
        (o ? ` and OTIF by ${fmtDiff(o.mean, 'percent')}` : '') +
        '.',
    );
  const runnerUp = ranked[1];
  if (m && m.ciLow !== null && m.ciHigh !== null) {
    let sure = clearOfZero(m)
      ? `How sure: the ${pct(level)} interval excludes zero, so the ${wins ? 'gain' : 'loss'} is not an accident of the simulated futures`
      : `How sure: not very — the ${pct(level)} interval includes zero, so these replications cannot tell ${best.name} from ${doc.base}`;
    if (runnerUp && best.vsNext && best.vsNext.name === runnerUp.name)
      sure += clearOfZero(best.vsNext)
        ? `; its lead over ${runnerUp.name} is established too: paired NPV difference ${fmtWithInterval(best.vsNext, 'money', level, true)}.`
        : `; its lead over ${runnerUp.name} is not established: paired NPV difference ${fmtWithInterval(best.vsNext, 'money', level, true)}.`;
    else if (runnerUp && best.overlapsWith?.includes(runnerUp.name)) sure += `; its interval overlaps ${runnerUp.name}'s, so their order is not established.`;
    else sure += '.';
    if (!clearOfZero(m) || (best.vsNext && !clearOfZero(best.vsNext))) sure += ' More replications would narrow the intervals.';
    out.push(sure);
  }
  if (runnerUp) out.push(`Runner-up: ${runnerUp.name}, ${priced ? 'NPV' : 'operating profit'} ${fmtWithInterval(merit(runnerUp), 'money', level, true)}.`);
  for (const opt of ranked) if (opt.assumption) out.push(`Assumption: ${opt.name} ${opt.assumption}.`);
  return out;
}

function compareCharts(doc: CompareResults, ranked: CompareOption[]): ReportChart[] {
  const charts: ReportChart[] = [
    {
      id: 'options-compared',
      title: 'Options compared with the base',
      caption:
        `Each option minus ${doc.base}, paired replication by replication (the same random futures), with ${pct(doc.confidence ?? 0.95)} confidence intervals; right of the dashed zero line is better. ` +
        'Profit is over the measured period, before investment; NPV includes the investment and running costs. Bars: share of replications in which the option beat the base.',
      spec: optionsChart(
        ranked.map((o) => ({
          option: o.name,
          kind: o.kind,
          diff: o.differences.operatingProfit ?? { mean: null, ciLow: null, ciHigh: null },
          ...(o.npv ? { npv: o.npv } : {}),
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
      caption: 'Mean cost per cost line over the measured period, for the base and each option (investment costs not included).',
      spec: costBreakdownChart([costBar(doc.base, doc.baseResults.kpis), ...ranked.filter((o) => o.results).map((o) => costBar(o.name, o.results!.kpis))]),
    });
  return charts;
}

function optionsTable(doc: CompareResults, ranked: CompareOption[]): ReportTable {
  const ci = `${pct(doc.confidence ?? 0.95)} CI`;
  return {
    title: 'Options',
    columns: ['Option', 'rank', 'family', 'one-off cost', 'running cost / year', 'NPV', ci, 'beats base', 'Δ operating profit', ci, 'Δ total cost', 'Δ fill rate', 'Δ OTIF'],
    rows: ranked.map((o, i) => [
      o.name,
      String(o.rank ?? i + 1),
      o.kind,
      fmt(o.oneOffCost ?? null, 'money'),
      fmt(o.runningCostPerYear ?? null, 'money'),
      fmtDiff(o.npv?.mean, 'money'),
      fmtInterval(o.npv, 'money', true),
      fmt(o.shareBeatsBase ?? null, 'percent'),
      fmtDiff(o.differences.operatingProfit?.mean, 'money'),
      fmtInterval(o.differences.operatingProfit, 'money', true),
      fmtDiff(o.differences.totalCost?.mean, 'money'),
      fmtDiff(o.differences.fillRate?.mean, 'percent'),
      fmtDiff(o.differences.otif?.mean, 'percent'),
    ]),
    note: `Differences are option minus ${doc.base}, paired over the same replications (common random numbers); pp = percentage points. Beats base: share of replications with NPV > 0.`,
  };
}
