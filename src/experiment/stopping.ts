/**
 * The precision stopping rule: add replications in rounds until one KPI's confidence interval
 * is narrow enough relative to its mean, or a cap is reached.
 *
 * After each round the relative half-width h/|mean| of the KPI is compared with the target. If
 * it is too wide, the next total is the classical estimate n·(h/target)² (the half-width shrinks
 * like 1/√n), rounded up to whole rounds, at least one round more, at most the cap.
 *
 * Determinism: every decision depends only on the vectors of replications 0 … n−1, which depend
 * only on (scenario, seed), and every total is a multiple of the round size (or the cap), so the
 * replications run — and the result — are the same whatever the worker count or batch size.
 */
import type { Scenario } from '../scenario/schema.ts';
import { column, type ReplicationVectors } from './results.ts';
import { type ExperimentRunner, RunAbortedError } from './runner.ts';
import { type Alternative, type CrnOptions, kpiProblem, runAlternatives } from './variants.ts';
import type { SeriesSummary } from './series-summary.ts';
import { confidenceInterval, relativeHalfWidth } from './stats.ts';

/** Replications per round unless told otherwise; also the first round. */
export const DEFAULT_ROUND_SIZE = 20;

export interface PrecisionRule {
  /** KPI id as in the vector layout: `fillRate`, `site.dc-north.fillRate`, `segment.retail.otif`. */
  kpi: string;
  /** Target relative half-width (0.01: the interval is the mean ± 1 %). */
  target: number;
  /** Confidence level of the interval (0.95). */
  confidence: number;
  /** Never run more replications than this. */
  maxReplications: number;
  /** Replications per round; every total is a multiple of it, except a total capped at the maximum. */
  roundSize?: number;
}

export interface PrecisionOutcome {
  vectors: ReplicationVectors;
  /** Relative half-width reached (NaN if undefined: fewer than two values; Infinity: mean 0). */
  relativeHalfWidth: number;
  /** Whether it is at or below the target. */
  met: boolean;
  /** Rounds run. */
  rounds: number;
}

/** Relative half-width of KPI `kpi` over the replications in `v` (not-applicable values skipped). */
export function kpiPrecision(v: ReplicationVectors, kpi: string, confidence: number): number {
  const index = v.layout.names.indexOf(kpi);
  if (index < 0 || index >= v.layout.kpiCount) throw new RangeError(`unknown KPI "${kpi}"`);
  return relativeHalfWidth(confidenceInterval(column(v, index), confidence));
}

/**
 * The next total after `n` replications left a relative half-width `h` above `target`:
 * ⌈n·(h/target)²⌉ rounded up to a multiple of `round`, at least n + round, at most `max`.
 * When h says nothing (NaN, Infinity) one more round is all we can justify.
 */
export function nextTotal(n: number, h: number, target: number, round: number, max: number): number {
  const need = Number.isFinite(h) ? Math.ceil(n * (h / target) ** 2) : 0;
  const rounded = Math.ceil(need / round) * round;
  return Math.min(max, Math.max(n + round, rounded));
}

function concat(a: ReplicationVectors, b: ReplicationVectors): ReplicationVectors {
  if (a.count === 0) return b;
  const data = new Float64Array(a.data.length + b.data.length);
  data.set(a.data, 0);
  data.set(b.data, a.data.length);
  return { layout: a.layout, count: a.count + b.count, data, ...(b.seriesSummary ? { seriesSummary: b.seriesSummary } : {}) };
}

/**
 * Runs rounds of replications 0, 1, 2, … until the rule is met or the cap is reached.
 * `onProgress(done, total)` reports against the currently planned total. If `signal` aborts,
 * rejects with a `RunAbortedError` holding every replication completed without a gap.
 */
export async function runToPrecision(
  runner: ExperimentRunner,
  scenario: Scenario,
  rule: PrecisionRule,
  opts: { seed: number; onProgress?: (done: number, total: number) => void; signal?: AbortSignal; kpisOnly?: boolean; seriesSummary?: SeriesSummary },
): Promise<PrecisionOutcome> {
  const round = rule.roundSize ?? DEFAULT_ROUND_SIZE;
  if (!Number.isInteger(round) || round < 1) throw new RangeError(`roundSize must be a positive integer, got ${round}`);
  if (!Number.isInteger(rule.maxReplications) || rule.maxReplications < 1)
    throw new RangeError(`maxReplications must be a positive integer, got ${rule.maxReplications}`);
  if (!(rule.target > 0)) throw new RangeError(`target must be positive, got ${rule.target}`);
  let vectors: ReplicationVectors | undefined;
  let planned = Math.min(round, rule.maxReplications);
  let rounds = 0;
  for (;;) {
    const done = vectors?.count ?? 0;
    let batch: ReplicationVectors;
    try {
      batch = await runner.run(scenario, {
        seed: opts.seed,
        first: done,
        count: planned - done,
        signal: opts.signal,
        kpisOnly: opts.kpisOnly,
        seriesSummary: opts.seriesSummary,
        onProgress: opts.onProgress && ((d) => opts.onProgress!(done + d, planned)),
      });
    } catch (err) {
      if (err instanceof RunAbortedError && vectors) throw new RunAbortedError(concat(vectors, err.completed), planned);
      throw err;
    }
    vectors = vectors ? concat(vectors, batch) : batch;
    rounds++;
    const h = kpiPrecision(vectors, rule.kpi, rule.confidence);
    const met = h <= rule.target;
    if (met || vectors.count >= rule.maxReplications) return { vectors, relativeHalfWidth: h, met, rounds };
    planned = nextTotal(vectors.count, h, rule.target, round, rule.maxReplications);
  }
}

/** The precision rule of a what-if experiment, as given by a caller (`--precision`, `--kpi`, `--max-replications`). */
export interface PrecisionOptions {
  /** KPI id whose interval must be narrow enough in every alternative. */
  kpi: string;
  /** Target relative half-width (0.01 = ±1 % of the mean). */
  target: number;
  /** Cap of replications per alternative (default 1000). */
  maxReplications?: number;
}

/** What a precision rule reached over several alternatives. */
export interface AlternativesPrecision {
  kpi: string;
  target: number;
  maxReplications: number;
  /** The widest relative half-width among the alternatives (NaN/Infinity as in `kpiPrecision`). */
  relativeHalfWidth: number;
  /** Every alternative at or below the target. */
  met: boolean;
}

/**
 * Replications of several alternatives on common random numbers: a fixed number, or with a
 * precision rule rounds of replications for all of them alike until every alternative's KPI
 * interval is narrow enough (the next total is the largest any of them needs), or the cap.
 * Every alternative always has the same replications 0 … n−1, so pairing (compare) and the
 * determinism argument of `runToPrecision` hold.
 */
export async function replicateAlternatives(
  runner: ExperimentRunner,
  alternatives: readonly Alternative[],
  opts: CrnOptions & { precision?: PrecisionOptions; confidence: number },
): Promise<{ vectors: ReplicationVectors[]; replications: number; precision?: AlternativesPrecision }> {
  const { precision, confidence, ...crn } = opts;
  if (!precision) return { vectors: await runAlternatives(runner, alternatives, crn), replications: crn.replications };
  const max = precision.maxReplications ?? 1000;
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`maxReplications must be an integer ≥ 2, got ${max}`);
  if (!(precision.target > 0)) throw new RangeError(`target must be positive, got ${precision.target}`);
  const problem = alternatives[0] && kpiProblem(alternatives[0].scenario, precision.kpi);
  if (problem) throw new RangeError(`precision: ${problem}`);
  let vectors: ReplicationVectors[] = alternatives.map(() => ({ layout: undefined as never, count: 0, data: new Float64Array(0) }));
  let done = 0;
  let planned = Math.min(DEFAULT_ROUND_SIZE, max);
  for (;;) {
    const from = done;
    const total = planned;
    const batch = await runAlternatives(runner, alternatives, {
      ...crn,
      first: from,
      replications: total - from,
      onProgress: crn.onProgress && ((d) => crn.onProgress!(alternatives.length * from + d, alternatives.length * total)),
    });
    vectors = vectors.map((v, i) => concat(v, batch[i]!));
    done = total;
    const widths = vectors.map((v) => kpiPrecision(v, precision.kpi, confidence));
    const widest = widths.reduce((a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b)), 0);
    const met = widths.every((h) => h <= precision.target);
    if (met || done >= max)
      return { vectors, replications: done, precision: { kpi: precision.kpi, target: precision.target, maxReplications: max, relativeHalfWidth: widest, met } };
    planned = Math.max(...widths.map((h) => nextTotal(done, h, precision.target, DEFAULT_ROUND_SIZE, max)));
  }
}
