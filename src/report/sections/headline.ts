/**
 * The headline: the scenario's own question answered first, in the KPIs it declares
 * (`headline: [logisticsCost, otif, …]`), each with its interval — for a run its level, for a
 * comparison each option's paired change against the base ("logistics cost −26% [−28%, −24%],
 * OTIF −5.86 pp [..], lead time +12 h [..]"), for a sweep or frontier the plans that matter.
 * Scenarios without a `headline:` get the KPIs a supply-chain reader asks about first.
 */
import type { KpiStat } from '../../experiment/results.ts';
import type { AlternativeKpis, CompareOption, DifferenceStat, IntervalStat, ScenarioContext } from '../inputs.ts';
import { clipped, fmtDiff, fmtRelative, fmtWithInterval, kpiInfo, kpiText, nonNegative, pct } from '../model.ts';

/** The KPIs a report leads with when the scenario declares none. */
export const DEFAULT_HEADLINE = ['fillRate', 'otif', 'customerLeadTimeMean', 'totalCost', 'operatingProfit'];

/** The scenario's headline KPIs, or the default ones; a KPI the results lack is kept (it reads n/a). */
export function headlineKpis(scenario: ScenarioContext | undefined): string[] {
  const h = scenario?.headline;
  return Array.isArray(h) && h.length > 0 ? h.filter((k) => typeof k === 'string') : DEFAULT_HEADLINE;
}

/** A KPI of an alternative by id: overall, `site.<id>.<kpi>` or `segment.<id>.<kpi>`. */
export function kpiOf(r: AlternativeKpis | undefined, id: string): KpiStat | undefined {
  if (!r) return undefined;
  const m = /^(site|segment)\.(.+)\.([^.]+)$/.exec(id);
  if (!m) return r.kpis[id];
  return (m[1] === 'site' ? r.bySite : r.bySegment)?.[m[2]!]?.[m[3]!];
}

/** `OTIF 75.18% (95% CI 75.04% to 75.32%)` for each headline KPI, joined into one sentence. */
export function levelsSentence(intro: string, r: AlternativeKpis, kpis: string[], level: number): string {
  const parts = kpis.map((id) => `${kpiText(id)} ${fmtWithInterval(clipped(id, kpiOf(r, id)), kpiInfo(id).kind, level)}`);
  return `${intro}${parts.join('; ')}.`;
}

const finiteNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * One KPI's change option − base in words: rates in percentage points, money and quantities
 * relative to the base's mean (with the absolute change), times as a signed duration; the
 * paired interval in brackets. Without a paired difference (older results), the difference of
 * the means, said to be unpaired.
 */
export function changeText(id: string, diff: DifferenceStat | undefined, base: KpiStat | undefined, option: KpiStat | undefined, named = true): string {
  const { kind } = kpiInfo(id);
  const words = named ? kpiText(id) : '';
  const paired = diff && finiteNum(diff.mean);
  const d: IntervalStat = paired
    ? diff
    : { mean: finiteNum(option?.mean) && finiteNum(base?.mean) ? option.mean - base.mean : null, ciLow: null, ciHigh: null };
  if (!finiteNum(d.mean)) return `${words} n/a`.trim();
  const ci = finiteNum(d.ciLow) && finiteNum(d.ciHigh);
  const b = base?.mean;
  const note = paired ? '' : ' (difference of means)';
  if ((kind === 'money' || kind === 'units') && finiteNum(b) && Math.abs(b) > 0) {
    // A KPI that cannot be negative cannot fall by more than all of it.
    const floor = nonNegative(id) && b > 0 ? -1 : -Infinity;
    const rel = (x: number) => fmtRelative(Math.max(floor, x / Math.abs(b)));
    return `${words} ${rel(d.mean)}`.trimStart() + `${ci ? ` [${rel(d.ciLow!)}, ${rel(d.ciHigh!)}]` : ''} (${fmtDiff(d.mean, kind)})${note}`;
  }
  const short = kind === 'days' && Math.abs(d.mean) < 1 ? (Math.abs(d.mean * 24) < 1 ? 'min' : 'h') : 'd';
  return `${words} ${fmtDiff(d.mean, kind, short)}`.trimStart() + `${ci ? ` [${fmtDiff(d.ciLow, kind, short)}, ${fmtDiff(d.ciHigh, kind, short)}]` : ''}${note}`;
}

/** Per option, the headline KPIs' paired changes against the base, best-ranked option first. */
export function compareHeadline(
  options: CompareOption[],
  base: string,
  baseResults: AlternativeKpis | undefined,
  kpis: string[],
  level: number,
): string[] {
  return options.map(
    (o) =>
      `${o.name} against ${base} (${pct(level)} CI): ` +
      kpis.map((id) => changeText(id, o.differences[id], kpiOf(baseResults, id), kpiOf(o.results, id))).join('; ') +
      '.',
  );
}
