/**
 * Runs a validation case: loads its scenario, runs the replications with the normal engine
 * (ExperimentRunner), and evaluates every check on the per-replication KPI vectors.
 */
import { ExperimentRunner } from '../experiment/runner.ts';
import type { ReplicationVectors } from '../experiment/results.ts';
import { buildNetwork } from '../model/network.ts';
import { loadScenario } from '../scenario/load.ts';
import type { ValidationCase } from './case.ts';
import { CONFIDENCE, type CheckResult, evaluate, type ReplicationView } from './check.ts';

export interface CaseResult {
  name: string;
  title: string;
  /** Scenario file. */
  file: string;
  replications: number;
  seed: number;
  horizonDays: number;
  warmupDays: number;
  confidence: number;
  checks: CheckResult[];
  /** True when no check FAILed (WIDE checks are inconclusive, not failures). */
  passed: boolean;
}

export interface RunCaseOptions {
  /** Replications (default: the scenario's). */
  replications?: number;
  /** Master seed (default: the scenario's). */
  seed?: number;
  /** Runner to use (default: a new in-thread runner, closed afterwards). */
  runner?: ExperimentRunner;
  onProgress?: (done: number, total: number) => void;
  confidence?: number;
}

/** Views of each replication's vector, by KPI name and series. */
export function replicationViews(v: ReplicationVectors): ReplicationView[] {
  const { layout } = v;
  const index = new Map(layout.names.map((n, i) => [n, i]));
  const views: ReplicationView[] = [];
  for (let i = 0; i < v.count; i++) {
    const base = i * layout.length;
    views.push({
      kpi(name) {
        const j = index.get(name);
        if (j === undefined) throw new Error(`unknown KPI "${name}"`);
        return v.data[base + j]!;
      },
      samples(name, from) {
        const s = layout.series.find((x) => x.name === name);
        if (!s) throw new Error(`unknown series "${name}"`);
        const out: number[] = [];
        s.times.forEach((t, k) => {
          if (t >= from) out.push(v.data[base + s.offset + k]!);
        });
        return Float64Array.from(out);
      },
    });
  }
  return views;
}

export async function runCase(c: ValidationCase, opts: RunCaseOptions = {}): Promise<CaseResult> {
  const scenario = loadScenario(c.file);
  const replications = opts.replications ?? scenario.replications;
  const seed = opts.seed ?? scenario.seed;
  const confidence = opts.confidence ?? CONFIDENCE;
  const checks = c.checks(scenario, buildNetwork(scenario));
  const runner = opts.runner ?? new ExperimentRunner({ workers: 0 });
  let vectors: ReplicationVectors;
  try {
    vectors = await runner.run(scenario, { seed, count: replications, onProgress: opts.onProgress });
  } finally {
    if (!opts.runner) await runner.close();
  }
  const views = replicationViews(vectors);
  const results = checks.map((ch) => evaluate(ch, views, confidence));
  return {
    name: c.name,
    title: c.title,
    file: c.file,
    replications,
    seed,
    horizonDays: scenario.horizonDays,
    warmupDays: scenario.warmupDays,
    confidence,
    checks: results,
    passed: results.every((r) => r.status !== 'FAIL'),
  };
}
