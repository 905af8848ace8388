/**
 * scsim as a library: the same functions the command line calls, for a notebook, a service or
 * a script. Every function takes a scenario — a file path, a document, or the scenario as
 * plain data (the YAML structure as an object) — and options; each returns the results
 * document the matching command prints with `--json` (and writes as results.json).
 *
 * ```ts
 * import { ExperimentRunner, compare, frontier, optimize, run, sweep } from 'scsim';
 *
 * const runner = new ExperimentRunner({ workers: 4 });          // one worker pool …
 * try {
 *   const base = await run('scenarios/bottler-17-plants.yaml', { runner, replications: 40 });
 *   console.log(base.kpis.fillRate.mean, base.kpis.fillRate.ciLow, base.kpis.fillRate.ciHigh);
 *
 *   const cmp = await compare('scenarios/scm-vs-crm.yaml', { runner });   // … reused by every call
 *   for (const name of cmp.ranking) {
 *     const o = cmp.options.find((x) => x.name === name)!;
 *     console.log(name, o.npv.mean, o.npv.ciLow, o.npv.ciHigh, o.shareBeatsBase);
 *   }
 *
 *   const f = await frontier('scenarios/dc-consolidation.yaml', { runner, replications: 10 });
 *   const pts = await sweep('scenarios/dc-consolidation.yaml', {
 *     runner,
 *     parameters: { variant: ['base', 'three-dcs'], 'sites.dc-*.policy.targetServiceLevel': [0.9, 0.98] },
 *   });
 *   const opt = await optimize('my-network.yaml', {
 *     runner,
 *     leverSpecs: { 'sites.dc-*.policy.S': { min: 50, max: 400, step: 10 } },
 *     target: 0.95,
 *     per: 'segment',
 *   });
 *   console.log(opt.status, opt.chosen.parameters, opt.chosen.cost.mean, opt.evaluations);
 * } finally {
 *   await runner.close();                                            // ends the worker threads
 * }
 * ```
 *
 * Common options (`ExperimentOptions`): `sets` (`['path=value', …]`, as `--set`), `seed`,
 * `replications` (per alternative), `confidence` (0.95), `runner` (reused and left open) or
 * `workers` (a runner started and closed by the call; default 0 = in this thread),
 * `onProgress(done, total)` across the whole experiment, and `signal` (AbortSignal).
 *
 * Problems with a scenario throw a `ScenarioError` whose `problems` list every
 * `file:line:col: path: message`; a failing replication throws an Error naming it; an abort
 * rejects with an error named `AbortError`.
 *
 * Every alternative of an experiment (base, variants, options, sweep points, optimisation
 * candidates) runs with the same seed and replication indices: common random numbers, so
 * differences between alternatives are paired, replication by replication.
 */
import { resultsDocument, runMeta, type ResultsDocument } from './experiment/results.ts';
import { type PrecisionRule, runToPrecision } from './experiment/stopping.ts';
import { type ExperimentOptions, type ScenarioInput, openScenario, withRunner } from './experiment/variants.ts';

export { compare, type CompareOptions, type CompareResult, type OptionComparison } from './experiment/compare.ts';
export { frontier, frontierOf, type FrontierOptions, type FrontierPoint, type FrontierResult } from './experiment/frontier.ts';
export { annuityFactor, npvOfDifference, npvSamples, type Investment } from './experiment/npv.ts';
export {
  optimize,
  type Evaluation,
  type LeverSpec,
  type OptimizeOptions,
  type OptimizeProblem,
  type OptimizeResult,
  type SearchReport,
  type ServiceCheck,
  type Constraint,
} from './experiment/optimize.ts';
export { placement, type PlacementArm, type PlacementOptions, type PlacementResult, type PlacementStock } from './experiment/placement-plan.ts';
export { solveGsm, type GsmEdge, type GsmSolution, type GsmStage, type GsmStagePlan } from './experiment/placement.ts';
export { dominates, dominators, paretoFront, type ParetoInput } from './experiment/pareto.ts';
export type { KpiStat, ReplicationVectors, ResultsDocument, SeriesStat } from './experiment/results.ts';
export { ExperimentRunner, RunAbortedError, type RunnerOptions, type RunRange } from './experiment/runner.ts';
export { pairedDifference, welchDifference, confidenceInterval, type PairedDifference } from './experiment/stats.ts';
export { sweep, sweepCsv, type SweepOptions, type SweepPoint, type SweepPointResult, type SweepResult } from './experiment/sweep.ts';
// Sharding over batch engines (deploy/README.md): one shard's file, then the merge of all of them.
export { DEFAULT_BLOCK_SIZE, parseShardSpec, runShard, shardFromEnv, shardRanges, type ShardJob, type ShardSpec } from './experiment/shard.ts';
export { decodeShard, encodeShard, type ShardHeader, type ShardRange } from './experiment/shard-file.ts';
export { mergeShards, ShardMergeError, type MergedShards } from './experiment/shard-merge.ts';
export {
  knownKpis,
  openScenario,
  scenarioDocument,
  type AlternativeResults,
  type ExperimentOptions,
  type ScenarioInput,
  type ScenarioSource,
} from './experiment/variants.ts';
export { ScenarioError, type ScenarioProblem } from './scenario/errors.ts';
export { loadScenario } from './scenario/load.ts';
// Scenarios shipped with scsim, by name: shippedScenario('scm-vs-crm').
export { shippedScenario } from './project-paths.ts';
// Chart reports (scsim report): report.html, summary.md, charts as .vl.json, .svg and .png.
export { renderReportFiles, writeReport, writeReportFrom, type WriteReportOptions, type WrittenReport } from './report/write.ts';
export { loadReportInputs, replicationColumns, type ReportInputs } from './report/inputs.ts';
export type { Scenario } from './scenario/schema.ts';
export { CASES as VALIDATION_CASES, findCase as findValidationCase } from './validation/cases.ts';
export { runCase as runValidationCase, type CaseResult as ValidationCaseResult } from './validation/run.ts';
export type { ValidationCase } from './validation/case.ts';
export type { CheckResult as ValidationCheckResult } from './validation/check.ts';

/** Options of `run`: the common ones, plus an optional precision stopping rule. */
export interface RunOptions extends ExperimentOptions {
  /**
   * Instead of a fixed `replications`: add rounds of replications until `kpi`'s relative CI
   * half-width is at most `target` (0.01 = ±1% of the mean), at most `maxReplications`.
   */
  precision?: { kpi: string; target: number; maxReplications?: number };
}

/**
 * Monte Carlo replications of one scenario (`scsim run --json`): every KPI with its mean,
 * Student-t interval and quantiles, overall, by site, by segment, plus time series.
 */
export async function run(input: ScenarioInput, opts: RunOptions = {}): Promise<ResultsDocument> {
  const { base: scenario } = openScenario(input, opts.sets);
  const seed = opts.seed ?? scenario.seed;
  const confidence = opts.confidence ?? 0.95;
  const meta = runMeta(scenario, seed, confidence);
  return withRunner(opts, async (runner) => {
    if (opts.precision) {
      const rule: PrecisionRule = { kpi: opts.precision.kpi, target: opts.precision.target, confidence, maxReplications: opts.precision.maxReplications ?? 1000 };
      const seriesSummary = runner.summarizeSeries(scenario, rule.maxReplications);
      const outcome = await runToPrecision(runner, scenario, rule, { seed, onProgress: opts.onProgress, signal: opts.signal, seriesSummary });
      return {
        ...resultsDocument(meta, outcome.vectors),
        precision: { kpi: rule.kpi, target: rule.target, relativeHalfWidth: outcome.relativeHalfWidth, met: outcome.met, maxReplications: rule.maxReplications },
      };
    }
    const count = opts.replications ?? scenario.replications;
    const seriesSummary = runner.summarizeSeries(scenario, count);
    const vectors = await runner.run(scenario, { seed, count, onProgress: opts.onProgress, signal: opts.signal, seriesSummary });
    return resultsDocument(meta, vectors);
  });
}
