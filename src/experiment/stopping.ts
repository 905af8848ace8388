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
  return { layout: a.layout, count: a.count + b.count, data };
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
  opts: { seed: number; onProgress?: (done: number, total: number) => void; signal?: AbortSignal; kpisOnly?: boolean },
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
