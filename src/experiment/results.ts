/**
 * From per-replication KPI vectors to the results document: every KPI summarised across
 * replications (mean, Student-t interval, quantiles), overall, by site and by segment.
 * Reduction always walks replications in index order, so the document is a pure function
 * of the vectors, whoever computed them and in whatever order they arrived.
 */
import type { KpiLayout } from '../model/kpis.ts';
import type { SeriesSummary } from './series-summary.ts';
import { confidenceInterval, DEFAULT_QUANTILES, quantile, quantileKey, quantiles } from './stats.ts';

/** Per-replication KPI vectors, replication-major: vector i at [i·length, (i+1)·length). */
export interface ReplicationVectors {
  layout: KpiLayout;
  count: number;
  data: Float64Array;
  /**
   * The series of these `count` replications, summarised as they ran instead of kept (`scsim
   * run`: see series-summary.ts); `layout` then holds the KPIs only.
   */
  seriesSummary?: SeriesSummary;
}

/**
 * One KPI across replications. Values are null where not applicable (e.g. no demand). The
 * quantiles across replications are keyed by quantileKey (`p05`, `p50`, `p95` by default;
 * the results document's `quantiles` lists them).
 */
export interface KpiStat {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  stdDev: number | null;
  /** Replications where the KPI was applicable. */
  n: number;
  [quantile: `p${string}`]: number | null;
}

export interface SeriesStat {
  /** Sample times [days]. */
  times: number[];
  mean: Array<number | null>;
  p05: Array<number | null>;
  p95: Array<number | null>;
}

export interface ResultsDocument {
  scenario: string;
  description?: string;
  seed: number;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  confidence: number;
  /** Quantiles reported for every KPI (probabilities; keys by quantileKey); absent in older files: DEFAULT_QUANTILES. */
  quantiles?: number[];
  kpis: Record<string, KpiStat>;
  bySite: Record<string, Record<string, KpiStat>>;
  bySegment: Record<string, Record<string, KpiStat>>;
  /** Per product: units and their value (on-hand, on-order, backorders), units shipped, COGS. */
  byProduct?: Record<string, Record<string, KpiStat>>;
  /** Per lane with vehicles (`<from>-><to>`): trips, units, fill, cost, wait at the dock; absent without vehicles. */
  byLane?: Record<string, Record<string, KpiStat>>;
  series: Record<string, SeriesStat>;
  /** Cost at risk: the 95th percentile of total cost across replications [money] (null without runs). */
  costAtRisk?: number | null;
  [extra: string]: unknown;
}

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Values of entry `index` across replications, in replication order, NaNs dropped. */
export function column(v: ReplicationVectors, index: number): Float64Array {
  const out = new Float64Array(v.count);
  let n = 0;
  const L = v.layout.length;
  for (let i = 0; i < v.count; i++) {
    const x = v.data[i * L + index]!;
    if (!Number.isNaN(x)) out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Values of KPI `name` across replications, NaN kept (for paired comparisons). */
export function kpiValues(v: ReplicationVectors, name: string): Float64Array {
  const index = v.layout.names.indexOf(name);
  if (index < 0) throw new Error(`unknown KPI "${name}"`);
  const out = new Float64Array(v.count);
  for (let i = 0; i < v.count; i++) out[i] = v.data[i * v.layout.length + index]!;
  return out;
}

/** Mean, Student-t interval at `level`, standard deviation and the quantiles `ps` of xs. */
export function kpiStat(xs: ArrayLike<number>, level: number, ps: readonly number[] = DEFAULT_QUANTILES): KpiStat {
  const empty = xs.length === 0;
  const ci = empty ? null : confidenceInterval(xs, level);
  const stat: KpiStat = {
    mean: ci ? num(ci.mean) : null,
    ciLow: ci ? num(ci.low) : null,
    ciHigh: ci ? num(ci.high) : null,
    stdDev: ci ? num(ci.stdDev) : null,
    n: ci ? ci.n : 0,
  };
  const qs = empty ? ps.map(() => Number.NaN) : quantiles(xs, ps);
  ps.forEach((p, k) => (stat[quantileKey(p)] = num(qs[k]!)));
  return stat;
}

/** What every what-if results document (sweep, frontier, compare) says about its experiment. */
export interface ExperimentMeta {
  scenario: string;
  /** The question the scenario answers (its `description`). */
  description?: string;
  file: string;
  seed: number;
  replications: number;
  confidence: number;
  horizonDays: number;
  warmupDays: number;
}

export interface RunMeta {
  scenario: string;
  description?: string;
  seed: number;
  horizonDays: number;
  warmupDays: number;
  confidence: number;
  /** Quantiles to report (default DEFAULT_QUANTILES). */
  quantiles?: readonly number[];
}

/** The header of a results document for `scenario` run with `seed` at `confidence`. */
export function runMeta(
  scenario: { name: string; description?: string; horizonDays: number; warmupDays: number },
  seed: number,
  confidence: number,
): RunMeta {
  return {
    scenario: scenario.name,
    description: scenario.description,
    seed,
    horizonDays: scenario.horizonDays,
    warmupDays: scenario.warmupDays,
    confidence,
  };
}

export function resultsDocument(meta: RunMeta, v: ReplicationVectors): ResultsDocument {
  const { layout } = v;
  const level = meta.confidence;
  const ps = [...(meta.quantiles ?? DEFAULT_QUANTILES)];
  const kpis: Record<string, KpiStat> = {};
  const bySite: Record<string, Record<string, KpiStat>> = {};
  const bySegment: Record<string, Record<string, KpiStat>> = {};
  const byProduct: Record<string, Record<string, KpiStat>> = {};
  const byLane: Record<string, Record<string, KpiStat>> = {};
  for (let i = 0; i < layout.kpiCount; i++) {
    const name = layout.names[i]!;
    const stat = kpiStat(column(v, i), level, ps);
    if (i < layout.siteOffset || !name.includes('.')) kpis[name] = stat; // overall transport KPIs come after the groups
    else {
      const [kind, id, kpi] = splitKpiName(name);
      const group = kind === 'site' ? bySite : kind === 'segment' ? bySegment : kind === 'lane' ? byLane : byProduct;
      (group[id] ??= {})[kpi] = stat;
    }
  }
  const series = v.seriesSummary ? summarySeries(v) : seriesStats(v);
  const totalCost = layout.names.indexOf('totalCost');
  const costs = totalCost >= 0 ? column(v, totalCost) : new Float64Array(0);
  const costAtRisk = costs.length > 0 ? num(quantile(costs, 0.95)) : null;
  // Lanes with vehicles only (kpi-transport.ts): absent otherwise, so other documents keep their shape.
  const lanes = Object.keys(byLane).length > 0 ? { byLane } : {};
  return { ...meta, quantiles: ps, replications: v.count, kpis, bySite, bySegment, byProduct, ...lanes, series, costAtRisk };
}

function summarySeries(v: ReplicationVectors): Record<string, SeriesStat> {
  const summary = v.seriesSummary!;
  if (summary.count !== v.count) throw new Error(`series summary of ${summary.count} replications for ${v.count} KPI vectors`);
  return summary.stats();
}

/** Mean and 5–95% band of every series at every sample time, from the vectors' series entries. */
export function seriesStats(v: ReplicationVectors): Record<string, SeriesStat> {
  const series: Record<string, SeriesStat> = {};
  for (const s of v.layout.series) {
    const stat: SeriesStat = { times: s.times, mean: [], p05: [], p95: [] };
    for (let t = 0; t < s.times.length; t++) {
      const xs = column(v, s.offset + t);
      const [p05, p95] = xs.length > 0 ? quantiles(xs, [0.05, 0.95]) : [Number.NaN, Number.NaN];
      let sum = 0;
      for (let i = 0; i < xs.length; i++) sum += xs[i]!;
      stat.mean.push(num(xs.length > 0 ? sum / xs.length : Number.NaN));
      stat.p05.push(num(p05!));
      stat.p95.push(num(p95!));
    }
    series[s.name] = stat;
  }
  return series;
}

/** `site.dc-north.fillRate` → ['site', 'dc-north', 'fillRate']. Ids contain no dots. */
export function splitKpiName(name: string): [string, string, string] {
  const first = name.indexOf('.');
  const last = name.lastIndexOf('.');
  return [name.slice(0, first), name.slice(first + 1, last), name.slice(last + 1)];
}
