/**
 * Investment options against the base, on common random numbers.
 *
 * The base and every option run with the same seed and replication indices, so replication i
 * of each sees the same demand, delays and failures. For each option:
 * - paired differences (option − base) of operatingProfit, totalCost, fillRate, otif and
 *   avgInventoryValue (the working capital it ties up), with their t intervals;
 * - NPV over `investment.years` at `investment.discountRatePerYear`, per replication (formula
 *   in npv.ts: one-off cost, running cost and working-capital charge included), with its interval, and the share of replications in which NPV > 0 — the
 *   option beats the base once its costs are paid;
 * - a rank by mean NPV, naming the options whose NPV intervals overlap (the ranking between
 *   those is not established by this many replications), and the paired NPV difference with
 *   the next-ranked option (CRN makes that interval much narrower than the two separate ones).
 *
 * `variants: true` also puts the scenario's named variants through the same comparison, as
 * alternatives of kind `other`, with the one-off and running costs the variant states (0 by default).
 */
import type { OptionSpec } from '../scenario/schema.ts';
import { demandAssumption, demandChanges } from '../scenario/warnings.ts';
import { annuityFactor, npvSamples } from './npv.ts';
import type { ReplicationVectors } from './results.ts';
import { OVERALL_KPIS } from '../model/kpis.ts';
import { csvCell } from './sweep.ts';
import { confidenceInterval, pairedDifference, quantiles, type PairedDifference } from './stats.ts';
import {
  type Alternative,
  type AlternativeResults,
  type ExperimentOptions,
  type ScenarioInput,
  type ScenarioSource,
  baseAlternative,
  kpiColumn,
  openScenario,
  optionAlternative,
  problemAt,
  summarizeAlternative,
  variantAlternative,
  withRunner,
} from './variants.ts';
import { replicateAlternatives } from './stopping.ts';
import type { ExperimentMeta } from './results.ts';

/** KPIs whose paired differences every comparison reports. */
export const COMPARED_KPIS = ['operatingProfit', 'totalCost', 'fillRate', 'otif', 'avgInventoryValue'] as const;
export type ComparedKpi = (typeof COMPARED_KPIS)[number];

export interface CompareOptions extends ExperimentOptions {
  /** Names of the options (or variants) to compare; default every option. */
  only?: readonly string[];
  /** Also compare the named variants (true: all of them), as options without investment cost. */
  variants?: boolean;
}

/** A mean with its interval. */
export interface Interval {
  mean: number;
  ciLow: number;
  ciHigh: number;
  halfWidth: number;
  stdDev: number;
  n: number;
}

export interface OptionComparison {
  name: string;
  kind: 'scm' | 'crm' | 'other';
  /** Declared under `options:` or `variants:`. */
  source: 'option' | 'variant';
  description?: string;
  /** Investment at time 0 [money]. */
  oneOffCost: number;
  /** [money per year] */
  runningCostPerYear: number;
  /** Option − base, paired by replication: COMPARED_KPIS first, then every other overall KPI. */
  differences: Record<ComparedKpi, PairedDifference> & Record<string, PairedDifference>;
  /** NPV against the base [money]. */
  npv: Interval;
  /** Spread of the NPV across replications (the risk a mean hides) [money]. */
  npvQuantiles: { p05: number; p50: number; p95: number };
  /** Share of replications with NPV > 0. */
  shareBeatsBase: number;
  /** Share of replications with NPV < 0: the probability the investment loses money. */
  shareLoss: number;
  /** 1 = highest mean NPV. */
  rank: number;
  /** Options whose NPV interval overlaps this one's: their order is not established. */
  overlapsWith: string[];
  /** Paired NPV difference (this − next) against the option ranked just below, if any. */
  vsNext: (PairedDifference & { name: string }) | null;
  /** Set when the option changes demand directly: its gain is then an assumption, and this says so. */
  assumption?: string;
  results: AlternativeResults;
}

/** `kind: 'compare'` results document. */
export interface CompareResult extends ExperimentMeta {
  kind: 'compare';
  /**
   * Discounting terms. The window is stated in days and in years (windowYears = windowDays / 365),
   * the same unit as `years`: operating profit over the window is annualised × 1 / windowYears.
   */
  investment: {
    discountRatePerYear: number;
    years: number;
    annuityFactor: number;
    windowDays: number;
    windowYears: number;
    capitalChargeRatePerYear: number;
  };
  base: 'base';
  /** In declaration order (options, then variants). */
  options: OptionComparison[];
  /** Names by rank. */
  ranking: string[];
  baseResults: AlternativeResults;
  /**
   * SCM against CRM, when both families are compared: the best option of each (by mean NPV)
   * and their paired NPV difference (scm − crm) over the same replications.
   */
  families?: { scm: string; crm: string; npvDifference: PairedDifference };
  [extra: string]: unknown;
}

/** What a comparison needs to know about each alternative besides its scenario. */
export interface Candidate {
  alternative: Alternative;
  spec: Pick<OptionSpec, 'name' | 'kind' | 'description' | 'oneOffCost' | 'runningCostPerYear' | 'set'>;
  source: 'option' | 'variant';
}

/** The alternatives `compare` puts against the base (also used to rebuild a sharded comparison). */
export function candidates(src: ScenarioSource, opts: Pick<CompareOptions, 'only' | 'variants'>): Candidate[] {
  const list: Candidate[] = src.base.options.map((o, i) => ({ alternative: optionAlternative(src, i), spec: o, source: 'option' as const }));
  if (opts.variants)
    for (const name of Object.keys(src.base.variants))
      list.push({
        alternative: variantAlternative(src, name),
        spec: {
          name,
          kind: 'other',
          description: src.base.variants[name]!.description,
          oneOffCost: src.base.variants[name]!.oneOffCost,
          runningCostPerYear: src.base.variants[name]!.runningCostPerYear,
          set: src.base.variants[name]!.set,
        },
        source: 'variant',
      });
  if (opts.only && opts.only.length > 0) {
    const known = list.map((c) => c.spec.name);
    const unknown = opts.only.filter((n) => !known.includes(n));
    if (unknown.length > 0)
      throw problemAt(src, ['options'], `unknown option ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${known.join(', ') || 'none'})`);
    return list.filter((c) => opts.only!.includes(c.spec.name));
  }
  if (list.length === 0) throw problemAt(src, ['options'], 'nothing to compare: the scenario declares no options (and variants were not asked for)');
  return list;
}

/** Keeps the replications where every column is finite (a KPI can be undefined in a replication). */
function finitePairs(...cols: Float64Array[]): Float64Array[] {
  const keep: number[] = [];
  for (let i = 0; i < cols[0]!.length; i++) if (cols.every((c) => Number.isFinite(c[i]!))) keep.push(i);
  return cols.map((c) => Float64Array.from(keep, (i) => c[i]!));
}

/** Paired difference option − base of `kpi`, over the replications where both are defined. */
export function pairedKpiDifference(base: ReplicationVectors, option: ReplicationVectors, kpi: string, level: number): PairedDifference {
  const [b, o] = finitePairs(kpiColumn(base, kpi), kpiColumn(option, kpi)) as [Float64Array, Float64Array];
  return pairedDifference(b, o, level);
}

function interval(xs: Float64Array, level: number): Interval {
  const ci = confidenceInterval(xs, level);
  return { mean: ci.mean, ciLow: ci.low, ciHigh: ci.high, halfWidth: ci.halfWidth, stdDev: ci.stdDev, n: ci.n };
}

/**
 * Compares finished runs: `vectors[0]` is the base, `vectors[k]` candidate k − 1. Pure: the
 * same vectors give the same document.
 */
export function comparison(src: ScenarioSource, list: Candidate[], vectors: ReplicationVectors[], seed: number, replications: number, level: number): CompareResult {
  const { base: scenario } = src;
  const windowDays = scenario.horizonDays - scenario.warmupDays;
  const investment = scenario.investment;
  const a = annuityFactor(investment.discountRatePerYear, investment.years);
  const baseV = vectors[0]!;
  const baseProfit = kpiColumn(baseV, 'operatingProfit');
  const baseInventory = kpiColumn(baseV, 'avgInventoryValue');
  const capitalChargeRatePerYear = investment.capitalChargeRatePerYear ?? 0;
  const npvs: Float64Array[] = [];
  const options: OptionComparison[] = list.map((c, k) => {
    const v = vectors[k + 1]!;
    const names = [...COMPARED_KPIS, ...OVERALL_KPIS.filter((k) => !(COMPARED_KPIS as readonly string[]).includes(k))];
    const differences = Object.fromEntries(names.map((kpi) => [kpi, pairedKpiDifference(baseV, v, kpi, level)])) as OptionComparison['differences'];
    const [bp, op, bi, oi] = finitePairs(baseProfit, kpiColumn(v, 'operatingProfit'), baseInventory, kpiColumn(v, 'avgInventoryValue'));
    const npv = npvSamples(bp!, op!, windowDays, c.spec, investment, bi, oi);
    npvs.push(npv);
    let wins = 0;
    let losses = 0;
    for (const x of npv) if (x > 0) wins++;
    else if (x < 0) losses++;
    const [p05, p50, p95] = npv.length > 0 ? quantiles(npv, [0.05, 0.5, 0.95]) : [Number.NaN, Number.NaN, Number.NaN];
    const demand = demandChanges(c.spec.set);
    return {
      name: c.spec.name,
      kind: c.spec.kind,
      source: c.source,
      ...(c.spec.description !== undefined ? { description: c.spec.description } : {}),
      oneOffCost: c.spec.oneOffCost,
      runningCostPerYear: c.spec.runningCostPerYear,
      differences,
      npv: interval(npv, level),
      npvQuantiles: { p05: p05!, p50: p50!, p95: p95! },
      shareBeatsBase: npv.length > 0 ? wins / npv.length : Number.NaN,
      shareLoss: npv.length > 0 ? losses / npv.length : Number.NaN,
      rank: 0,
      overlapsWith: [],
      vsNext: null,
      ...(demand.length > 0 ? { assumption: demandAssumption(demand) } : {}),
      results: summarizeAlternative(c.alternative.scenario, seed, level, v),
    };
  });
  const order = options.map((_, i) => i).sort((i, j) => options[j]!.npv.mean - options[i]!.npv.mean || i - j);
  order.forEach((i, r) => (options[i]!.rank = r + 1));
  for (const o of options)
    o.overlapsWith = options.filter((p) => p !== o && p.npv.ciLow <= o.npv.ciHigh && o.npv.ciLow <= p.npv.ciHigh).map((p) => p.name);
  for (let r = 0; r + 1 < order.length; r++) {
    const i = order[r]!;
    const j = order[r + 1]!;
    if (npvs[i]!.length === npvs[j]!.length) options[i]!.vsNext = { name: options[j]!.name, ...pairedDifference(npvs[j]!, npvs[i]!, level) };
  }
  const bestOf = (kind: string) => order.find((i) => options[i]!.kind === kind);
  const [scm, crm] = [bestOf('scm'), bestOf('crm')];
  const families =
    scm !== undefined && crm !== undefined && npvs[scm]!.length === npvs[crm]!.length
      ? { scm: options[scm]!.name, crm: options[crm]!.name, npvDifference: pairedDifference(npvs[crm]!, npvs[scm]!, level) }
      : undefined;
  return {
    kind: 'compare',
    scenario: scenario.name,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    file: src.file,
    seed,
    replications,
    confidence: level,
    horizonDays: scenario.horizonDays,
    warmupDays: scenario.warmupDays,
    investment: {
      discountRatePerYear: investment.discountRatePerYear,
      years: investment.years,
      annuityFactor: a,
      windowDays,
      windowYears: windowDays / 365,
      capitalChargeRatePerYear,
    },
    base: 'base',
    options,
    ranking: order.map((i) => options[i]!.name),
    baseResults: summarizeAlternative(scenario, seed, level, baseV),
    ...(families ? { families } : {}),
  };
}

/**
 * Compares every investment option of a scenario file (or document) with its base on common
 * random numbers: paired KPI differences, NPV with its interval, share of wins, ranking.
 */
export async function compare(input: ScenarioInput, opts: CompareOptions = {}): Promise<CompareResult> {
  const src = openScenario(input, opts.sets);
  const list = candidates(src, opts);
  const seed = opts.seed ?? src.base.seed;
  const replications = opts.replications ?? src.base.replications;
  const level = opts.confidence ?? 0.95;
  const alternatives = [baseAlternative(src), ...list.map((c) => c.alternative)];
  const run = await withRunner(opts, (runner) =>
    replicateAlternatives(runner, alternatives, { seed, replications, confidence: level, precision: opts.precision, onProgress: opts.onProgress, signal: opts.signal }),
  );
  const result = comparison(src, list, run.vectors, seed, run.replications, level);
  return run.precision ? { ...result, precision: run.precision } : result;
}

/**
 * `compare.csv`: one row per option and overall KPI — base mean, option mean, the paired
 * difference option − base with its interval, the relative change, and the shares of
 * replications in which the option was above and below the base. Empty cell = not applicable.
 */
export function compareCsv(r: CompareResult): string {
  const header = ['option', 'kind', 'source', 'kpi', 'baseMean', 'optionMean', 'diffMean', 'diffCiLow', 'diffCiHigh', 'relativeChange', 'shareGreater', 'shareLess'];
  const rows: unknown[][] = [];
  for (const o of r.options)
    for (const [kpi, d] of Object.entries(o.differences)) {
      const b = r.baseResults.kpis[kpi]?.mean;
      rows.push([o.name, o.kind, o.source, kpi, b, o.results.kpis[kpi]?.mean, d.mean, d.ciLow, d.ciHigh, typeof b === 'number' && b !== 0 ? d.mean / Math.abs(b) : undefined, d.shareGreater, d.shareLess]);
    }
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
